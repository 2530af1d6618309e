import { customerValueScore } from "../../../analysis/index";
import type { Study } from "../../../db/queries/studies";
import type { Locale } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { shownIntervals, type ShownInterval } from "../../components/report/shown-intervals";
import type { IgnoredParam, ReportOptions } from "./report-options.server";
import { loadReport } from "./report.server";
import type { ReportView } from "./report-view";
import { MAX_SEGMENTS, type ComparedInterval, type SegmentComparisonView, type SegmentOfferRow } from "./segment-comparison-view";

const interval = (i: ShownInterval | undefined): ComparedInterval | null => (i?.ok ? { lower: i.lower, upper: i.upper } : null);

/** Every offer on a segment's map: Q, RP and V with their 95 % intervals (the report's method) and n. */
function offerRows(report: ReportView): SegmentOfferRow[] {
  const a = report.analysis;
  const map = a?.valueMap;
  if (!a || !map || !map.ok) return [];
  const shown = shownIntervals(a);
  const w = a.weights;
  const q = "ok" in w ? null : w.qualityShare;
  return map.points.map((p) => {
    const figures = shown?.offers[p.offer];
    const v = q !== null ? customerValueScore(p.quality, p.satisfaction, q) : null;
    return {
      offer: p.offer,
      quality: p.quality,
      qualityInterval: interval(figures?.quality),
      relativePrice: p.relativePrice,
      relativePriceInterval: interval(figures?.relativePrice),
      value: v && v.ok ? v.value : null,
      valueInterval: interval(figures?.value),
      n: p.n,
    };
  });
}

/**
 * Two or more answers of one segment question side by side (issue 19): each answer's report is
 * `loadReport` with that segment as its filter (the report's respondents, flagged and wave
 * filters, methods, intervals and cache), so every figure is the one the report shows for that
 * segment. `compare.values` are the answers asked for; unknown ones and those without respondents
 * are dropped, and with fewer than two left every answer with respondents is compared (at most
 * `MAX_SEGMENTS`).
 */
export async function loadSegmentComparison(
  db: Db,
  study: Study,
  locale: Locale,
  requested: ReportOptions,
  ignored: IgnoredParam[],
  compare: { question: string | null; values: string[] },
): Promise<SegmentComparisonView> {
  const { segment: _ignored, ...rest } = requested;
  const report = await loadReport(db, study, locale, rest, ignored);
  const question = report.choices.segments.find((s) => s.question === compare.question) ?? report.choices.segments[0];
  if (!question) return { report, question: null, selected: [], issue: "no-question", segments: [] };
  const answered = new Set(question.values.filter((v) => v.n > 0).map((v) => v.value));
  let selected = [...new Set(compare.values)].filter((v) => answered.has(v));
  if (selected.length < 2) selected = question.values.filter((v) => v.n > 0).map((v) => v.value);
  selected = selected.slice(0, MAX_SEGMENTS);
  if (selected.length < 2) return { report, question: question.question, selected, issue: "need-two", segments: [] };

  const segments = [];
  for (const value of selected) {
    const segmentReport = await loadReport(db, study, locale, { ...report.options, segment: { question: question.question, value } });
    segments.push({
      value,
      label: question.values.find((v) => v.value === value)?.label ?? value,
      n: segmentReport.counts.analysed,
      report: segmentReport,
      rows: offerRows(segmentReport),
    });
  }
  return { report, question: question.question, selected, issue: null, segments };
}
