import type { UnavailableReason } from "./unavailable-reasons";
/**
 * Shared types of the customer value analysis (CVA) library.
 * Terms follow docs/method.md, section "Terms".
 */
import type { ImportanceMethod } from "./importance/types";

/** Quality attributes drive the choice; price attributes are what the customer gives up. */
export type AttributeKind = "quality" | "price";

/** An offer in the market. `share` is its market share (any positive scale), optional. */
export interface OfferDef {
  id: string;
  own: boolean;
  share?: number;
}

/**
 * An attribute. `lowerIsBetter` inverts the ratio: for objective values where lower is better
 * (days, euros), never for satisfaction ratings, which are already oriented (10 = best; for price
 * 10 = most satisfied with what it costs).
 */
export interface AttributeDef {
  id: string;
  kind: AttributeKind;
  lowerIsBetter?: boolean;
  /** a price attribute's Kotler cost group (docs/method.md §4 (e)); default "money" */
  costGroup?: CostGroup;
}

/** Kotler's four groups of what a customer gives up (docs/method.md §4 (e)). */
export type CostGroup = "money" | "time" | "energy" | "psychic";

/** The cost groups in reading order; a price attribute without `costGroup` is "money". */
export const COST_GROUPS: readonly CostGroup[] = ["money", "time", "energy", "psychic"];

/** One respondent's answers, as read from a survey result. */
export interface RespondentInput {
  id: string;
  /** attribute id -> stated points; normalised to 100 within each kind per respondent */
  weights: Record<string, number>;
  /** 0..100 quality part of the quality/price split */
  qualityShare?: number;
  /** offer id -> attribute id -> score 1..10; absent = not known / not rated */
  ratings: Record<string, Record<string, number>>;
}

/** A figure that cannot be computed; `reason` is a machine-readable code (see `ReasonCode`). */
export type Unavailable = { ok: false; reason: UnavailableReason };

/**
 * Reason codes used by this library in `Unavailable.reason`:
 * - "unknown-offer": an offer id is not in the scores / offer list
 * - "no-reference": the reference set is empty
 * - "no-attributes": no attributes of the needed kind
 * - "no-weights": the weights of the attribute set do not have a positive sum
 * - "offer-not-rated": the offer has no mean score on some attribute
 * - "no-reference-ratings": no reference offer has a mean score on some attribute
 * - "non-positive-score": a mean score used as a ratio denominator is <= 0
 * - "no-own-price", "no-reference-prices", "zero-reference-price": actual-price relative price
 * - "not-finite": an input number is NaN or infinite
 * - "quality-share-out-of-range": quality share outside 0..100
 * - "no-quality-share", "quality-share-100": weights fair-value line
 * - "too-few-offers", "zero-variance": regression fair-value line
 * - "no-points", "invalid-slope", "invalid-band": fair-value line and value map
 */
export type ReasonCode =
  | "unknown-offer"
  | "no-reference"
  | "no-attributes"
  | "no-weights"
  | "offer-not-rated"
  | "no-reference-ratings"
  | "non-positive-score"
  | "no-own-price"
  | "no-reference-prices"
  | "zero-reference-price"
  | "not-finite"
  | "quality-share-out-of-range"
  | "no-quality-share"
  | "quality-share-100"
  | "too-few-offers"
  | "zero-variance"
  | "no-points"
  | "invalid-slope"
  | "invalid-band";

/**
 * Mean scores per offer and attribute (method.md "Aggregation" step 2).
 * `means[j][i]` is null where nobody rated offer j on attribute i; `n[j][i]` counts the
 * ratings; `nOffer[j]` counts respondents who rated j on at least one attribute.
 */
export interface MeanScores {
  means: Record<string, Record<string, number | null>>;
  n: Record<string, Record<string, number>>;
  nOffer: Record<string, number>;
}

/** Which fair-value line to draw (method.md "The tools" (c)). */
export type FairValueLineSpec =
  | { type: "weights" }
  | { type: "parity" }
  | { type: "regression" }
  | { type: "slope"; slope: number };

/** Result of `aggregateWeights`. */
export interface AggregatedWeights {
  /** attribute id -> mean normalised weight; each kind sums to 100 */
  weights: Record<string, number>;
  /** respondents whose weights were included, per kind */
  n: { quality: number; price: number };
  /** mean quality share q (0..100), null when no respondent gave one */
  qualityShare: number | null;
  nQualityShare: number;
}

