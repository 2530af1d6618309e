/** Types of the price research tools (docs/method.md §8). */

/** Van Westendorp's four prices of one respondent. */
export interface PriceSensitivityAnswer {
  respondentId?: string;
  tooCheap: number;
  /** cheap: a bargain */
  cheap: number;
  expensive: number;
  tooExpensive: number;
}

/**
 * Reasons of the price research tools:
 * - "no-valid-answers": no respondent left after the checks
 * - "no-intersection": two curves do not meet over the observed prices
 * - "invalid-calibration": a Newton–Miller–Smith calibration value outside 0..1 or missing
 * - "invalid-ladder": a Gabor–Granger ladder that is empty, not ascending, or has a price < 0
 */
export type ReasonCodePriceResearch = "no-valid-answers" | "no-intersection" | "invalid-calibration" | "invalid-ladder";

/** A price where two curves meet, or why there is none. */
export type PricePoint = { ok: true; price: number } | { ok: false; reason: "no-intersection" };

export interface VanWestendorpCurvePoint {
  price: number;
  /** share who said "too cheap" at this price or above (descending) */
  tooCheap: number;
  /** share who said "cheap" at this price or above (descending) */
  cheap: number;
  /** 1 - cheap */
  notCheap: number;
  /** share who said "expensive" at this price or below (ascending) */
  expensive: number;
  /** 1 - expensive */
  notExpensive: number;
  /** share who said "too expensive" at this price or below (ascending) */
  tooExpensive: number;
}

export type VanWestendorpResult =
  | {
      ok: true;
      /** respondents used, and dropped (not too cheap <= cheap <= expensive <= too expensive, or a price not finite or < 0) */
      n: number;
      dropped: number;
      curves: VanWestendorpCurvePoint[];
      /** point of marginal cheapness: too cheap ∩ not cheap */
      pmc: PricePoint;
      /** point of marginal expensiveness: too expensive ∩ not expensive */
      pme: PricePoint;
      /** optimal price point: too cheap ∩ too expensive */
      opp: PricePoint;
      /** indifference price point: cheap ∩ expensive */
      ipp: PricePoint;
      /** acceptable price range [PMC, PME] */
      range: { ok: true; lower: number; upper: number } | { ok: false; reason: "no-intersection" };
    }
  | { ok: false; reason: "no-valid-answers" };

/** Newton–Miller–Smith: the four prices plus the purchase likelihood (1..5) at cheap and expensive. */
export type NewtonMillerSmithAnswer = PriceSensitivityAnswer & {
  likelihoodAtCheap: number;
  likelihoodAtExpensive: number;
};

/** Likelihood answer 1..5 -> purchase probability 0..1. */
export type PurchaseCalibration = Record<1 | 2 | 3 | 4 | 5, number>;

export interface DemandCurvePoint {
  price: number;
  /** mean purchase probability (NMS) or share willing (Gabor–Granger) */
  demand: number;
  /** price x demand */
  revenue: number;
}

export type NewtonMillerSmithResult =
  | {
      ok: true;
      n: number;
      /** respondents dropped: price order broken, a price not finite or < 0, a likelihood not 1..5 */
      dropped: number;
      calibration: PurchaseCalibration;
      /** at every observed price, ascending */
      curve: DemandCurvePoint[];
      /** lowest price with the highest demand */
      demandMaximising: DemandCurvePoint;
      /** price with the highest revenue index (between observed prices too), lowest on ties */
      revenueMaximising: DemandCurvePoint;
    }
  | { ok: false; reason: "no-valid-answers" | "invalid-calibration" };

/** One Gabor–Granger answer: would buy at this price or not. */
export interface GaborGrangerAnswer {
  price: number;
  buy: boolean;
}

export interface GaborGrangerRespondent {
  respondentId?: string;
  answers: GaborGrangerAnswer[];
}

export type GaborGrangerResult =
  | {
      ok: true;
      n: number;
      /** respondents dropped: a price off the ladder, or yes at a price above a no (not monotone), or no answer */
      dropped: number;
      /** per ladder price: demand = share willing among respondents whose willingness there is known (nKnown) */
      curve: Array<DemandCurvePoint & { nKnown: number }>;
      /** ladder price with the highest price x demand, lowest on ties */
      revenueMaximising: DemandCurvePoint;
    }
  | { ok: false; reason: "no-valid-answers" | "invalid-ladder" };
