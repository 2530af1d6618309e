import type { ReportView } from "../report/report-view";

/** The tables of the research methods and tools (issue 19), exported when the report has them. */
export const METHOD_TABLE_NAMES = ["maxdiff", "price-research", "quadrant", "difference", "delivered-value"] as const;
export type MethodTableName = (typeof METHOD_TABLE_NAMES)[number];

/**
 * Which of the method tables this report has (client-safe: the export panel lists their CSV
 * links, the workbook adds their sheets): MaxDiff when asked and estimated, the price research
 * figures when the block is asked, the importance quadrant when it was placed, Best's difference
 * method whenever there is an analysis, Kotler's delivered value when computed.
 */
export function methodTablesOf(report: ReportView): MethodTableName[] {
  const a = report.analysis;
  if (!a) return [];
  const names: MethodTableName[] = [];
  const maxDiffKinds = report.methods.maxDiff?.kinds ?? [];
  if (maxDiffKinds.some((kind) => { const m = a.maxDiffByKind[kind]; return m.ok && m.utilities.ok; })) names.push("maxdiff");
  if (report.methods.price) names.push("price-research");
  if (a.importancePerformance.stated.ok) names.push("quadrant");
  if (a.differenceMethodByOffer.length > 0) names.push("difference");
  if (a.relativeDeliveredValue.ok) names.push("delivered-value");
  return names;
}