/** One attribute row of a quality or price profile. */
export interface ProfileRow {
  id: string;
  /** w_i, the weights of the set sum to 100 */
  weight: number;
  /** m_{j,i} */
  own: number;
  /** m_{R,i} */
  reference: number;
  /** r_i = own / reference (reference / own when lowerIsBetter) */
  ratio: number;
  /** w_i * r_i */
  contribution: number;
}

/** Input of `attributeProfile`: one kind of attributes against a reference set. */
export interface AttributeProfileInput {
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  offerId: string;
  referenceIds: string[];
  shares?: Record<string, number>;
}

export type AttributeProfileResult =
  | { ok: true; rows: ProfileRow[]; score: number; absoluteIndex: number; n: number }
  | Unavailable;

/** Input of `qualityProfile` and `priceProfile`. */
export interface ProfileInput {
  /** all attributes; each profile keeps its own kind */
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  offerId: string;
  /** the market; the default reference is every offer but `offerId` */
  offers?: OfferDef[];
  /** reference set R; default all offers but `offerId` */
  referenceIds?: string[];
  /** market shares for a share-weighted reference (method.md "Aggregation" step 3) */
  shares?: Record<string, number>;
}

export type QualityProfileResult = AttributeProfileResult;

export type PriceProfileResult =
  | {
      ok: true;
      rows: ProfileRow[];
      /** S, price-satisfaction score; > 100 = cheaper-feeling than the reference */
      satisfaction: number;
      /** RP = 100 * 100 / S; < 100 = cheaper */
      relativePrice: number;
      absoluteIndex: number;
      n: number;
    }
  | Unavailable;

export type RelativePriceResult = { ok: true; relativePrice: number } | Unavailable;

export type ValueBand = "world-class" | "above-parity" | "parity" | "below-parity";

export type CustomerValueScoreResult = { ok: true; value: number; band: ValueBand } | Unavailable;

export interface FairValueLine {
  ok: true;
  type: FairValueLineSpec["type"];
  slope: number;
  intercept: number;
  through: { quality: number; relativePrice: number };
}

export type FairValueLineResult = FairValueLine | Unavailable;

export type ValueZone = "better" | "fair" | "worse";

export interface ValueMapPoint {
  offerId: string;
  own: boolean;
  quality: number;
  /** S; on a map from actual prices, 10000 / RP (the S that gives this RP) */
  satisfaction: number;
  relativePrice: number;
  n: number;
  fairRelativePrice: number;
  /** v = RP_fair(Q) - RP; > 0 = better value */
  value: number;
  perpendicular: number;
  zone: ValueZone;
  frontier: boolean;
}

/**
 * Reference set R of every map point (docs/method.md §5): "rest-of-market" (default) R = all
 * offers but j; "market" R = all offers including j (Consumer-Reports style).
 */
export type MapReference = "rest-of-market" | "market";

/**
 * Vertical axis of the map: "price-profile" (default) RP = 10000 / S from the price
 * satisfaction ratings; "prices" RP = 100 price_j / mean(price_k, k in R) from actual prices.
 */
export type RelativePriceBasis = "price-profile" | "prices";

/** The fair-value zone: v between `lower` and `upper` is "fair". */
export interface FairZone {
  /** "fixed": lower = -band, upper = +band; "quartiles": Q1 and Q3 (type 7) of the points' v */
  kind: "fixed" | "quartiles";
  lower: number;
  upper: number;
}

/**
 * Reasons of the map options (docs/method.md §5), beside `ReasonCode`:
 * - "no-price": an offer without a usable price, left off a map from actual prices
 * - "non-positive-price": an offer whose price is 0 or less, left off a map from actual prices
 * - "missing-share", "zero-share": a share-weighted map where an offer has no share, or a
 *   share of 0 or less (refused instead of dropping the offer from every reference)
 */
export type ReasonCodeMap = "no-price" | "non-positive-price" | "missing-share" | "zero-share";

