import type { UnavailableReason } from "./unavailable-reasons";
import { aggregateWeights } from "./aggregate-weights";
import { analyzeMethods, type MethodsReport, type StudyRespondent } from "./analyze-methods";
import { bootstrapIntervals, type BootstrapIntervalsResult } from "./bootstrap-intervals";
import { customerValueScore } from "./customer-value-score";
import { deltaMethodIntervals, type DeltaMethodIntervalsResult } from "./delta-method-intervals";
import { derivedImportance } from "./derived-importance";
import { differenceMethod } from "./difference-method";
import { filterRespondents } from "./filter-respondents";
import { headToHead } from "./head-to-head";
import type { ImportanceMethod } from "./importance/types";
import type { MaxDiffWeightsResult } from "./maxdiff/maxdiff-weights";
import { maxDiffWeightsByKind, type MaxDiffByKindResult } from "./maxdiff/maxdiff-weights-by-kind";
import { meanScores } from "./mean-scores";
import { priceProfile } from "./price-profile";
import type { PurchaseCalibration } from "./price-research/types";
import { qualityProfile } from "./quality-profile";
import type { RespondentLevel } from "./respondent-level";
import { ratingSpread } from "./rating-spread";
import { relativePriceFromPrices } from "./relative-price-from-prices";
import { studyWeights } from "./study-weights";
import { valueMap } from "./value-map";
import { wonLost } from "./won-lost";
import type {
  AttributeKind,
  CustomerValueScoreResult,
  DerivedImportanceResult,
  DifferenceMethodResult,
  FairValueLineSpec,
  FairZone,
  GroupedAttributeDef,
  HeadToHeadResult,
  MapReference,
  MeanScores,
  OfferDef,
  ProfileRow,
  RelativePriceBasis,
  RelativePriceResult,
  Unavailable,
  ValueBand,
  ValueZone,
  WonLostResult,
} from "./types";

/** Input of `analyzeStudy`: the documented format of docs/analysis-format.md. */
export interface StudyAnalysisInput {
  offers: Array<OfferDef & { name?: string; price?: number }>;
  attributes: Array<GroupedAttributeDef & { name?: string }>;
  /** two-level weights: group weights per kind (each kind's groups sum to 100) */
  groups?: Array<{ id: string; kind: AttributeKind; weight: number; name?: string }>;
  /** respondent-level data; exactly one of `respondents` and `summary` */
  respondents?: StudyRespondent[];
  /** aggregated data: mean weights (100 per kind), mean quality share, mean scores, n per offer */
  summary?: {
    weights: Record<string, number>;
    qualityShare: number;
    means: Record<string, Record<string, number>>;
    n?: Record<string, number>;
  };
  /** Gabor–Granger ladder and the Newton–Miller–Smith calibration (docs/method.md §8) */
  priceResearch?: { ladder?: number[]; calibration?: PurchaseCalibration };
  options?: {
    /** "competitors" (default: every offer but the own) or one offer id (head-to-head reference) */
    reference?: string;
    /** default "weights" */
    fairValueLine?: "weights" | "parity" | "regression" | { slope: number };
    /** half-width of the fair-value band (default 5), or "quartiles" of the offers' v */
    band?: number | "quartiles";
    /** the map's reference for every point: "rest-of-market" (default) or "market" (itself included) */
    mapReference?: MapReference;
    /** the map's vertical axis: "price-profile" (default) or actual "prices" */
    relativePriceFrom?: RelativePriceBasis;
    /** derived importance: "relative-weights" (default), "shapley" or "ols" */
    importance?: ImportanceMethod;
    /** importance of the importance x performance quadrant: "stated" weights (default) or "derived" shares */
    quadrantImportance?: "stated" | "derived";
    /** respondents' weights: "stated" (default) or their MaxDiff shares ("maxdiff") */
    weightsFrom?: "stated" | "maxdiff";
    /** headline customer value: "ratio" (Gale, default) or "difference" (Best) */
    method?: "ratio" | "difference";
    /** difference method: |m_own - m_c| <= threshold counts as equal; default "standard-error" */
    threshold?: number | "standard-error";
    /** reference scores weighted by the offers' `share`; default false */
    shareWeighted?: boolean;
    /** bootstrap intervals' replicates and seed; false skips the bootstrap (its result is Unavailable "not-requested") */
    bootstrap?: { replicates?: number; seed?: number } | false;
    /** confidence level of both intervals; default 0.95 */
    level?: number;
    segment?: string | string[];
    wave?: string | string[];
  };
}

