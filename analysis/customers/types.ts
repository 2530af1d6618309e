/**
 * Types of customers' value to the firm (docs/method.md §11): transactions in, RFM scores,
 * silent customers, lifetime value, customer equity and the customer pyramid out.
 *
 * Rates and shares are fractions throughout (0.1 = 10 %, 0.05 = the top 5 %); amounts are in
 * the currency of the transactions; durations are whole days between ISO calendar dates.
 */

/** One transaction, as `surveys/transactions` reads it from a file. */
export interface Transaction {
  customerId: string;
  /** ISO calendar date YYYY-MM-DD (no time, no time zone) */
  date: string;
  /** revenue of the transaction; a refund is negative */
  amount: number;
  /** margin of the transaction in currency (first choice, see `annualMargin`) */
  margin?: number;
  /** margin as a fraction of the amount, e.g. 0.3 (second choice) */
  marginRate?: number;
  /** cost of the goods sold: margin = amount - cost (third choice) */
  cost?: number;
  /** the B2B account the customer belongs to (key accounts, a later step) */
  account?: string;
}

/**
 * Why a figure cannot be computed (`CustomersUnavailable.reason`):
 * - "no-transactions": no transaction on or before the analysis date (and after the window start)
 * - "no-purchases": transactions, but no customer has a day with a positive net amount
 * - "invalid-analysis-date", "invalid-window-start": not an ISO calendar date, or the window
 *   starts after the analysis date
 * - "invalid-date": a transaction date is not an ISO calendar date
 * - "missing-customer-id": a transaction without a customer id
 * - "not-finite": an amount, margin, rate, cost or CLV input is NaN or infinite
 * - "no-margin": a transaction of the last 12 months has no margin, margin rate or cost, and no
 *   default margin rate was given
 * - "no-previous-customers": measured retention with nobody buying in the previous 12 months
 * - "no-intervals": the silent score of a one-purchase customer when no customer has two purchases
 * - "retention-out-of-range": retention outside 0..1
 * - "discount-rate-out-of-range": a discount rate of -1 (-100 %) or less
 * - "diverges": unlimited horizon with retention >= 1 + discount rate (the sum has no limit)
 * - "invalid-horizon": a horizon that is not a whole number of years from 1 to 1000
 * - "no-customers", "duplicate-customer": equity or pyramid input without customers, or with an
 *   id twice
 * - "invalid-cutoffs": pyramid cut-offs below 0, not finite, or adding up to more than 1
 * - "non-positive-total": a share of a total revenue or margin that is 0 or negative
 * - "no-grid": equity sensitivity without retention or discount rates
 * - "inactive": no purchase in the last 12 months, so no annual margin, CLV or tier
 */
export type CustomersReason =
  | "no-transactions"
  | "no-purchases"
  | "invalid-analysis-date"
  | "invalid-window-start"
  | "invalid-date"
  | "missing-customer-id"
  | "not-finite"
  | "no-margin"
  | "no-previous-customers"
  | "no-intervals"
  | "retention-out-of-range"
  | "discount-rate-out-of-range"
  | "diverges"
  | "invalid-horizon"
  | "no-customers"
  | "duplicate-customer"
  | "invalid-cutoffs"
  | "non-positive-total"
  | "no-grid"
  | "inactive";

/** A figure that cannot be computed, with the reason. */
export type CustomersUnavailable = { ok: false; reason: CustomersReason };

/** A single figure that may be unavailable. */
export type CustomersFigure = { ok: true; value: number } | CustomersUnavailable;

/** A span of calendar days, both ends included. */
export interface DatePeriod {
  from: string;
  to: string;
}

/** Options shared by the functions that read transactions at an analysis date D. */
export interface AnalysisDateOptions {
  /** D, an ISO calendar date; transactions after D are left out (and counted) */
  analysisDate: string;
}

/** An RFM score: 1 (worst fifth) .. 5 (best fifth). */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

/** RFM segment codes (see `rfmSegment` for the grid); `app/` holds the display texts. */
export type RfmSegment =
  | "champions"
  | "loyal"
  | "potential-loyalist"
  | "new"
  | "promising"
  | "needs-attention"
  | "about-to-sleep"
  | "at-risk"
  | "cannot-lose"
  | "hibernating"
  | "lost";

export interface RfmOptions extends AnalysisDateOptions {
  /** first day of the RFM window (ISO date); default: no lower bound */
  windowStart?: string;
}

/** One customer's RFM figures. */
export interface RfmCustomer {
  id: string;
  /** R: days from the last purchase to D */
  recency: number;
  /** F: purchase days in the window */
  frequency: number;
  /** M: net amount in the window */
  monetary: number;
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
  /** "r-f-m", e.g. "5-4-5" */
  cell: string;
  segment: RfmSegment;
}

export type RfmScoresResult =
  | {
      ok: true;
      analysisDate: string;
      /** customers with at least one purchase day, in order of first appearance */
      customers: RfmCustomer[];
      /** customers in the window whose every day nets to 0 or less (refunds only) */
      withoutPurchases: number;
      /** transactions dated after D, left out */
      afterAnalysisDate: number;
    }
  | CustomersUnavailable;