export interface ValueMapInput {
  /** the market; `price` is the actual price used with `relativePriceFrom: "prices"` */
  offers: Array<OfferDef & { price?: number }>;
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  qualityShare: number | null;
  /** default { type: "weights" } */
  line?: FairValueLineSpec;
  /** half-width of the fair-value band in index points (default 5), or "quartiles" */
  band?: number | "quartiles";
  /** market shares for share-weighted references; default unweighted */
  shares?: Record<string, number>;
  /** default "rest-of-market" */
  reference?: MapReference;
  /** default "price-profile" */
  relativePriceFrom?: RelativePriceBasis;
}

export type ValueMapResult =
  | {
      ok: true;
      line: FairValueLine;
      /** the fixed band's half-width; for "quartiles", (Q3 - Q1) / 2 (the zone is `fairZone`) */
      band: number;
      fairZone: FairZone;
      reference: MapReference;
      relativePriceFrom: RelativePriceBasis;
      points: ValueMapPoint[];
      unavailable: Array<{ offerId: string; reason: UnavailableReason }>;
    }
  | Unavailable;

/**
 * A respondent with the choice, overall and grouping answers used by won/lost analysis,
 * derived importance, segment filters and waves (method.md "The tools" (d), "Beyond Gale").
 * - `chose`: offer id bought last; `considered`: offer ids considered before buying, the one
 *   bought included (missing or empty: not asked or not answered; see `wonLost`);
 * - `overall`: offer id -> overall quality rating 1..10;
 * - `segment`, `wave`: labels for filters and tracking over time.
 */
export type RespondentOutcome = RespondentInput & {
  chose?: string;
  considered?: string[];
  overall?: Record<string, number>;
  segment?: string;
  wave?: string;
};

/**
 * Reason codes of the tools added after the profiles and the map (`Unavailable.reason`), in
 * addition to `ReasonCode` (whose codes these tools also use):
 * - "negative-weight": a weight is below 0
 * - "unknown-group": an attribute belongs to a group that is not defined, or to none
 * - "empty-group": a group with a positive weight has no attribute with a positive weight
 * - "mixed-group": a group holds both quality and price attributes
 * - "duplicate-group", "duplicate-function", "duplicate-wave", "duplicate-account": an id given twice
 * - "same-offer": head-to-head of an offer against itself
 * - "no-decisions": won/lost win rate with no won and no lost respondent
 * - "no-waves", "invalid-date", "duplicate-wave-date": key events timeline
 * - "no-functions", "unknown-function", "invalid-cell", "invalid-ratio": what/who matrix
 * - "too-few-observations", "singular-matrix", "no-positive-coefficients": derived importance
 *   (with "zero-variance" for a constant rating)
 * - "invalid-threshold": difference method or key-account matrix threshold not usable
 * - "not-a-rating": delivered value over a lowerIsBetter (objective, non-rating) attribute
 * - "no-accounts": key-account matrix without accounts
 */
export type ReasonCodeTools =
  | "negative-weight"
  | "unknown-group"
  | "empty-group"
  | "mixed-group"
  | "duplicate-group"
  | "duplicate-function"
  | "duplicate-wave"
  | "duplicate-account"
  | "same-offer"
  | "no-decisions"
  | "no-waves"
  | "invalid-date"
  | "duplicate-wave-date"
  | "no-functions"
  | "unknown-function"
  | "invalid-cell"
  | "invalid-ratio"
  | "too-few-observations"
  | "singular-matrix"
  | "no-positive-coefficients"
  | "invalid-threshold"
  | "not-a-rating"
  | "no-accounts";

/** An attribute with its optional group (method.md "Terms": Kotler's groups). */
export type GroupedAttributeDef = AttributeDef & { group?: string };

/** Result of `twoLevelWeights`: attribute id -> flat weight. */
export type TwoLevelWeightsResult = { ok: true; weights: Record<string, number> } | Unavailable;

/** One attribute of a respondent-level diagnostic (`meanOfRatios`, `meanDifference`). */
export interface PairedDiagnosticRow {
  id: string;
  /** mean over the paired respondents; null when n = 0 */
  value: number | null;
  /** respondents who rated the offer and at least one reference offer on this attribute */
  n: number;
}

export type PairedDiagnosticResult = { ok: true; rows: PairedDiagnosticRow[] } | Unavailable;

