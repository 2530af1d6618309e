import { attributeGapTests, type AttributeGapTestsResult } from "./attribute-gap-tests";
import { differenceMethodByOffer } from "./difference-method-by-offer";
import { importancePerformance } from "./importance/importance-performance";
import { importanceQuadrant, type ImportanceQuadrantResult } from "./importance/importance-quadrant";
import type { ImportancePerformanceResult, QuadrantImportance } from "./importance/types";
import { gaborGranger } from "./price-research/gabor-granger";
import { newtonMillerSmith } from "./price-research/newton-miller-smith";
import type {
  GaborGrangerAnswer,
  GaborGrangerResult,
  NewtonMillerSmithAnswer,
  NewtonMillerSmithResult,
  PriceSensitivityAnswer,
  PurchaseCalibration,
  VanWestendorpResult,
} from "./price-research/types";
import { vanWestendorp } from "./price-research/van-westendorp";
import { relativeDeliveredValue, type RelativeDeliveredValueResult } from "./relative-delivered-value";
import type {
  DerivedImportanceResult,
  DifferenceMethodInput,
  DifferenceMethodResult,
  GroupedAttributeDef,
  MeanScores,
  OfferDef,
  ProfileRow,
  RespondentOutcome,
  Unavailable,
} from "./types";
import { wonLostOutcome } from "./won-lost-outcome";
import { wonLostReasons, type WonLostReasonsResult } from "./won-lost-reasons";

/** A respondent of the `analyze` input with the answers of the tools after the map. */
export type StudyRespondent = RespondentOutcome & {
  maxDiff?: Array<{ items: string[]; best: string; worst: string }>;
  priceSensitivity?: PriceSensitivityAnswer & { likelihoodAtCheap?: number; likelihoodAtExpensive?: number };
  gaborGranger?: GaborGrangerAnswer[];
};

export interface AnalyzeMethodsInput {
  /** filtered respondents; null for a summary */
  respondents: StudyRespondent[] | null;
  offers: OfferDef[];
  attributes: GroupedAttributeDef[];
  /** the weights the study uses (two-level with groups) */
  weights: Record<string, number>;
  scores: MeanScores;
  ownId: string;
  referenceIds: string[];
  shares?: Record<string, number>;
  /** the own quality profile's rows (for the ratios), or null when it could not be computed */
  qualityRows: ProfileRow[] | null;
  derivedImportance: DerivedImportanceResult;
  /** the difference method's input for the own offer (weights, threshold rule, spread, groups) */
  difference: Omit<DifferenceMethodInput, "ownId" | "competitorIds">;
  priceResearch?: { ladder?: number[]; calibration?: PurchaseCalibration };
  level?: number;
  /** the importance that places the attributes on `importanceQuadrant`; default "stated" */
  quadrantImportance?: QuadrantImportance;
  /** the market's mean quality share, for the lost reasons' split by kind */
  qualityShare?: number | null;
  /** the respondent-level figures from sufficient statistics (`analyzeStudyFromStatistics`, with
   * `respondents` empty): the lost reasons and the ratings' spread instead of a pass over them */
  statistics?: { wonLostReasons: WonLostReasonsResult; spread: Record<string, Record<string, number | null>> };
}

export interface MethodsReport {
  /** importance x performance quadrants from the stated weights and from the derived shares */
  importancePerformance: { stated: ImportancePerformanceResult | Unavailable; derived: ImportancePerformanceResult | Unavailable };
  /** the quadrant from the importance selected by `quadrantImportance` (it names which) */
  importanceQuadrant: ImportanceQuadrantResult;
  /** Best's difference method for every offer against the others */
  differenceMethodByOffer: Array<{ offerId: string; own: boolean; result: DifferenceMethodResult }>;
  /** Kotler's delivered value of the own offer relative to the reference */
  relativeDeliveredValue: RelativeDeliveredValueResult;
  /** why lost customers chose a competitor, weighted by importance */
  wonLostReasons: ({ ok: true } & WonLostReasonsResult) | Unavailable;
  /** significance of the own offer's gaps against the reference (Welch t-test) */
  gapTests: AttributeGapTestsResult;
  priceResearch: {
    vanWestendorp: VanWestendorpResult | Unavailable;
    newtonMillerSmith: NewtonMillerSmithResult | Unavailable;
    gaborGranger: GaborGrangerResult | Unavailable;
  };
}