/** A profile row with n, the ratings behind the offer's mean on the attribute. */
export type ReportProfileRow = ProfileRow & { n: number };

export type ReportQualityProfile =
  | {
      ok: true;
      offer: string;
      reference: string[];
      attributes: ReportProfileRow[];
      /** Q */
      score: number;
      absoluteIndex: number;
      n: number;
    }
  | Unavailable;

export type ReportPriceProfile =
  | {
      ok: true;
      offer: string;
      reference: string[];
      attributes: ReportProfileRow[];
      /** S, the price-satisfaction score */
      score: number;
      /** RP = 10000 / S */
      relativePrice: number;
      absoluteIndex: number;
      n: number;
    }
  | Unavailable;

export interface ReportMapPoint {
  offer: string;
  own: boolean;
  quality: number;
  satisfaction: number;
  relativePrice: number;
  fairPrice: number;
  value: number;
  distance: number;
  zone: ValueZone;
  frontier: boolean;
  n: number;
}

export type ReportValueMap =
  | {
      ok: true;
      line: { kind: FairValueLineSpec["type"]; slope: number; intercept: number };
      band: number;
      fairZone: FairZone;
      reference: MapReference;
      relativePriceFrom: RelativePriceBasis;
      points: ReportMapPoint[];
      unavailable: Array<{ offer: string; reason: UnavailableReason }>;
    }
  | Unavailable;

export type ReportCustomerValue =
  | { ok: true; method: "ratio"; value: number; band: ValueBand }
  | { ok: true; method: "difference"; value: number; relativeBenefit: number; relativeCost: number }
  | Unavailable;

/** The full report of `analyzeStudy`: the map and its tools, and the tools after the map (`MethodsReport`). */
export interface StudyAnalysisReport extends MethodsReport {
  input: {
    kind: "respondents" | "summary";
    /** respondents analysed (after the segment and wave filter); null for a summary */
    respondents: number | null;
    filter: { segment?: string | string[]; wave?: string | string[] };
    own: string;
    reference: string[];
  };
  weights: { weights: Record<string, number>; qualityShare: number | null; twoLevel: boolean } | Unavailable;
  means: MeanScores;
  qualityProfile: ReportQualityProfile;
  priceProfile: ReportPriceProfile;
  /** RP from actual prices, when offers have a `price` */
  relativePriceFromPrices: RelativePriceResult;
  /** V and its PIMS band */
  valueScore: CustomerValueScoreResult;
  /** the headline customer value of `options.method` */
  customerValue: ReportCustomerValue;
  /** with `method: "difference"` */
  relativeBenefit?: number;
  relativeCost?: number;
  /** A_j per offer, each against the rest of the market */
  absoluteIndex: Record<string, { ok: true; value: number } | Unavailable>;
  valueMap: ReportValueMap;
  /** own against each competitor alone, quality and price */
  headToHead: Record<string, { quality: HeadToHeadResult; price: HeadToHeadResult }>;
  wonLost: WonLostResult;
  derivedImportance: DerivedImportanceResult;
  differenceMethod: DifferenceMethodResult;
  /** MaxDiff counts, utilities and shares of one kind (docs/method.md §7): quality's when quality
   * was asked by MaxDiff, else price's; `maxDiffByKind` has both */
  maxDiff: MaxDiffWeightsResult<StudyRespondent>["maxDiff"];
  /** MaxDiff of each kind, each analysed on its own; tasks mixing kinds are counted and left out */
  maxDiffByKind: MaxDiffByKindResult<StudyRespondent>["byKind"] & { skippedTasks: number };
  intervals: { bootstrap: BootstrapIntervalsResult; delta: DeltaMethodIntervalsResult };
}

