import { describe, expect, it } from "vitest";
import { readFocusGroupResponse, type FocusGroupReadResult } from "../../surveys/read-focus-group-response";
import { singlePriceStudy, study } from "./fixtures";

function valid(): Record<string, unknown> {
  return {
    matters_quality: ["speed", "comfort"],
    matters_price: ["fare", "fees"],
    points_speed: 60,
    points_comfort: 40,
    points_fare: 75,
    points_fees: 25,
    suggestion_1: "  Wi-Fi on board ",
    suggestion_1_points: 15,
    suggestion_2: "Punctuality",
    quality_share: 65,
  };
}
const value = (r: FocusGroupReadResult) => {
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.value;
};
const errors = (r: FocusGroupReadResult) => (r.ok ? [] : r.errors);

describe("readFocusGroupResponse", () => {
  it("gives every listed attribute a weight, 0 when it does not matter, in study order", () => {
    expect(value(readFocusGroupResponse(study, valid())).weights).toEqual([
      { attribute: "speed", weight: 60 },
      { attribute: "comfort", weight: 40 },
      { attribute: "safety", weight: 0 },
      { attribute: "fare", weight: 75 },
      { attribute: "fees", weight: 25 },
    ]);
  });

  it("reads the quality share, what matters and the suggestions (trimmed; points optional)", () => {
    const v = value(readFocusGroupResponse(study, valid()));
    expect(v.qualityShare).toBe(65);
    expect(v.matters).toEqual(["speed", "comfort", "fare", "fees"]);
    expect(v.suggestions).toEqual([
      { position: 1, text: "Wi-Fi on board", weight: 15 },
      { position: 2, text: "Punctuality", weight: null },
    ]);
  });

  it("gives a single attribute of its kind 100 without asking", () => {
    const answers = { matters_quality: ["speed", "comfort"], points_speed: 50, points_comfort: 50, quality_share: 50 };
    expect(value(readFocusGroupResponse(singlePriceStudy, answers)).weights).toEqual([
      { attribute: "speed", weight: 50 },
      { attribute: "comfort", weight: 50 },
      { attribute: "fare", weight: 100 },
    ]);
  });

  it("ignores points left on an attribute that does not matter", () => {
    const v = value(readFocusGroupResponse(study, { ...valid(), points_safety: 30 }));
    expect(v.weights.find((w) => w.attribute === "safety")?.weight).toBe(0);
  });

  it("refuses points of the attributes that matter not summing to 100", () => {
    expect(errors(readFocusGroupResponse(study, { ...valid(), points_comfort: 30 }))).toEqual([
      "points_quality_total requires the points of the quality attributes that matter to sum to 100 (got 90)",
    ]);
  });

  it("refuses an empty or foreign list of what matters", () => {
    expect(errors(readFocusGroupResponse(study, { ...valid(), matters_quality: [] }))).toEqual([
      "matters_quality requires a non-empty list of quality attribute codes",
    ]);
    expect(errors(readFocusGroupResponse(study, { ...valid(), matters_price: ["fare", "speed"] }))).toEqual([
      "matters_price requires a non-empty list of price attribute codes",
    ]);
  });

  it("refuses points out of range, a too long suggestion and suggestion points above 100", () => {
    expect(errors(readFocusGroupResponse(study, { ...valid(), points_speed: 160, points_comfort: -60 }))).toEqual([
      "points_speed requires a number from 0 to 100",
      "points_comfort requires a number from 0 to 100",
    ]);
    expect(errors(readFocusGroupResponse(study, { ...valid(), suggestion_2: "x".repeat(121) }))).toEqual([
      "suggestion_2 requires a text of at most 120 characters",
    ]);
    expect(errors(readFocusGroupResponse(study, { ...valid(), suggestion_1_points: 101 }))).toEqual([
      "suggestion_1_points requires a number from 0 to 100",
    ]);
  });

  it("refuses a missing quality share and answers that are not an object", () => {
    const { quality_share: _, ...rest } = valid();
    expect(errors(readFocusGroupResponse(study, rest))).toEqual(["quality_share requires a number from 0 to 100"]);
    expect(errors(readFocusGroupResponse(study, [valid()]))).toEqual(["answers require a JSON object"]);
  });
});
