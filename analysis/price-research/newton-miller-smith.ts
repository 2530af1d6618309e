import type { DemandCurvePoint, NewtonMillerSmithAnswer, NewtonMillerSmithResult, PurchaseCalibration } from "./types";
import { validPriceAnswer } from "./valid-price-answer";

/** The default calibration of the 5-point purchase likelihood (docs/method.md §8). */
export const DEFAULT_CALIBRATION: PurchaseCalibration = { 5: 0.7, 4: 0.5, 3: 0.3, 2: 0.1, 1: 0 };

type Curve = { tooCheap: number; cheap: number; expensive: number; tooExpensive: number; atCheap: number; atExpensive: number };

/** A respondent's purchase probability at price p. */
function probability(c: Curve, p: number): number {
  if (p < c.tooCheap || p > c.tooExpensive) return 0;
  if (p <= c.cheap) return c.atCheap;
  if (p >= c.expensive) return c.atExpensive;
  return c.atCheap + ((c.atExpensive - c.atCheap) * (p - c.cheap)) / (c.expensive - c.cheap);
}

/**
 * Newton–Miller–Smith extension of the price sensitivity meter (docs/method.md §8). Each kept
 * respondent (Van Westendorp's order check, likelihoods whole numbers 1..5) gives a purchase
 * probability curve: 0 below too cheap and above too expensive; the calibrated likelihood at
 * cheap from too cheap to cheap; linear from cheap to expensive; the calibrated likelihood at
 * expensive from expensive to too expensive. Calibration default 5→0.7, 4→0.5, 3→0.3, 2→0.1,
 * 1→0 (each value 0..1; returned so the report shows it).
 *
 * Demand(p) = mean probability; revenue index = p · Demand(p); the curve at every price a kept
 * respondent named. Demand-maximising price: the lowest observed price with the highest demand
 * (demand is linear between observed prices and its jumps keep the higher value at the
 * price named, so its maximum is at an observed price). Revenue-maximising price: between
 * neighbouring observed prices demand is linear, `a + b p`, so revenue may peak inside at
 * `p = -a / (2 b)` (b < 0); the best of the observed prices and those inner peaks, lowest on ties.
 *
 * Unavailable: "invalid-calibration", "no-valid-answers".
 */
export function newtonMillerSmith(answers: NewtonMillerSmithAnswer[], calibration: PurchaseCalibration = DEFAULT_CALIBRATION): NewtonMillerSmithResult {
  const levels = [1, 2, 3, 4, 5] as const;
  if (!levels.every((l) => Number.isFinite(calibration[l]) && calibration[l] >= 0 && calibration[l] <= 1)) {
    return { ok: false, reason: "invalid-calibration" };
  }
  const likelihood = (x: number) => Number.isInteger(x) && x >= 1 && x <= 5;
  const curves: Curve[] = answers
    .filter((a) => validPriceAnswer(a) && likelihood(a.likelihoodAtCheap) && likelihood(a.likelihoodAtExpensive))
    .map((a) => ({
      tooCheap: a.tooCheap,
      cheap: a.cheap,
      expensive: a.expensive,
      tooExpensive: a.tooExpensive,
      atCheap: calibration[a.likelihoodAtCheap as 1 | 2 | 3 | 4 | 5],
      atExpensive: calibration[a.likelihoodAtExpensive as 1 | 2 | 3 | 4 | 5],
    }));
  const n = curves.length;
  if (n === 0) return { ok: false, reason: "no-valid-answers" };
  const demand = (p: number) => curves.reduce((s, c) => s + probability(c, p), 0) / n;
  const point = (price: number): DemandCurvePoint => {
    const d = demand(price);
    return { price, demand: d, revenue: price * d };
  };
  const prices = [...new Set(curves.flatMap((c) => [c.tooCheap, c.cheap, c.expensive, c.tooExpensive]))].sort((a, b) => a - b);
  const curve = prices.map(point);

  let demandMaximising = curve[0] as DemandCurvePoint;
  for (const p of curve) if (p.demand > demandMaximising.demand) demandMaximising = p;

  const candidates = [...curve];
  for (let k = 1; k < prices.length; k += 1) {
    const low = prices[k - 1] as number;
    const high = prices[k] as number;
    // demand is exactly linear inside (low, high): read it at 1/3 and 2/3
    const x1 = low + (high - low) / 3;
    const x2 = low + (2 * (high - low)) / 3;
    const slope = (demand(x2) - demand(x1)) / (x2 - x1);
    const intercept = demand(x1) - slope * x1;
    if (slope < 0) {
      const peak = -intercept / (2 * slope);
      // a peak at (or within rounding of) an observed price is that price, already a candidate
      const margin = 1e-9 * (high - low);
      if (peak > low + margin && peak < high - margin) candidates.push(point(peak));
    }
  }
  let revenueMaximising = curve[0] as DemandCurvePoint;
  for (const p of candidates) {
    if (p.revenue > revenueMaximising.revenue || (p.revenue === revenueMaximising.revenue && p.price < revenueMaximising.price)) {
      revenueMaximising = p;
    }
  }
  return { ok: true, n, dropped: answers.length - n, calibration: { ...calibration }, curve, demandMaximising, revenueMaximising };
}