/** Mean scores from a summary: the given means, n_j on every attribute the offer has a mean for. */
function summaryScores(
  summary: NonNullable<StudyAnalysisInput["summary"]>,
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
): MeanScores {
  const scores: MeanScores = { means: {}, n: {}, nOffer: {} };
  for (const offer of offers) {
    const given = summary.means[offer.id] ?? {};
    const nOffer = summary.n?.[offer.id] ?? 0;
    const means: Record<string, number | null> = {};
    const n: Record<string, number> = {};
    for (const attribute of attributes) {
      const mean = given[attribute.id];
      means[attribute.id] = mean !== undefined && Number.isFinite(mean) ? mean : null;
      n[attribute.id] = means[attribute.id] === null ? 0 : nOffer;
    }
    scores.means[offer.id] = means;
    scores.n[offer.id] = n;
    scores.nOffer[offer.id] = nOffer;
  }
  return scores;
}

/**
 * The whole customer value analysis of one study (method.md, every tool that its input
 * supports), as one report object; the engine of the `analyze` command.
 *
 * Steps: filter the respondents by `options.segment` / `options.wave` (`filterRespondents`);
 * MaxDiff over their tasks (`maxDiffWeights`; with `options.weightsFrom: "maxdiff"` their shares
 * replace the respondents' weights of that kind); weights = `aggregateWeights` (or the
 * summary's mean weights), two-level with `groups` (`studyWeights`); means = `meanScores` (or
 * the summary's means). Own = the offer with `own: true`; reference R = every other offer, or
 * the one offer named in `options.reference`; R share-weighted with `options.shareWeighted`.
 * - qualityProfile, priceProfile: own against R (rows carry n, the ratings behind own's mean);
 *   valueScore: V of own with the mean quality share; customerValue: V ("ratio") or Best's
 *   relative benefit - relative cost ("difference");
 * - valueMap: every offer against `options.mapReference` (default the rest of the market), y
 *   from `options.relativePriceFrom`, `options.fairValueLine`, `options.band` (or "quartiles");
 * - headToHead: own against each competitor alone; differenceMethod: own against R, threshold
 *   `options.threshold` (default each difference's standard error, from `ratingSpread` at
 *   respondent level; 0 where it cannot be computed, as for a summary);
 *   absoluteIndex: every offer; and `analyzeMethods`' sections (quadrants, the difference method
 *   by offer, relative delivered value, weighted lost reasons, gap tests, price research);
 * - respondent level only (Unavailable "summary-input" for a summary): wonLost,
 *   derivedImportance (`options.importance`, default relative weights; its bootstrap intervals
 *   with `options.bootstrap`), maxDiff, intervals (bootstrap: `options.bootstrap`, default 1000
 *   replicates, seed 1, `false` to skip it; delta method).
 * When the filter leaves no respondent, every section is Unavailable "empty-segment".
 * The input is assumed valid (the command validates it with `AnalysisInputSchema`); ids it
 * does not know give the tools' own reasons ("unknown-offer"...).
 * `given` (from `analyzeStudyFromStatistics` only): every respondent pass answered from
 * sufficient statistics instead of `input.respondents` (no filter, MaxDiff or bootstrap then).
 */