/** Input of `headToHead` (method.md "The tools" (e)). */
export interface HeadToHeadInput {
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  offerId: string;
  competitorId: string;
  /** the chart is drawn once for quality and once for price attributes */
  kind: AttributeKind;
}

/** One bar of the head-to-head area chart. */
export interface HeadToHeadRow {
  id: string;
  /** w_i (bar thickness), the weights of the set sum to 100 */
  weight: number;
  /** m_own */
  own: number;
  /** m_comp */
  competitor: number;
  /** r_i = m_own / m_comp (inverted when lowerIsBetter) */
  ratio: number;
  /** r_i - 1 (bar length) */
  advantage: number;
  /** m_own - m_comp in rating points, sign turned so that > 0 = own better (lowerIsBetter) */
  pointsDifference: number;
  /** w_i (r_i - 1) */
  area: number;
}

export type HeadToHeadResult =
  | {
      ok: true;
      kind: AttributeKind;
      rows: HeadToHeadRow[];
      /** Q (quality) or S (price) of the offer against the competitor alone */
      score: number;
      sumOfAreas: number;
      /** the check of method.md (e): sum of areas = score - 100 (to 1e-9 relative) */
      check: { expected: number; holds: boolean };
    }
  | Unavailable;

/** A respondent's won/lost group (`wonLostOutcome`). */
export type WonLostOutcome =
  | "won"
  | "lost"
  | "bought-competitor-without-considering-own"
  | "bought-competitor-consideration-unknown"
  | "no-purchase";

/** Input of `wonLost` (method.md "The tools" (d)). */
export interface WonLostInput {
  respondents: RespondentOutcome[];
  /** the market; profiles compare own against every other offer listed */
  offers: OfferDef[];
  attributes: AttributeDef[];
  /** market weights, used for both groups' profiles so that they are comparable */
  weights: Record<string, number>;
  ownId: string;
  /** how many reasons to report; default 3 */
  topReasons?: number;
}

/** An attribute on which winners out-scored own among lost respondents. */
export interface WonLostReason {
  id: string;
  kind: AttributeKind;
  /** lost respondents whose chosen offer scored better than own on this attribute */
  count: number;
  /** lost respondents who rated both their chosen offer and own on this attribute */
  n: number;
  /** mean over those n of (winner - own) in points, > 0 = winner better (turned for lowerIsBetter) */
  meanGap: number;
}

export interface WonLostGroupProfile {
  /** respondents in the group */
  n: number;
  quality: QualityProfileResult;
  price: PriceProfileResult;
}

export type WonLostResult =
  | {
      ok: true;
      /** bought the own offer last */
      won: number;
      /** bought a competitor after considering the own offer */
      lost: number;
      /** bought a competitor and gave the offers considered, without the own offer */
      boughtCompetitorWithoutConsideringOwn: number;
      /** bought a competitor, considered set not given (older questionnaires asked it optionally) */
      boughtCompetitorConsiderationUnknown: number;
      /** no purchase given */
      other: number;
      /** won / (won + lost) */
      winRate: { ok: true; rate: number } | Unavailable;
      /** lost respondents by the offer they chose, most first (ties by id) */
      lostTo: Array<{ offerId: string; count: number }>;
      reasons: WonLostReason[];
      profiles: { won: WonLostGroupProfile; lost: WonLostGroupProfile };
    }
  | Unavailable;

/** One offer's position in one wave, as placed on a value map. */
export interface TimelinePointInput {
  offerId: string;
  quality: number;
  relativePrice: number;
  value?: number;
}

/** Input of `keyEventsTimeline` (method.md "The tools" (f)); dates are ISO calendar dates YYYY-MM-DD. */
export interface KeyEventsTimelineInput {
  waves: Array<{ wave: string; date: string; points: TimelinePointInput[] }>;
  events: KeyEvent[];
}

/** A dated event entered by the researcher; `kind` e.g. launch, price-change, quality-incident, campaign. */
export interface KeyEvent {
  date: string;
  offerId: string;
  kind: string;
  label: string;
}

export interface TimelineSeriesPoint {
  wave: string;
  date: string;
  quality: number;
  relativePrice: number;
  value?: number;
}

/** An event with the wave interval it falls in. */
export type PlacedKeyEvent = KeyEvent & {
  position: "before-first" | "between" | "after-last";
  /** the last wave dated on or before the event; null before the first wave */
  afterWave: string | null;
  /** the first wave dated after the event; null after the last wave */
  beforeWave: string | null;
};

