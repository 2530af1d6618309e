import type { ReportPriceProfile, ReportQualityProfile, ReportValueMap, StudyAnalysisInput, StudyAnalysisReport } from "../analyze-study";
import { toReportValueMap } from "../analyze-study";
import { customerValueScore } from "../customer-value-score";
import { filterRespondents } from "../filter-respondents";
import { priceProfile } from "../price-profile";
import { qualityProfile } from "../quality-profile";
import type { CustomerValueScoreResult, FairValueLineSpec, MeanScores, ProfileRow } from "../types";
import { valueMap } from "../value-map";
import { applyScenario } from "./apply-scenario";
import { fitBetaToShares } from "./fit-beta-to-shares";
import { fitLogitBeta } from "./fit-logit-beta";
import { shareIntervals } from "./share-intervals";
import { shareOfPreference } from "./share-of-preference";
import type {
  AppliedChange,
  BetaFitSpec,
  Movement,
  Scenario,
  ScenarioBase,
  ScenarioInvalid,
  ShareIntervalsResult,
  ShareOfPreferenceResult,
} from "./types";

type BetaFit = ReturnType<typeof fitLogitBeta> | ReturnType<typeof fitBetaToShares>;

/** The share of preference of one scenario in the `analyze` output (respondent-level input only). */
export interface ScenarioShares {
  /** how β was fitted: maximum likelihood on `chose`, else the share fit to the offers' `share` (else why neither) */
  fit: BetaFit;
  /** base and scenario shares at the fitted β */
  shares: ShareOfPreferenceResult | { ok: false; reason: "no-fit" };
  /** their percentile bootstrap intervals (`options.bootstrap`, `options.level`) */
  intervals: ShareIntervalsResult | { ok: false; reason: "not-requested" | "no-fit" };
}

/** One scenario of `options.scenarios`, recomputed (docs/method.md §9). */
export type ScenarioReport =
  | {
      ok: true;
      /** the changes as applied to the mean scores and prices (skipped ones say why) */
      changes: AppliedChange[];
      movements: Movement[];
      /** the scenario's means (n unchanged) */
      means: MeanScores;
      valueMap: ReportValueMap;
      qualityProfile: ReportQualityProfile;
      priceProfile: ReportPriceProfile;
      valueScore: CustomerValueScoreResult;
      shares?: ScenarioShares;
    }
  | ScenarioInvalid
  | { ok: false; reason: "base-map-unavailable"; cause: string; map: "base" | "scenario" };

const lineOf = (line: NonNullable<StudyAnalysisInput["options"]>["fairValueLine"]): FairValueLineSpec =>
  typeof line === "object" ? { type: "slope", slope: line.slope } : { type: line ?? "weights" };

/**
 * The `analyze` command's scenarios (docs/analysis-format.md `options.scenarios`): each one
 * applied to the base the report was computed from (`applyScenario` on the report's weights,
 * means and q, with every map option of the input), then the own offer's profiles and V
 * recomputed from the scenario's means against the report's reference, and with respondents
 * the share of preference (each respondent's own weights and ratings; β by maximum likelihood
 * on `chose`, else fitted to the offers' `share`; bootstrap intervals unless
 * `options.bootstrap` is false). The base figures are the report's own, beside.
 */