export function analyzeStudy(input: StudyAnalysisInput, given?: RespondentLevel): StudyAnalysisReport {
  const options = input.options ?? {};
  const { offers, attributes } = input;
  const own = offers.find((o) => o.own)?.id ?? "";
  const competitors = offers.filter((o) => o.id !== own).map((o) => o.id);
  const reference =
    options.reference === undefined || options.reference === "competitors" ? competitors : [options.reference];
  const filter = {
    ...(options.segment !== undefined ? { segment: options.segment } : {}),
    ...(options.wave !== undefined ? { wave: options.wave } : {}),
  };
  const shares = options.shareWeighted === true
    ? Object.fromEntries(offers.filter((o) => o.share !== undefined).map((o) => [o.id, o.share as number]))
    : undefined;
  const withShares = shares !== undefined ? { shares } : {};
  const groups = input.groups?.map((g) => ({ id: g.id, weight: g.weight }));

  // With `given` (analyzeStudyFromStatistics) the respondent passes are answered from it instead.
  const filtered = given !== undefined ? [] : input.respondents !== undefined ? filterRespondents(input.respondents, filter) : null;
  const bootstrapOption =
    options.bootstrap === false
      ? (false as const)
      : {
          ...(options.bootstrap?.replicates !== undefined ? { replicates: options.bootstrap.replicates } : {}),
          ...(options.bootstrap?.seed !== undefined ? { seed: options.bootstrap.seed } : {}),
          ...(options.level !== undefined ? { level: options.level } : {}),
        };
  const maxDiffed =
    given !== undefined && given.count > 0
      ? { ...given.maxDiff, respondents: [] }
      : filtered !== null && filtered.length > 0
      ? maxDiffWeightsByKind(filtered, attributes, { replace: options.weightsFrom === "maxdiff", bootstrap: bootstrapOption })
      : null;
  const noMaxDiff: Unavailable = { ok: false, reason: "summary-input" };
  const maxDiffByKind: StudyAnalysisReport["maxDiffByKind"] =
    maxDiffed !== null
      ? { ...maxDiffed.byKind, skippedTasks: maxDiffed.skippedTasks }
      : { quality: noMaxDiff, price: noMaxDiff, skippedTasks: 0 };
  const maxDiffOne =
    maxDiffed === null
      ? noMaxDiff
      : maxDiffed.byKind.quality.ok || maxDiffed.byKind.quality.reason !== "no-maxdiff"
        ? maxDiffed.byKind.quality
        : maxDiffed.byKind.price;
  const respondents = maxDiffed?.respondents ?? filtered;
  const summary = input.summary;
  const respondentCount = given !== undefined ? given.count : (respondents?.length ?? null);
  const empty = respondentCount === 0;
  const notAtRespondentLevel: Unavailable = { ok: false, reason: empty ? "empty-segment" : "summary-input" };

  let statedWeights: Record<string, number>;
  let qualityShare: number | null;
  let scores: MeanScores;
  if (respondents !== null || summary === undefined) {
    const aggregated = given !== undefined ? given.aggregated : aggregateWeights(respondents ?? [], attributes);
    statedWeights = aggregated.weights;
    qualityShare = aggregated.qualityShare;
    scores = given !== undefined ? given.scores : meanScores(respondents ?? [], offers, attributes);
  } else {
    statedWeights = summary.weights;
    qualityShare = summary.qualityShare;
    scores = summaryScores(summary, offers, attributes);
  }
  const studied = studyWeights(statedWeights, attributes, groups);
  const weights = studied.ok ? studied.weights : {};

  const head = {
    input: {
      kind: respondents !== null ? ("respondents" as const) : ("summary" as const),
      respondents: respondentCount,
      filter,
      own,
      reference,
    },
  };
  if (empty || !studied.ok) {
    const reason: Unavailable = !empty && !studied.ok ? { ok: false, reason: studied.reason } : notAtRespondentLevel;
    return {
      ...head,
      weights: reason,
      means: scores,
      qualityProfile: reason,
      priceProfile: reason,
      relativePriceFromPrices: reason,
      valueScore: reason,
      customerValue: reason,
      absoluteIndex: Object.fromEntries(offers.map((o) => [o.id, reason])),
      valueMap: reason,
      headToHead: Object.fromEntries(competitors.map((c) => [c, { quality: reason, price: reason }])),
      wonLost: reason,
      derivedImportance: reason,
      differenceMethod: reason,
      maxDiff: reason,
      maxDiffByKind: { quality: reason, price: reason, skippedTasks: 0 },
      importancePerformance: { stated: reason, derived: reason },
      importanceQuadrant: reason,
      differenceMethodByOffer: offers.map((o) => ({ offerId: o.id, own: o.own, result: reason })),
      relativeDeliveredValue: reason,
      wonLostReasons: reason,
      gapTests: reason,
      priceResearch: { vanWestendorp: reason, newtonMillerSmith: reason, gaborGranger: reason },
      intervals: { bootstrap: reason, delta: reason },
    };
  }

  const profileInput = { attributes, weights, scores, offerId: own, referenceIds: reference, ...withShares };
  const withN = (rows: ProfileRow[]): ReportProfileRow[] =>
    rows.map((row) => ({ ...row, n: scores.n[own]?.[row.id] ?? 0 }));
  const quality = qualityProfile(profileInput);
  const price = priceProfile(profileInput);
  const qualityReport: ReportQualityProfile = quality.ok
    ? { ok: true, offer: own, reference, attributes: withN(quality.rows), score: quality.score, absoluteIndex: quality.absoluteIndex, n: quality.n }
    : quality;
  const priceReport: ReportPriceProfile = price.ok
    ? {
        ok: true,
        offer: own,
        reference,
        attributes: withN(price.rows),
        score: price.satisfaction,
        relativePrice: price.relativePrice,
        absoluteIndex: price.absoluteIndex,
        n: price.n,
      }
    : price;

  let valueScore: CustomerValueScoreResult;
  if (!quality.ok) valueScore = quality;
  else if (!price.ok) valueScore = price;
  else if (qualityShare === null) valueScore = { ok: false, reason: "no-quality-share" };
  else valueScore = customerValueScore(quality.score, price.satisfaction, qualityShare);

  const differenceInput = {
    attributes,
    weights: statedWeights,
    scores,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(given !== undefined
      ? { standardDeviations: given.spread() }
      : respondents !== null
        ? { standardDeviations: ratingSpread(respondents, offers, attributes) }
        : {}),
    ...withShares,
    ...(input.groups !== undefined
      ? {
          groups: {
            weights: Object.fromEntries(input.groups.map((g) => [g.id, g.weight])),
            attributeGroup: Object.fromEntries(
              attributes.filter((a) => a.group !== undefined).map((a) => [a.id, a.group as string]),
            ),
          },
        }
      : {}),
  };
  const difference = differenceMethod({ ...differenceInput, ownId: own, competitorIds: reference });
  let customerValue: ReportCustomerValue;
  if (options.method === "difference") {
    customerValue = difference.ok
      ? {
          ok: true,
          method: "difference",
          value: difference.customerValue,
          relativeBenefit: difference.relativeBenefit,
          relativeCost: difference.relativeCost,
        }
      : difference;
  } else {
    customerValue = valueScore.ok ? { ok: true, method: "ratio", value: valueScore.value, band: valueScore.band } : valueScore;
  }

  const spec: FairValueLineSpec =
    typeof options.fairValueLine === "object"
      ? { type: "slope", slope: options.fairValueLine.slope }
      : { type: options.fairValueLine ?? "weights" };
  const map = valueMap({
    offers,
    attributes,
    weights,
    scores,
    qualityShare,
    line: spec,
    ...(options.band !== undefined ? { band: options.band } : {}),
    ...(options.mapReference !== undefined ? { reference: options.mapReference } : {}),
    ...(options.relativePriceFrom !== undefined ? { relativePriceFrom: options.relativePriceFrom } : {}),
    ...withShares,
  });
  const mapReport = toReportValueMap(map);

  const absoluteIndex: StudyAnalysisReport["absoluteIndex"] = {};
  for (const offer of offers) {
    const profile = qualityProfile({
      attributes,
      weights,
      scores,
      offerId: offer.id,
      referenceIds: offers.filter((o) => o.id !== offer.id).map((o) => o.id),
      ...withShares,
    });
    absoluteIndex[offer.id] = profile.ok ? { ok: true, value: profile.absoluteIndex } : profile;
  }

  const headToHeadReport: StudyAnalysisReport["headToHead"] = {};
  for (const competitorId of competitors) {
    const base = { attributes, weights, scores, offerId: own, competitorId };
    headToHeadReport[competitorId] = {
      quality: headToHead({ ...base, kind: "quality" }),
      price: headToHead({ ...base, kind: "price" }),
    };
  }

  const level = options.level !== undefined ? { level: options.level } : {};
  const intervalInput =
    respondents !== null
      ? {
          respondents,
          offers,
          attributes,
          ownId: own,
          referenceIds: reference,
          ...(groups !== undefined ? { groups } : {}),
          ...withShares,
          ...level,
        }
      : null;

  const derived: DerivedImportanceResult =
    given !== undefined
      ? given.derived({ attributes, weights, ...(options.importance !== undefined ? { method: options.importance } : {}) })
      : respondents !== null
      ? derivedImportance({
          respondents,
          attributes,
          weights,
          ...(options.importance !== undefined ? { method: options.importance } : {}),
          ...(bootstrapOption !== false ? { bootstrap: bootstrapOption } : {}),
        })
      : notAtRespondentLevel;

  return {
    ...head,
    weights: { weights, qualityShare, twoLevel: groups !== undefined },
    means: scores,
    qualityProfile: qualityReport,
    priceProfile: priceReport,
    relativePriceFromPrices: offers.some((o) => o.price !== undefined)
      ? relativePriceFromPrices(offers, own, reference)
      : { ok: false, reason: "no-own-price" },
    valueScore,
    customerValue,
    ...(options.method === "difference" && difference.ok
      ? { relativeBenefit: difference.relativeBenefit, relativeCost: difference.relativeCost }
      : {}),
    absoluteIndex,
    valueMap: mapReport,
    headToHead: headToHeadReport,
    wonLost:
      given !== undefined
        ? given.wonLost({ offers, attributes, weights, ownId: own })
        : respondents !== null
          ? wonLost({ respondents, offers, attributes, weights, ownId: own })
          : notAtRespondentLevel,
    derivedImportance: derived,
    differenceMethod: difference,
    maxDiff: maxDiffOne,
    maxDiffByKind,
    ...analyzeMethods({
      respondents,
      offers,
      attributes,
      weights,
      scores,
      ownId: own,
      referenceIds: reference,
      ...withShares,
      qualityRows: quality.ok ? quality.rows : null,
      derivedImportance: derived,
      difference: differenceInput,
      ...(input.priceResearch !== undefined ? { priceResearch: input.priceResearch } : {}),
      ...(options.level !== undefined ? { level: options.level } : {}),
      qualityShare,
      ...(options.quadrantImportance !== undefined ? { quadrantImportance: options.quadrantImportance } : {}),
      ...(given !== undefined
        ? { statistics: { wonLostReasons: given.lostReasons({ ownId: own, attributes, weights, qualityShare }), spread: given.spread() } }
        : {}),
    }),
    intervals:
      intervalInput !== null
        ? {
            bootstrap:
              options.bootstrap === false
                ? { ok: false, reason: "not-requested" }
                : given !== undefined
                ? { ok: false, reason: "not-requested" }
                : bootstrapIntervals({
                    ...intervalInput,
                    ...(options.bootstrap?.replicates !== undefined ? { replicates: options.bootstrap.replicates } : {}),
                    ...(options.bootstrap?.seed !== undefined ? { seed: options.bootstrap.seed } : {}),
                  }),
            delta: given !== undefined ? given.delta(intervalInput) : deltaMethodIntervals(intervalInput),
          }
        : { bootstrap: notAtRespondentLevel, delta: notAtRespondentLevel },
  };
}

/** The report's shape of a `valueMap` result: offer ids as `offer`, the line's kind, n per point. */
export function toReportValueMap(map: ReturnType<typeof valueMap>): ReportValueMap {
  if (!map.ok) return map;
  return {
    ok: true,
    line: { kind: map.line.type, slope: map.line.slope, intercept: map.line.intercept },
    band: map.band,
    fairZone: map.fairZone,
    reference: map.reference,
    relativePriceFrom: map.relativePriceFrom,
    points: map.points.map((p) => ({
      offer: p.offerId,
      own: p.own,
      quality: p.quality,
      satisfaction: p.satisfaction,
      relativePrice: p.relativePrice,
      fairPrice: p.fairRelativePrice,
      value: p.value,
      distance: p.perpendicular,
      zone: p.zone,
      frontier: p.frontier,
      n: p.n,
    })),
    unavailable: map.unavailable.map((u) => ({ offer: u.offerId, reason: u.reason })),
  };
}
