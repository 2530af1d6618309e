import type { UnavailableReason } from "../unavailable-reasons";
/**
 * Types of the strategy tools (docs/method.md §5 (d), §9, §10): fair price, what-if scenarios,
 * share of preference and value leads share.
 */
import type {
  AttributeDef,
  CustomerValueScoreResult,
  FairValueLine,
  MeanScores,
  OfferDef,
  RelativePriceResult,
  ValueMapInput,
  ValueMapPoint,
  ValueZone,
} from "../types";

/**
 * Reason codes of the strategy tools (`{ ok: false, reason }`):
 * - "unknown-offer", "unknown-attribute": a scenario or an input names an id that is not there
 * - "not-finite": a delta, value or β is NaN or infinite, or a t quantile is beyond 1e150
 * - "invalid-price-factor": a price factor that is not a finite number > 0
 * - "same-offer": a competitor response that copies the competitor itself
 * - "base-map-unavailable": the base value map cannot be drawn (`cause` = the map's reason)
 * - "offer-not-on-map": the offer is listed in the map's `unavailable`
 * - "no-offers": no offer to share the preference between
 * - "no-respondents": no respondent knows an offer
 * - "no-quality-share": a respondent without q and no respondent gave one
 * - "no-choices": no respondent chose an offer they know among at least two they know
 * - "zero-variance": the utilities do not differ within any choice set (β is not identified),
 *   or the vertical values of value-leads-share are all equal
 * - "missing-share": an offer has no usable market share (`offers` lists them)
 * - "no-market-share": the entered market shares sum to 0
 * - "invalid-option": an option out of its range (replicates, level, bound, β)
 * - "too-few-waves": value leads share with fewer than 3 waves (`have`, `need`)
 * - "duplicate-wave": a wave id given twice
 * - "too-few-observations": fewer than 3 (offer, wave) pairs for the OLS
 * - "too-few-replicates": fewer than 90 % of the bootstrap replicates could refit β
 */
export type ScenarioReasonCode =
  | "unknown-offer"
  | "unknown-attribute"
  | "not-finite"
  | "invalid-price-factor"
  | "same-offer"
  | "base-map-unavailable"
  | "offer-not-on-map"
  | "no-offers"
  | "no-respondents"
  | "no-quality-share"
  | "no-choices"
  | "zero-variance"
  | "missing-share"
  | "no-market-share"
  | "invalid-option"
  | "too-few-waves"
  | "duplicate-wave"
  | "too-few-observations"
  | "too-few-replicates";

/** A strategy figure that cannot be computed, with a typed reason. */
export type ScenarioUnavailable<R extends ScenarioReasonCode = ScenarioReasonCode> = { ok: false; reason: R };

/** Where a scenario is invalid: the list (`changes` or `respond`) and the index in it. */
export type ScenarioInvalid = ScenarioUnavailable<
  "unknown-offer" | "unknown-attribute" | "not-finite" | "invalid-price-factor" | "same-offer"
> & { at: { list: "changes" | "respond"; index: number } };

/** One change of a scenario (docs/method.md §9). */
export type ScenarioChange =
  /** add `delta` rating points to the offer's mean score on the attribute (clamped 1..10) */
  | { offer: string; attribute: string; delta: number }
  /** set the offer's mean score on the attribute to `value` (clamped 1..10) */
  | { offer: string; attribute: string; value: number }
  /** multiply the offer's actual price by `priceFactor` (> 0) */
  | { offer: string; priceFactor: number };

/** A competitor's response: `competitor` makes the same changes as the scenario makes to `copies`. */
export interface ScenarioResponse {
  competitor: string;
  copies: string;
}

/** A what-if scenario: changes, then competitor responses (docs/method.md §9). */
export interface Scenario {
  name: string;
  changes: ScenarioChange[];
  respond?: ScenarioResponse[];
}

