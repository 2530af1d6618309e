import { isIncluded, type RespondentOutcome, type StudyRespondent } from "../../../analysis/index";
import type { AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { reportDataVersion } from "../../../db/queries/report-data";
import { listOffers, type Study } from "../../../db/queries/studies";
import { readStatedWeights } from "../../../surveys/read-stated-weights";
import type { Db } from "../../../db/client";
import { clearRespondentStore, storedRespondents } from "./report-respondent-store.server";
import type { ReportOptions } from "./report-options.server";

/** Forgets the held respondents (tests, the benchmark's restart). */
export function clearRespondentCache(): void {
  clearRespondentStore();
}

/** Whether `record` has an own key (no array of its keys made). */
function hasKeys(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** A stored respondent as the analysis library reads it (the study's stated weights when the respondent gave none). */
export function toOutcome(r: AnalysisRespondent, stated: { weights: Record<string, number>; qualityShare: number } | null): StudyRespondent {
  const hasWeights = hasKeys(r.weights);
  const weights = hasWeights || !stated ? r.weights : stated.weights;
  const qualityShare = r.qualityShare ?? (hasWeights ? null : (stated?.qualityShare ?? null));
  // Optional fields set only when given (one object per respondent, no spread of temporary ones).
  const outcome: StudyRespondent = { id: String(r.id), weights, ratings: r.ratings, overall: r.overall, considered: r.considered, wave: String(r.wave) };
  if (qualityShare !== null) outcome.qualityShare = qualityShare;
  if (r.chose !== null) outcome.chose = r.chose;
  if (r.maxDiff.length > 0) outcome.maxDiff = r.maxDiff.map(({ items, best, worst }) => ({ items, best, worst }));
  if (r.prices) {
    outcome.priceSensitivity = {
      tooCheap: r.prices.tooCheap,
      cheap: r.prices.cheap,
      expensive: r.prices.expensive,
      tooExpensive: r.prices.tooExpensive,
      ...(r.prices.likelihoodCheap !== null ? { likelihoodAtCheap: r.prices.likelihoodCheap } : {}),
      ...(r.prices.likelihoodExpensive !== null ? { likelihoodAtExpensive: r.prices.likelihoodExpensive } : {}),
    };
  }
  if (r.ladder.length > 0) outcome.gaborGranger = r.ladder;
  return outcome;
}


/** Every complete response of the study at this data version (the respondent store: read once, then caught up). */
export async function respondentsAt(db: Db, study: Study, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  return storedRespondents(db, study.id, own, version);
}

/**
 * `toOutcome` remembered per held respondent and the study's stated weights (as stored): a
 * report after one new response converts one respondent, not all of them. Outcomes are read,
 * never written, by the analysis library (pure).
 */
const outcomeMemo = new WeakMap<AnalysisRespondent, { statedJson: string | null; outcome: StudyRespondent }>();
/** The stated weights last read (one parse for a pass over every respondent, not one each). */
let lastStated: { json: string | null; stated: ReturnType<typeof readStatedWeights> } = { json: null, stated: null };
export function outcomeOf(r: AnalysisRespondent, statedJson: string | null): StudyRespondent {
  const memo = outcomeMemo.get(r);
  if (memo && memo.statedJson === statedJson) return memo.outcome;
  if (lastStated.json !== statedJson) lastStated = { json: statedJson, stated: readStatedWeights(statedJson) };
  const outcome = toOutcome(r, lastStated.stated);
  outcomeMemo.set(r, { statedJson, outcome });
  return outcome;
}

/**
 * The respondents the report analyses for `options` (flagged and segment filters, and the wave
 * filter unless `allWaves`), as the analysis library's outcomes (each with its wave), read
 * through the report's own cache: the scenarios and value leads share use exactly the report's
 * respondents. `options` as `loadReport` returns them (unknown segments and waves dropped).
 */
export async function reportRespondents(
  db: Db,
  study: Study,
  options: Pick<ReportOptions, "segment" | "wave" | "flagged">,
  { allWaves = false }: { allWaves?: boolean } = {},
): Promise<RespondentOutcome[]> {
  const own = (await listOffers(db, study.id)).find((o) => o.isOwn)?.code ?? null;
  const all = await respondentsAt(db, study, own, await reportDataVersion(db, study.id));
  return all
    .filter((r) => isIncluded(r.flags, r.review, options.flagged))
    .filter((r) => !options.segment || r.profile[options.segment.question] === options.segment.value)
    .filter((r) => allWaves || options.wave === undefined || r.wave === options.wave)
    .map((r) => outcomeOf(r, study.statedWeightsJson));
}
