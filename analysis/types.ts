/**
 * Shared types of the customer value analysis (CVA) library.
 * Terms follow docs/method.md, section "Terms".
 */

/** Quality attributes drive the choice; price attributes are what the customer gives up. */
export type AttributeKind = "quality" | "price";

/** An offer in the market. `share` is its market share (any positive scale), optional. */
export interface OfferDef {
  id: string;
  own: boolean;
  share?: number;
}

/** An attribute. `lowerIsBetter` inverts the ratio (objective data where lower is better). */
export interface AttributeDef {
  id: string;
  kind: AttributeKind;
  lowerIsBetter?: boolean;
}

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
export type Unavailable = { ok: false; reason: string };

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

export interface ValueMapInput {
  offers: OfferDef[];
  attributes: AttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  qualityShare: number | null;
  /** default { type: "weights" } */
  line?: FairValueLineSpec;
  /** half-width of the fair-value band in index points; default 5 */
  band?: number;
  /** market shares for share-weighted references; default unweighted */
  shares?: Record<string, number>;
}

export type ValueMapResult =
  | {
      ok: true;
      line: FairValueLine;
      band: number;
      points: ValueMapPoint[];
      unavailable: Array<{ offerId: string; reason: string }>;
    }
  | Unavailable;