export type KeyEventsTimelineResult =
  | {
      ok: true;
      /** waves in date order */
      waves: Array<{ wave: string; date: string }>;
      series: Array<{ offerId: string; points: TimelineSeriesPoint[] }>;
      /** events in date order (input order within a date) */
      events: PlacedKeyEvent[];
    }
  | Unavailable;

/** What/who cell: 9 strong, 3 related, 1 weak, 0 none. */
export type WhatWhoCell = 0 | 1 | 3 | 9;

/** Input of `whatWho` (method.md "The tools" (g)). */
export interface WhatWhoInput {
  attributes: AttributeDef[];
  weights: Record<string, number>;
  /** attribute id -> r_i of the own offer (a profile row's ratio) */
  ratios: Record<string, number>;
  /** the own firm's functions (columns) */
  functions: string[];
  /** attribute id -> function id -> cell; a missing cell is 0 */
  cells: Record<string, Record<string, WhatWhoCell>>;
}

export type WhatWhoResult =
  | {
      ok: true;
      /** per attribute: w_i, r_i and the shortfall max(0, 1 - r_i) */
      attributes: Array<{ id: string; weight: number; ratio: number; shortfall: number }>;
      /** functions by priority, highest first; equal priorities share a rank (1, 1, 3) */
      functions: Array<{ id: string; priority: number; rank: number }>;
      /** gap per cell: cell * w_i * max(0, 1 - r_i), attribute by function in input order */
      cells: Array<{ attributeId: string; functionId: string; cell: WhatWhoCell; gap: number }>;
    }
  | Unavailable;

/** Input of `derivedImportance` (method.md "Beyond Gale", derived importance). */
export interface DerivedImportanceInput {
  /** each (respondent, offer) with an overall rating and every attribute rated is one observation */
  respondents: RespondentOutcome[];
  /** the quality attributes are used; price attributes are ignored */
  attributes: AttributeDef[];
  /** stated weights (e.g. `aggregateWeights`), rescaled to 100 over the quality attributes */
  weights: Record<string, number>;
  /** default "relative-weights" (docs/method.md §6) */
  method?: ImportanceMethod;
  /** percentile bootstrap over respondents of each derived weight; default none */
  bootstrap?: { replicates?: number; seed?: number; level?: number };
}

/** A bootstrap interval of a derived weight, or why there is none. */
export type DerivedWeightInterval =
  | { ok: true; lower: number; upper: number }
  | { ok: false; reason: "not-requested" | "too-few-replicates" };

export interface DerivedImportanceRow {
  id: string;
  /** least-squares coefficient b_i (overall points per attribute point; turned for lowerIsBetter) */
  coefficient: number;
  /**
   * the derived share: relative weights and Shapley `sign(b_i) * 100 * ε_i / R²` (never
   * clipped: a negative share says the attribute works against the overall rating once the
   * others are held fixed); "ols" `100 * max(0, b_i) / sum_k max(0, b_k)`
   */
  derivedWeight: number;
  /** ε_i, the attribute's part of R² (relative weights, Shapley); null for "ols" */
  rSquaredPart: number | null;
  /** sign of the OLS coefficient, 1 when b_i >= 0 */
  sign: 1 | -1;
  interval: DerivedWeightInterval;
  statedWeight: number;
  /** 1 = most important; ties share the mean of their ranks */
  statedRank: number;
  derivedRank: number;
  /** derivedRank - statedRank */
  rankDifference: number;
}

export type DerivedImportanceResult =
  | {
      ok: true;
      method: ImportanceMethod;
      intercept: number;
      rows: DerivedImportanceRow[];
      rSquared: number;
      /** observations (respondent, offer pairs) used */
      n: number;
      nRespondents: number;
      /** ids of the attributes with the largest |rankDifference| (empty when all ranks agree) */
      mostDifferent: string[];
      /** replicates used and failed, and the level; null when not requested */
      bootstrap: { replicates: number; failed: number; level: number; seed: number } | null;
    }
  | Unavailable;