/** One customer's silent score (docs/method.md §11). */
export interface SilentCustomer {
  id: string;
  /** purchase days up to D */
  purchases: number;
  /** T_r: days from the last purchase to D */
  recency: number;
  /** "own-intervals": S against the customer's longest interval; "median-interval": one purchase */
  basis: "own-intervals" | "median-interval";
  /** the divisor of S: max T_i, or the median interval of all customers */
  reference: number;
  /** rank of T_r among {T_i} and T_r (ascending, ties averaged) / purchases; null for one purchase */
  rankRatio: number | null;
  /** S = T_r / reference */
  score: number;
  /** S >= 1 */
  silent: boolean;
  /** S - 1 when silent, else null */
  degree: number | null;
}

export type SilentCustomersResult =
  | {
      ok: true;
      analysisDate: string;
      /** median of every interval of every customer with two purchases or more; null if none */
      medianInterval: number | null;
      customers: SilentCustomer[];
      /** one-purchase customers without a median interval to compare with */
      unscored: Array<{ id: string; reason: "no-intervals" }>;
    }
  | CustomersUnavailable;

/** Input of `customerLifetimeValue` (docs/method.md §11). */
export interface ClvInput {
  /** m: the customer's annual margin */
  margin: number;
  /** r: share of customers who buy again the next year, 0..1 */
  retention: number;
  /** i: default 0.10 */
  discountRate?: number;
  /** c: acquisition and service cost, default 0 */
  cost?: number;
  /** T: whole years 1..1000; absent = unlimited horizon */
  horizonYears?: number;
}

export type ClvResult = { ok: true; value: number; horizon: "unlimited" | number } | CustomersUnavailable;

export type RetentionResult =
  | {
      ok: true;
      /** retained / previousCustomers */
      retention: number;
      previousCustomers: number;
      retained: number;
      previous: DatePeriod;
      current: DatePeriod;
    }
  | CustomersUnavailable;

export interface AnnualMarginOptions extends AnalysisDateOptions {
  /** margin rate for transactions without margin, margin rate or cost (last choice) */
  defaultMarginRate?: number;
}

/** A customer's revenue and margin over the 12 months up to D. */
export interface CustomerMargin {
  id: string;
  revenue: number;
  margin: number;
  /** at least one purchase day in the period */
  active: boolean;
}

export type AnnualMarginResult = { ok: true; period: DatePeriod; customers: CustomerMargin[] } | CustomersUnavailable;

/** Customers with their annual margin, for equity. */
export interface CustomerEquityInput {
  customers: Array<{ id: string; margin: number }>;
  retention: number;
  discountRate?: number;
  cost?: number;
  horizonYears?: number;
}

export type CustomerEquityResult =
  | { ok: true; equity: number; count: number; meanClv: number; customers: Array<{ id: string; clv: number }> }
  | CustomersUnavailable;

export interface EquitySensitivityInput {
  customers: Array<{ id: string; margin: number }>;
  /** the columns of the table */
  retentions: number[];
  /** the rows of the table */
  discountRates: number[];
  cost?: number;
  horizonYears?: number;
}

export type EquitySensitivityResult =
  | {
      ok: true;
      retentions: number[];
      discountRates: number[];
      /** equity[row of discount rate][column of retention] */
      equity: CustomersFigure[][];
    }
  | CustomersUnavailable;

export type PyramidTier = "platinum" | "gold" | "iron" | "lead";

/** Share of customers in each tier above lead (lead takes the rest). */
export interface PyramidCutoffs {
  platinum: number;
  gold: number;
  iron: number;
}

export interface PyramidCustomerInput {
  id: string;
  margin: number;
  revenue: number;
}

export interface PyramidTierSummary {
  tier: PyramidTier;
  count: number;
  revenue: number;
  margin: number;
  /** tier revenue / total revenue */
  revenueShare: CustomersFigure;
  /** tier margin / total margin */
  marginShare: CustomersFigure;
}

export type CustomerPyramidResult =
  | {
      ok: true;
      cutoffs: PyramidCutoffs;
      customers: Array<{ id: string; margin: number; tier: PyramidTier }>;
      /** platinum, gold, iron, lead */
      tiers: PyramidTierSummary[];
    }
  | CustomersUnavailable;

export interface AnalyzeCustomersOptions extends RfmOptions {
  /** given retention; default: measured from the transactions */
  retention?: number;
  /** default 0.10 */
  discountRate?: number;
  /** acquisition and service cost per customer, default 0 */
  cost?: number;
  /** absent = unlimited horizon */
  horizonYears?: number;
  defaultMarginRate?: number;
  cutoffs?: PyramidCutoffs;
}

/** One customer of `analyzeCustomers`. */
export interface CustomerSummary {
  id: string;
  recency: number;
  frequency: number;
  monetary: number;
  rfm: { r: RfmScore; f: RfmScore; m: RfmScore; cell: string; segment: RfmSegment };
  silent: { ok: true; score: number; rankRatio: number | null; silent: boolean } | CustomersUnavailable;
  clv: CustomersFigure;
  tier: { ok: true; tier: PyramidTier } | CustomersUnavailable;
}

export type AnalyzeCustomersResult =
  | {
      ok: true;
      analysisDate: string;
      /** customers with at least one purchase day */
      count: number;
      retention: { ok: true; value: number; source: "measured" | "given" } | CustomersUnavailable;
      /** sum of CLV over the customers active in the last 12 months */
      customerEquity: { ok: true; value: number; activeCustomers: number } | CustomersUnavailable;
      customers: CustomerSummary[];
      withoutPurchases: number;
      afterAnalysisDate: number;
    }
  | CustomersUnavailable;