export function analyzeScenarios(input: StudyAnalysisInput, report: StudyAnalysisReport, scenarios: Scenario[]): Record<string, ScenarioReport> {
  const options = input.options ?? {};
  const weights = report.weights;
  const own = report.input.own;
  const reference = report.input.reference;
  const shares =
    options.shareWeighted === true ? Object.fromEntries(input.offers.filter((o) => o.share !== undefined).map((o) => [o.id, o.share as number])) : undefined;
  const withShares = shares !== undefined ? { shares } : {};
  const out: Record<string, ScenarioReport> = {};
  if ("ok" in weights) {
    for (const s of scenarios) out[s.name] = { ok: false, reason: "base-map-unavailable", cause: weights.reason, map: "base" };
    return out;
  }
  const base: ScenarioBase = {
    offers: input.offers.map((o) => ({ id: o.id, own: o.own, ...(o.price !== undefined ? { price: o.price } : {}) })),
    attributes: input.attributes,
    weights: weights.weights,
    scores: report.means,
    qualityShare: weights.qualityShare,
    line: lineOf(options.fairValueLine),
    ...(options.band !== undefined ? { band: options.band } : {}),
    ...(options.mapReference !== undefined ? { reference: options.mapReference } : {}),
    ...(options.relativePriceFrom !== undefined ? { relativePriceFrom: options.relativePriceFrom } : {}),
    ...withShares,
  };

  // The share of preference: one β for every scenario, on the respondents the report analysed.
  const respondents = input.respondents !== undefined ? filterRespondents(input.respondents, { ...(options.segment !== undefined ? { segment: options.segment } : {}), ...(options.wave !== undefined ? { wave: options.wave } : {}) }) : null;
  const market = { offers: input.offers.map((o) => ({ id: o.id, own: o.own })), attributes: input.attributes };
  let fit: BetaFit | null = null;
  let spec: BetaFitSpec | null = null;
  if (respondents !== null) {
    const ml = fitLogitBeta(respondents, market);
    if (ml.ok) {
      fit = ml;
      spec = { type: "choices" };
    } else {
      const entered = Object.fromEntries(input.offers.filter((o) => o.share !== undefined).map((o) => [o.id, o.share as number]));
      const byShares = fitBetaToShares(respondents, entered, market);
      // Without purchases, the share fit tells why it failed; without shares either, the purchases' reason.
      fit = input.offers.some((o) => o.share !== undefined) ? byShares : ml;
      if (byShares.ok) spec = { type: "shares", marketShares: entered };
    }
  }

  const withN = (scores: MeanScores, rows: ProfileRow[]) => rows.map((row) => ({ ...row, n: scores.n[own]?.[row.id] ?? 0 }));
  for (const scenario of scenarios) {
    const applied = applyScenario(base, scenario);
    if (!applied.ok) {
      out[scenario.name] = applied;
      continue;
    }
    const scores = applied.scores;
    const profileInput = { attributes: input.attributes, weights: weights.weights, scores, offerId: own, referenceIds: reference, ...withShares };
    const quality = qualityProfile(profileInput);
    const price = priceProfile(profileInput);
    const q = weights.qualityShare;
    const result: Extract<ScenarioReport, { ok: true }> = {
      ok: true,
      changes: applied.changes,
      movements: applied.movements,
      means: scores,
      valueMap: toReportValueMap(valueMap({ ...base, offers: applied.offers, scores })),
      qualityProfile: quality.ok
        ? { ok: true, offer: own, reference, attributes: withN(scores, quality.rows), score: quality.score, absoluteIndex: quality.absoluteIndex, n: quality.n }
        : quality,
      priceProfile: price.ok
        ? { ok: true, offer: own, reference, attributes: withN(scores, price.rows), score: price.satisfaction, relativePrice: price.relativePrice, absoluteIndex: price.absoluteIndex, n: price.n }
        : price,
      valueScore: !quality.ok ? quality : !price.ok ? price : q === null ? { ok: false, reason: "no-quality-share" } : customerValueScore(quality.score, price.satisfaction, q),
    };
    if (respondents !== null && fit !== null) {
      result.shares = {
        fit,
        shares: fit.ok ? shareOfPreference(respondents, { ...market, scenario, beta: fit.beta }) : { ok: false, reason: "no-fit" },
        intervals:
          spec === null
            ? { ok: false, reason: "no-fit" }
            : options.bootstrap === false
              ? { ok: false, reason: "not-requested" }
              : shareIntervals(respondents, {
                  ...market,
                  scenario,
                  fit: spec,
                  ...(options.bootstrap?.replicates !== undefined ? { replicates: options.bootstrap.replicates } : {}),
                  ...(options.bootstrap?.seed !== undefined ? { seed: options.bootstrap.seed } : {}),
                  ...(options.level !== undefined ? { level: options.level } : {}),
                }),
      };
    }
    out[scenario.name] = result;
  }
  return out;
}
