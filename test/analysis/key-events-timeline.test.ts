import { describe, it, expect } from "vitest";
import { keyEventsTimeline } from "../../analysis";
import type { KeyEvent, KeyEventsTimelineInput } from "../../analysis";
import { ok } from "./helpers";

/** Three waves given out of date order; cedar is missing from the second wave. */
const waves: KeyEventsTimelineInput["waves"] = [
  {
    wave: "w2",
    date: "2023-09-01",
    points: [{ offerId: "aster", quality: 115, relativePrice: 106, value: 12 }],
  },
  {
    wave: "w1",
    date: "2023-03-01",
    points: [
      { offerId: "aster", quality: 110, relativePrice: 105, value: 10 },
      { offerId: "cedar", quality: 85, relativePrice: 82 },
    ],
  },
  {
    wave: "w3",
    date: "2024-03-01",
    points: [
      { offerId: "aster", quality: 117.254, relativePrice: 107.6159, value: 18.2651 },
      { offerId: "cedar", quality: 84.4914, relativePrice: 81.8966 },
    ],
  },
];

function event(date: string, label: string): KeyEvent {
  return { date, offerId: "aster", kind: "launch", label };
}

describe("keyEventsTimeline", () => {
  const result = ok(
    keyEventsTimeline({
      waves,
      events: [
        event("2023-10-15", "between 2 and 3"),
        event("2023-01-15", "before"),
        event("2023-03-01", "on wave 1"),
        event("2024-06-01", "after"),
      ],
    }),
  );

  it("orders the waves by date", () => {
    expect(result.waves.map((w) => w.wave)).toEqual(["w1", "w2", "w3"]);
  });

  it("gives each offer's series in wave order", () => {
    expect(result.series[0]).toEqual({
      offerId: "aster",
      points: [
        { wave: "w1", date: "2023-03-01", quality: 110, relativePrice: 105, value: 10 },
        { wave: "w2", date: "2023-09-01", quality: 115, relativePrice: 106, value: 12 },
        { wave: "w3", date: "2024-03-01", quality: 117.254, relativePrice: 107.6159, value: 18.2651 },
      ],
    });
  });

  it("leaves a gap where an offer is missing from a wave", () => {
    expect(result.series[1]?.points.map((p) => p.wave)).toEqual(["w1", "w3"]);
  });

  it("places an event before the first wave", () => {
    expect(result.events[0]).toMatchObject({ label: "before", position: "before-first", afterWave: null, beforeWave: "w1" });
  });

  it("places an event on a wave's date after that wave", () => {
    expect(result.events[1]).toMatchObject({ label: "on wave 1", position: "between", afterWave: "w1", beforeWave: "w2" });
  });

  it("places an event between two waves", () => {
    expect(result.events[2]).toMatchObject({ label: "between 2 and 3", position: "between", afterWave: "w2", beforeWave: "w3" });
  });

  it("places an event after the last wave", () => {
    expect(result.events[3]).toMatchObject({ label: "after", position: "after-last", afterWave: "w3", beforeWave: null });
  });

  it("keeps the input order of events on the same date", () => {
    const same = ok(keyEventsTimeline({ waves, events: [event("2023-05-01", "first"), event("2023-05-01", "second")] }));
    expect(same.events.map((e) => e.label)).toEqual(["first", "second"]);
  });

  it("works with one wave", () => {
    const single = ok(
      keyEventsTimeline({ waves: waves.slice(0, 1), events: [event("2023-08-31", "x"), event("2023-09-01", "y")] }),
    );
    expect(single.events.map((e) => e.position)).toEqual(["before-first", "after-last"]);
  });

  it("returns no-waves without waves", () => {
    expect(keyEventsTimeline({ waves: [], events: [] })).toEqual({ ok: false, reason: "no-waves" });
  });

  it("returns invalid-date for an event date that is not YYYY-MM-DD", () => {
    expect(keyEventsTimeline({ waves, events: [event("2023/05/01", "x")] })).toEqual({ ok: false, reason: "invalid-date" });
  });

  it("returns invalid-date for month 13", () => {
    expect(keyEventsTimeline({ waves: [{ wave: "w", date: "2023-13-01", points: [] }], events: [] })).toEqual({
      ok: false,
      reason: "invalid-date",
    });
  });

  it("returns duplicate-wave for a wave id given twice", () => {
    expect(
      keyEventsTimeline({
        waves: [
          { wave: "w", date: "2023-01-01", points: [] },
          { wave: "w", date: "2023-02-01", points: [] },
        ],
        events: [],
      }),
    ).toEqual({ ok: false, reason: "duplicate-wave" });
  });

  it("returns duplicate-wave-date for two waves on one date", () => {
    expect(
      keyEventsTimeline({
        waves: [
          { wave: "a", date: "2023-01-01", points: [] },
          { wave: "b", date: "2023-01-01", points: [] },
        ],
        events: [],
      }),
    ).toEqual({ ok: false, reason: "duplicate-wave-date" });
  });

  it("returns not-finite for a point that is not finite", () => {
    expect(
      keyEventsTimeline({
        waves: [{ wave: "w", date: "2023-01-01", points: [{ offerId: "a", quality: Number.NaN, relativePrice: 100 }] }],
        events: [],
      }),
    ).toEqual({ ok: false, reason: "not-finite" });
  });
});
