import { analyzeStudy, type StudyAnalysisInput, type StudyAnalysisReport } from "./analyze-study";
import { respondentLevelFromStatistics } from "./sufficient/respondent-level-from-statistics";
import type { StudyStatistics } from "./sufficient/types";

export type StudyAnalysisFromStatistics =
  | { ok: true; report: StudyAnalysisReport }
  /** the statistics cannot stand for the respondents here: run `analyzeStudy` on them */
  | { ok: false; reason: "needs-respondents" };

/**
 * `analyzeStudy` from one cell of sufficient statistics (analysis/sufficient/: `studyStatistics`,
 * `addRespondent`, `mergeStatistics`) instead of the respondents: the same report, each
 * respondent pass answered by `respondentLevelFromStatistics` (equal up to rounding), so its cost
 * does not grow with the respondents. For the large-sample report only: "needs-respondents" when
 * the input asks for the bootstrap (`options.bootstrap` must be false), a segment or wave filter
 * (filter the respondents into cells instead), two-level weights (`groups`), or when a counted
 * respondent answered MaxDiff tasks or price research (those tools need every answer), or when
 * the cell was laid out for other offers, attributes or another own offer.
 */
export function analyzeStudyFromStatistics(
  input: Omit<StudyAnalysisInput, "respondents" | "summary">,
  statistics: StudyStatistics,
): StudyAnalysisFromStatistics {
  const options = input.options ?? {};
  const { layout } = statistics;
  const own = input.offers.find((o) => o.own)?.id ?? "";
  const sameDesign =
    layout.ownId === own &&
    layout.offers.length === input.offers.length &&
    layout.offers.every((id, i) => input.offers[i]?.id === id) &&
    layout.attributes.length === input.attributes.length &&
    layout.attributes.every((a, i) => {
      const b = input.attributes[i];
      return b !== undefined && b.id === a.id && b.kind === a.kind && (b.lowerIsBetter === true) === (a.lowerIsBetter === true);
    });
  if (
    !sameDesign ||
    options.bootstrap !== false ||
    options.segment !== undefined ||
    options.wave !== undefined ||
    input.groups !== undefined ||
    (statistics.sums[layout.offsets.unsupported] as number) > 0
  ) {
    return { ok: false, reason: "needs-respondents" };
  }
  return { ok: true, report: analyzeStudy({ ...input, respondents: [] }, respondentLevelFromStatistics(statistics)) };
}