/** A change as applied: the scenario's own, or one a competitor copied from `copies`. */
export type ResolvedChange = ScenarioChange & ({ source: "change" } | { source: "response"; copies: string });

/**
 * Why a change did nothing:
 * - "not-rated": the offer has no rating on the attribute (nothing to move);
 * - "no-price": a price factor on an offer without an actual price;
 * - "price-not-in-ratings": a price factor in the share of preference, which reads ratings
 *   only (state a price change there as a change of the price-satisfaction attributes).
 */
export type SkipReason = "not-rated" | "no-price" | "price-not-in-ratings";

/**
 * A change and what it did. Attribute changes: the offer's mean score on the attribute
 * before and after (`clamped`: how many scores the 1..10 clamp bit, 0 or 1 for a mean, a
 * number of ratings at respondent level). Price factors: the actual price before and after.
 */
export type AppliedChange = ResolvedChange &
  ({ applied: true; from: number; to: number; clamped: number } | { applied: false; skipped: SkipReason });

/** Result of `resolveScenario`: the scenario's changes followed by the copied ones. */
export type ResolvedScenario = { ok: true; changes: ResolvedChange[] } | ScenarioInvalid;

/** An offer with its actual price (optional), as in `StudyAnalysisInput`. */
export type PricedOffer = OfferDef & { price?: number };

/**
 * The base a scenario starts from: the value map's input (same weights, q, line, band, shares
 * and every other map option) with the offers' actual prices.
 */
export type ScenarioBase = Omit<ValueMapInput, "offers"> & { offers: PricedOffer[] };

/** The actual-price part of `fairPrice`. */
export type FairPricePrices =
  | {
      ok: true;
      actual: number;
      referencePrice: number;
      /** the reference offers whose price entered the mean */
      referenceIds: string[];
      fair: number;
      gap: number;
      /** 100 * gap / fair (> 0 = priced above fair) */
      gapPercent: number;
    }
  | { ok: false; reason: "no-own-price" | "no-reference-prices" | "zero-reference-price" | "non-positive-fair-price" };

/** Fair price of the own offer (docs/method.md §5). */
export type FairPriceResult =
  | {
      ok: true;
      offer: string;
      /** Q_own */
      quality: number;
      /** RP_own on the map */
      relativePrice: number;
      /** RP* = line(Q_own) = intercept + slope * Q_own */
      fairRelativePrice: number;
      /** v = RP* - RP */
      verticalValue: number;
      line: { type: FairValueLine["type"]; slope: number; intercept: number };
      /** with actual prices: fair price = RP* / 100 * mean reference price, gap = actual - fair */
      prices: FairPricePrices;
    }
  | ScenarioUnavailable<"unknown-offer" | "offer-not-on-map">
  | { ok: false; reason: "base-map-unavailable"; cause: string };

/** One offer's figures on a map: the map point, its V and its actual-price RP. */
export interface OfferFigures {
  quality: number;
  satisfaction: number;
  relativePrice: number;
  fairRelativePrice: number;
  /** v = RP_fair(Q) - RP */
  verticalValue: number;
  perpendicular: number;
  zone: ValueZone;
  frontier: boolean;
  /** V = (q Q + (100 - q) S) / 100 against the rest of the market */
  customerValue: CustomerValueScoreResult;
  /** actual price, null when the offer has none */
  price: number | null;
  /** 100 * price_j / mean(price_k, k in the rest of the market) */
  relativePriceFromPrices: RelativePriceResult;
}

/** An offer off the map (its profile cannot be computed); `reason` is the profile's code. */
export interface OffMap {
  ok: false;
  reason: UnavailableReason;
  price: number | null;
  relativePriceFromPrices: RelativePriceResult;
}

/** Base and scenario side by side for one offer. */
export interface ScenarioOfferComparison {
  offer: string;
  own: boolean;
  base: ({ ok: true } & OfferFigures) | OffMap;
  scenario: ({ ok: true } & OfferFigures) | OffMap;
}

