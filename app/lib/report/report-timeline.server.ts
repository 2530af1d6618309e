import { keyEventsTimeline } from "../../../analysis/index";
import { listKeyEvents } from "../../../db/queries/key-events";
import type { Db } from "../../../db/client";
import { inLocale, type Locale } from "~/i18n/index";
import type { ReportTimeline, TimelineEvent, TimelinePoint, WaveChoice } from "./report-view";

/**
 * The report's timeline: each offer's position per wave with the study's key events placed
 * between the waves (method.md, key events). Without waves, or with two waves on one date, the
 * timeline is unavailable and the events are listed undated ("between").
 */
export async function reportTimeline(
  db: Db,
  studyId: number,
  locale: Locale,
  waves: WaveChoice[],
  series: Array<{ offer: string; points: TimelinePoint[] }>,
): Promise<{ timeline: ReportTimeline; events: TimelineEvent[] }> {
  const eventRows = await listKeyEvents(db, studyId);
  const waveDates = new Set(waves.map((w) => w.date));
  const timelineResult =
    waves.length === 0
      ? ({ ok: false, reason: "no-waves" } as const)
      : waveDates.size !== waves.length
        ? ({ ok: false, reason: "duplicate-wave-date" } as const)
        : keyEventsTimeline({
            waves: waves.map((w) => ({ wave: String(w.wave), date: w.date, points: [] })),
            events: eventRows.map((e) => ({ date: e.occurredOn, offerId: e.offerCode, kind: String(e.id), label: inLocale(locale, e.label, e.labelZh) })),
          });
  const eventsById = new Map(eventRows.map((e) => [String(e.id), e]));
  const events: TimelineEvent[] = timelineResult.ok
    ? timelineResult.events.map((e) => ({
        id: Number(e.kind),
        offer: e.offerId,
        date: e.date,
        wave: eventsById.get(e.kind)?.wave ?? null,
        label: e.label,
        position: e.position,
        afterWave: e.afterWave !== null ? Number(e.afterWave) : null,
        beforeWave: e.beforeWave !== null ? Number(e.beforeWave) : null,
      }))
    : eventRows.map((e) => ({
        id: e.id,
        offer: e.offerCode,
        date: e.occurredOn,
        wave: e.wave,
        label: inLocale(locale, e.label, e.labelZh),
        position: "between" as const,
        afterWave: null,
        beforeWave: null,
      }));
  const timeline: ReportTimeline = timelineResult.ok ? { ok: true, waves, series, events } : { ok: false, reason: timelineResult.reason };
  return { timeline, events };
}