/** Input of `differenceMethod` (method.md "Beyond Gale", difference method (Best)). */
export interface DifferenceMethodInput {
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  ownId: string;
  competitorIds: string[];
  /**
   * |m_own - m_c| <= threshold counts as equal: a number, or "standard-error" (default): the
   * difference's standard error `sqrt(sd_own² / n_own + sd_c² / n_c)` from `standardDeviations`
   * and the scores' n (0 where it cannot be computed)
   */
  threshold?: number | "standard-error";
  /** offer id -> attribute id -> sample standard deviation of the ratings (`ratingSpread`) */
  standardDeviations?: Record<string, Record<string, number | null>>;
  /** market shares: the mean over competitors is share-weighted; default unweighted */
  shares?: Record<string, number>;
  /** group weights (per kind, rescaled to 100) and each attribute's group */
  groups?: { weights: Record<string, number>; attributeGroup: Record<string, string> };
}

/**
 * Where a cell's threshold came from: the given number, the difference's standard error, or 0
 * because the standard error could not be computed (no standard deviations, or n < 2).
 */
export type ThresholdSource = "given" | "standard-error" | "no-standard-error";

export interface DifferenceRow {
  id: string;
  /** flat weight used (with groups: group share x within-group share / 100) */
  weight: number;
  own: number;
  byCompetitor: Array<{
    competitorId: string;
    competitor: number;
    /** m_own - m_c, turned for lowerIsBetter so that > 0 = own better rated */
    difference: number;
    /** the threshold used for this cell */
    threshold: number;
    thresholdSource: ThresholdSource;
    /** quality: +w own better, -w worse; price: +w own costs more (worse rated), -w costs less */
    points: number;
  }>;
}

export interface DifferenceSide {
  /** relative benefit (quality) or relative cost of purchase (price), 100 = parity */
  index: number;
  rows: DifferenceRow[];
  /** each competitor's sum of points and its weight in the mean (1, or its market share) */
  perCompetitor: Array<{ competitorId: string; sum: number; weight: number }>;
  /** with groups: each group's weight (sums to 100 per side) and index; else empty */
  groups: Array<{ id: string; weight: number; index: number }>;
}

export type DifferenceMethodResult =
  | {
      ok: true;
      relativeBenefit: number;
      relativeCost: number;
      /** relativeBenefit - relativeCost; > 0 = more benefit than cost relative to competitors */
      customerValue: number;
      /** the given threshold, or "standard-error" (each cell's threshold is in its row) */
      threshold: number | "standard-error";
      /** whether the mean over competitors was weighted by market share */
      shareWeighted: boolean;
      quality: DifferenceSide;
      price: DifferenceSide;
    }
  | Unavailable;

export type KeyAccountType = "key-account" | "develop" | "maintain" | "opportunistic";

/** Input of `keyAccountMatrix` (method.md "Beyond Gale", key-account matrix). */
export interface KeyAccountMatrixInput {
  /** value: V of the own offer among the account's respondents; attractiveness: revenue or potential */
  accounts: Array<{ id: string; value: number; attractiveness: number }>;
  /** default 100 (parity) */
  valueThreshold?: number;
  /** default the median attractiveness */
  attractivenessThreshold?: number;
}

export type KeyAccountMatrixResult =
  | {
      ok: true;
      valueThreshold: number;
      attractivenessThreshold: number;
      accounts: Array<{
        id: string;
        value: number;
        attractiveness: number;
        highAdvantage: boolean;
        highAttractiveness: boolean;
        type: KeyAccountType;
      }>;
      counts: Record<KeyAccountType, number>;
    }
  | Unavailable;

/** What both interval methods (`bootstrapIntervals`, `deltaMethodIntervals`) are computed from. */
export interface IntervalsInput {
  respondents: RespondentInput[];
  offers: OfferDef[];
  /** attributes, with their group when `groups` is given */
  attributes: GroupedAttributeDef[];
  /** group weights for two-level weights (`studyWeights`); default flat attribute weights */
  groups?: Array<{ id: string; weight: number }>;
  /** the offer whose profiles get ratio intervals; default the offer with `own: true` */
  ownId?: string;
  /** reference set R of the own-offer profiles; default every offer but the own */
  referenceIds?: string[];
  /** market shares for share-weighted references; default unweighted */
  shares?: Record<string, number>;
  /** confidence level; default 0.95 */
  level?: number;
}