/** Numeric figures whose movement is reported. */
export type MovementFigure =
  | "quality"
  | "satisfaction"
  | "relative-price"
  | "customer-value"
  | "vertical-value"
  | "price"
  | "relative-price-from-prices";

/**
 * One movement from the base to the scenario (codes and numbers; `app/` words them).
 * Numbers move when they differ by more than 1e-9 relative; `change` = to - from.
 */
export type Movement =
  | { offer: string; code: MovementFigure; from: number; to: number; change: number }
  | { offer: string; code: "zone"; from: ValueZone; to: ValueZone }
  | { offer: string; code: "joined-frontier" | "left-frontier" | "joined-map" }
  | { offer: string; code: "left-map"; reason: UnavailableReason }
  | {
      offer: null;
      code: "line";
      from: { slope: number; intercept: number };
      to: { slope: number; intercept: number };
    };

/** Result of `applyScenario`. */
export type ApplyScenarioResult =
  | {
      ok: true;
      name: string;
      changes: AppliedChange[];
      /** the scenario's mean scores (n unchanged) and offers with their scenario prices */
      scores: MeanScores;
      offers: PricedOffer[];
      line: { base: FairValueLine; scenario: FairValueLine };
      comparison: ScenarioOfferComparison[];
      movements: Movement[];
      /** the two maps as `valueMap` draws them */
      points: { base: ValueMapPoint[]; scenario: ValueMapPoint[] };
    }
  | ScenarioInvalid
  | { ok: false; reason: "base-map-unavailable"; cause: string; map: "base" | "scenario" };

/** What the respondent-level tools read: the market, the attributes and an optional scenario. */
export interface ShareInput {
  offers: OfferDef[];
  attributes: AttributeDef[];
  scenario?: Scenario;
}

/**
 * One respondent's utilities (docs/method.md §9 (c)): `known` are the
 * offer indices (into `offers`) the respondent can choose among, `base[k]` and `scenario[k]`
 * the utilities of `known[k]`, `chose` the position in `known` of the offer bought last (null
 * when none, or not one the respondent knows: then `choseUnknown`).
 */
export interface UtilityRow {
  id: string;
  known: number[];
  base: number[];
  scenario: number[];
  chose: number | null;
  choseUnknown: boolean;
}

export type RespondentUtilitiesResult =
  | {
      ok: true;
      offers: string[];
      rows: UtilityRow[];
      /** the scenario's changes as applied to the ratings (empty without a scenario) */
      changes: AppliedChange[];
      /** lowerIsBetter attributes: not ratings on the 1..10 scale, left out of u */
      excludedAttributes: string[];
      /** respondents left out: knowing no offer */
      skipped: { noKnownOffer: number };
    }
  | ScenarioInvalid
  | ScenarioUnavailable<"no-offers" | "no-respondents" | "no-quality-share">;

/** An offer's share of preference in percent, base and scenario. */
export interface OfferShare {
  offer: string;
  base: number;
  scenario: number;
  /** scenario - base, in share points */
  change: number;
}

export type ShareOfPreferenceResult =
  | {
      ok: true;
      beta: number;
      /** respondents who know at least one offer */
      n: number;
      scenario: string | null;
      shares: OfferShare[];
      changes: AppliedChange[];
      excludedAttributes: string[];
      skipped: { noKnownOffer: number };
    }
  | Exclude<RespondentUtilitiesResult, { ok: true }>
  | ScenarioUnavailable<"not-finite">;

/**
 * Warnings of a β fit:
 * - "small-n": fewer than 30 respondents in the fit;
 * - "poor-fit": maximum likelihood: the likelihood-ratio test does not reject β = 0 at 5 %
 *   (2 (ℓ(β) − ℓ(0)) < 3.8415), or β ≤ 0; share fit: an offer's predicted share is more than
 *   5 points off the entered share;
 * - "at-bound": β sits on a bound of its search interval (perfect separation, or shares that
 *   value does not explain).
 */