/**
 * The sections of the tools after the map (docs/method.md §5–8) that `analyzeStudy` adds to its
 * report: importance x performance quadrants (stated weights, and derived shares when derived
 * importance could be computed, against the own offer's quality ratios), the difference method
 * for every offer, Kotler's relative delivered value, won/lost reasons weighted by importance,
 * Welch tests of the own offer's gaps, and the price research of the respondents' answers
 * (Van Westendorp over `priceSensitivity`, Newton–Miller–Smith over those with both
 * likelihoods, Gabor–Granger over `gaborGranger` with `priceResearch.ladder`).
 * Respondent-level sections are Unavailable "summary-input" for a summary; price research
 * sections without answers are Unavailable "no-answers" ("no-ladder" for Gabor–Granger answers
 * without a ladder).
 */
export function analyzeMethods(input: AnalyzeMethodsInput): MethodsReport {
  const { respondents, offers, attributes, weights, scores, ownId, referenceIds } = input;
  const summaryInput: Unavailable = { ok: false, reason: "summary-input" };
  const withShares = input.shares !== undefined ? { shares: input.shares } : {};
  const quality = attributes.filter((a) => a.kind === "quality");
  const ratios = input.qualityRows !== null ? Object.fromEntries(input.qualityRows.map((r) => [r.id, r.ratio])) : null;
  const noProfile: Unavailable = { ok: false, reason: "no-quality-profile" };
  const stated = ratios !== null
    ? importancePerformance({ importance: Object.fromEntries(quality.map((a) => [a.id, weights[a.id] ?? 0])), ratios })
    : noProfile;
  const derived = !input.derivedImportance.ok
    ? input.derivedImportance
    : ratios !== null
      ? importancePerformance({ importance: Object.fromEntries(input.derivedImportance.rows.map((r) => [r.id, r.derivedWeight])), ratios })
      : noProfile;

  let lostReasons: MethodsReport["wonLostReasons"] = summaryInput;
  let gapTests: AttributeGapTestsResult = summaryInput;
  let psm: VanWestendorpResult | Unavailable = summaryInput;
  let nms: NewtonMillerSmithResult | Unavailable = summaryInput;
  let gg: GaborGrangerResult | Unavailable = summaryInput;
  if (respondents !== null) {
    const lost = input.statistics !== undefined ? [] : respondents.filter((r) => wonLostOutcome(r, ownId) === "lost");
    lostReasons = {
      ok: true,
      ...(input.statistics?.wonLostReasons ?? wonLostReasons({ lost, ownId, attributes, weights, qualityShare: input.qualityShare ?? null })),
    };
    gapTests = attributeGapTests({
      respondents,
      offers,
      attributes,
      ownId,
      referenceIds,
      ...withShares,
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.statistics !== undefined ? { summary: { scores, spread: input.statistics.spread } } : {}),
    });
    const sensitivity = respondents.flatMap((r) => (r.priceSensitivity !== undefined ? [{ respondentId: r.id, ...r.priceSensitivity }] : []));
    psm = sensitivity.length > 0 ? vanWestendorp(sensitivity) : { ok: false, reason: "no-answers" };
    const withLikelihood: NewtonMillerSmithAnswer[] = sensitivity.flatMap((a) =>
      a.likelihoodAtCheap !== undefined && a.likelihoodAtExpensive !== undefined
        ? [{ ...a, likelihoodAtCheap: a.likelihoodAtCheap, likelihoodAtExpensive: a.likelihoodAtExpensive }]
        : [],
    );
    nms = withLikelihood.length > 0 ? newtonMillerSmith(withLikelihood, input.priceResearch?.calibration) : { ok: false, reason: "no-answers" };
    const ladder = input.priceResearch?.ladder;
    const ggAnswers = respondents.flatMap((r) => (r.gaborGranger !== undefined && r.gaborGranger.length > 0 ? [{ respondentId: r.id, answers: r.gaborGranger }] : []));
    gg = ggAnswers.length === 0 ? { ok: false, reason: "no-answers" } : ladder === undefined ? { ok: false, reason: "no-ladder" } : gaborGranger(ladder, ggAnswers);
  }

  const quadrant = importanceQuadrant({
    from: input.quadrantImportance ?? "stated",
    attributes,
    weights,
    derived: input.derivedImportance,
    ratios,
  });

  return {
    importancePerformance: { stated, derived },
    importanceQuadrant: quadrant,
    differenceMethodByOffer: differenceMethodByOffer({ ...input.difference, offers }),
    relativeDeliveredValue: relativeDeliveredValue({ attributes, weights, scores, offerId: ownId, referenceIds, ...withShares }),
    wonLostReasons: lostReasons,
    gapTests,
    priceResearch: { vanWestendorp: psm, newtonMillerSmith: nms, gaborGranger: gg },
  };
}
