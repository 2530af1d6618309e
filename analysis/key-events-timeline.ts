import type { KeyEventsTimelineInput, KeyEventsTimelineResult, PlacedKeyEvent, TimelineSeriesPoint } from "./types";

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for an ISO calendar date YYYY-MM-DD with month 01..12 and day 01..31. */
function isCalendarDate(date: string): boolean {
  const match = CALENDAR_DATE.exec(date);
  if (match === null) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Key events timeline (method.md "The tools" (f)): the tracked Q, RP and V of each offer per
 * wave, and each dated event placed in the wave interval it falls in.
 *
 * Dates are ISO calendar dates `YYYY-MM-DD`, compared as strings (no clock, no time zone).
 * Waves are sorted by date. An event dated d falls after the last wave dated <= d and before
 * the first wave dated > d: an event on a wave's date counts as after that wave (its
 * fieldwork is taken not to reflect it). Position "before-first" (d earlier than every wave),
 * "after-last" (d on or after the last wave) or "between".
 *
 * Series: per offer (in order of first appearance), its points in wave order; a wave without
 * the offer leaves a gap. Events keep all fields and are sorted by date (stable).
 *
 * Unavailable: "no-waves", "invalid-date", "duplicate-wave", "duplicate-wave-date",
 * "not-finite" (a quality, relative price or value that is NaN or infinite).
 */
export function keyEventsTimeline(input: KeyEventsTimelineInput): KeyEventsTimelineResult {
  if (input.waves.length === 0) return { ok: false, reason: "no-waves" };
  const ids = new Set<string>();
  const dates = new Set<string>();
  for (const wave of input.waves) {
    if (!isCalendarDate(wave.date)) return { ok: false, reason: "invalid-date" };
    if (ids.has(wave.wave)) return { ok: false, reason: "duplicate-wave" };
    if (dates.has(wave.date)) return { ok: false, reason: "duplicate-wave-date" };
    ids.add(wave.wave);
    dates.add(wave.date);
    for (const p of wave.points) {
      const numbers = [p.quality, p.relativePrice, ...(p.value !== undefined ? [p.value] : [])];
      if (!numbers.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
    }
  }
  if (input.events.some((e) => !isCalendarDate(e.date))) return { ok: false, reason: "invalid-date" };

  const waves = [...input.waves].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const series = new Map<string, TimelineSeriesPoint[]>();
  for (const wave of waves) {
    for (const p of wave.points) {
      const point: TimelineSeriesPoint = {
        wave: wave.wave,
        date: wave.date,
        quality: p.quality,
        relativePrice: p.relativePrice,
        ...(p.value !== undefined ? { value: p.value } : {}),
      };
      const list = series.get(p.offerId);
      if (list === undefined) series.set(p.offerId, [point]);
      else list.push(point);
    }
  }

  const events: PlacedKeyEvent[] = input.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.index - b.index))
    .map(({ event }) => {
      const after = waves.filter((w) => w.date <= event.date).at(-1);
      const before = waves.find((w) => w.date > event.date);
      const position = after === undefined ? "before-first" : before === undefined ? "after-last" : "between";
      return { ...event, position, afterWave: after?.wave ?? null, beforeWave: before?.wave ?? null };
    });

  return {
    ok: true,
    waves: waves.map((w) => ({ wave: w.wave, date: w.date })),
    series: [...series].map(([offerId, points]) => ({ offerId, points })),
    events,
  };
}