export type FitWarning = "small-n" | "poor-fit" | "at-bound";

/** Result of the maximum-likelihood fit of β on the respondents' last purchase. */
export type LogitFit =
  | {
      ok: true;
      method: "maximum-likelihood";
      beta: number;
      /** 1 / sqrt(-ℓ''(β)); null when the curvature is 0 (β at a bound) */
      standardError: number | null;
      logLikelihood: number;
      /** ℓ(0) = -Σ_r log |K_r| (every known offer equally likely) */
      nullLogLikelihood: number;
      /** McFadden's 1 - ℓ(β) / ℓ(0) */
      pseudoRSquared: number;
      /** share of respondents whose chosen offer has the highest predicted probability (ties share the credit) */
      hitRate: number;
      /** the same for a random pick among the known offers: mean of 1 / |K_r| */
      chanceHitRate: number;
      /** respondents in the fit: a choice among at least two offers they know */
      n: number;
      skipped: { noChoice: number; choseUnknown: number; singleOffer: number };
      iterations: number;
      warnings: FitWarning[];
    }
  | ScenarioUnavailable<"no-choices" | "zero-variance" | "invalid-option">;

/** Result of the least-squares fit of β to entered market shares. */
export type ShareFit =
  | {
      ok: true;
      method: "share-fit";
      beta: number;
      /** Σ_j (predicted_j − entered_j)², share points squared */
      sumOfSquares: number;
      rmse: number;
      maxAbsError: number;
      /** per offer: entered share (normalised to 100 over the offers), predicted, predicted − entered */
      fit: Array<{ offer: string; entered: number; predicted: number; error: number }>;
      /** respondents who know at least one offer */
      n: number;
      warnings: FitWarning[];
    }
  | { ok: false; reason: "missing-share"; offers: string[] }
  | ScenarioUnavailable<"no-market-share" | "no-respondents" | "invalid-option">;

/** How `shareIntervals` fits β in each replicate. */
export type BetaFitSpec = { type: "choices" } | { type: "shares"; marketShares: Record<string, number> };

/** A percentile interval; `replicates` used, `failed` replicates where β could not be refitted. */
export interface ShareInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export type ShareIntervalsResult =
  | {
      ok: true;
      method: "percentile-bootstrap";
      replicates: number;
      failed: number;
      seed: number;
      level: number;
      n: number;
      beta: ShareInterval;
      offers: Array<{ offer: string; base: ShareInterval; scenario: ShareInterval; change: ShareInterval }>;
    }
  | Exclude<RespondentUtilitiesResult, { ok: true }>
  | { ok: false; reason: "missing-share"; offers: string[] }
  | ScenarioUnavailable<"no-choices" | "zero-variance" | "no-market-share" | "invalid-option" | "too-few-replicates">;

/** One wave of value leads share: market shares (percent) and vertical values v_{j,t}. */
export interface ShareWave {
  wave: string;
  shares: Record<string, number>;
  values: Record<string, number>;
}

export type ValueLeadsShareResult =
  | {
      ok: true;
      intercept: number;
      /** share points gained per wave per point of vertical value; > 0 = better value gains share */
      slope: number;
      /** null when the share changes do not vary (R² undefined) */
      rSquared: number | null;
      /** (offer, wave) pairs used */
      n: number;
      /** 95 % t-interval of the slope, n − 2 degrees of freedom */
      slopeInterval: { lower: number; upper: number; standardError: number; t: number; df: number };
      /** pairs left out: the offer lacks v_{j,t}, share_{j,t} or share_{j,t+1} */
      skipped: Array<{ offer: string; wave: string }>;
    }
  | { ok: false; reason: "too-few-waves"; have: number; need: 3 }
  | { ok: false; reason: "too-few-observations"; have: number; need: 3 }
  | ScenarioUnavailable<"duplicate-wave" | "zero-variance">;
