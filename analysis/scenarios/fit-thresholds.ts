/**
 * Thresholds of the β fits' warnings (docs/method.md §9 (d)):
 * - `smallN`: fewer respondents than this in a fit is "small-n" (method.md flags n < 30);
 * - `likelihoodRatio`: the χ²(1) 95 % quantile (1.959963984540054², tables: 3.841); a
 *   likelihood-ratio statistic 2 (ℓ(β) − ℓ(0)) below it is "poor-fit";
 * - `shareError`: a share fit with an offer more than this many share points off is "poor-fit".
 */
export const FIT_THRESHOLDS = { smallN: 30, likelihoodRatio: 3.841458820694124, shareError: 5 } as const;
