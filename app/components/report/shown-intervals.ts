import type { StudyAnalysisReport } from "../../../analysis/analyze-study";

/** One figure's 95 % interval as the report shows it, from either method. */
export type ShownInterval = { ok: true; lower: number; upper: number } | { ok: false };

export interface ShownFigures {
  quality: ShownInterval;
  satisfaction: ShownInterval;
  relativePrice: ShownInterval;
  value: ShownInterval;
}

/**
 * The intervals the report shows: the percentile bootstrap when the analysis ran it (up to
 * `BOOTSTRAP_UP_TO` respondents, app/lib/report/report-intervals.ts), else the delta method's
 * large-sample intervals. Both have the same figures; the legend names the method.
 */
export interface ShownIntervals {
  method: "bootstrap" | "delta";
  /** bootstrap replicates (null for the delta method) */
  replicates: number | null;
  offers: Record<string, ShownFigures>;
  own: ShownFigures & { ratios: Record<string, ShownInterval> };
}

export function shownIntervals(analysis: StudyAnalysisReport | null | undefined): ShownIntervals | null {
  if (!analysis) return null;
  const { bootstrap, delta } = analysis.intervals;
  if (bootstrap.ok) return { method: "bootstrap", replicates: bootstrap.replicates, offers: bootstrap.offers, own: bootstrap.own };
  if (delta.ok) return { method: "delta", replicates: null, offers: delta.offers, own: delta.own };
  return null;
}
