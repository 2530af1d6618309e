import { FIT_THRESHOLDS } from "./fit-thresholds";
import { logitShares } from "./logit-shares";
import type { FitWarning, UtilityRow } from "./types";

/** Golden ratio conjugate (√5 − 1) / 2. */
const PHI = (Math.sqrt(5) - 1) / 2;

/** Σ_j (predicted_j(β) − target_j)² on the base utilities. */
function squaredError(rows: UtilityRow[], target: number[], beta: number): number {
  const predicted = logitShares(rows, target.length, beta, "base");
  return predicted.reduce((s, p, j) => s + (p - (target[j] as number)) ** 2, 0);
}

/**
 * β minimising the squared error between the predicted shares of preference and `target`
 * (percent per offer, summing to 100), over [0, bound] (docs/method.md §9 (d)):
 * a grid (β = 0 and 41 points geometric from bound·10⁻⁵ to bound, ratio 10^⅛) finds the best
 * cell, then golden-section search between the best grid point's neighbours (to 1e-9). The
 * error need not be unimodal over the whole range; the grid keeps the search off a far local
 * minimum. "at-bound" when β is 0 or the bound (to 1e-8 relative); "small-n" below 30
 * respondents.
 */
export function leastSquaresBeta(
  rows: UtilityRow[],
  target: number[],
  bound: number,
): { beta: number; sumOfSquares: number; warnings: FitWarning[] } {
  const grid = [0, ...Array.from({ length: 41 }, (_, k) => bound * 10 ** (-5 + k / 8))];
  const errors = grid.map((beta) => squaredError(rows, target, beta));
  let best = 0;
  errors.forEach((e, k) => {
    if (e < (errors[best] as number)) best = k;
  });
  let low = grid[Math.max(0, best - 1)] as number;
  let high = grid[Math.min(grid.length - 1, best + 1)] as number;
  let a = high - PHI * (high - low);
  let b = low + PHI * (high - low);
  let fa = squaredError(rows, target, a);
  let fb = squaredError(rows, target, b);
  for (let k = 0; k < 200 && high - low > 1e-9 * Math.max(1, high); k += 1) {
    if (fa <= fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - PHI * (high - low);
      fa = squaredError(rows, target, a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + PHI * (high - low);
      fb = squaredError(rows, target, b);
    }
  }
  // The best of the search's last point and the grid point it started from (ends included).
  let beta = (low + high) / 2;
  let sumOfSquares = squaredError(rows, target, beta);
  if ((errors[best] as number) < sumOfSquares) {
    beta = grid[best] as number;
    sumOfSquares = errors[best] as number;
  }
  const warnings: FitWarning[] = [];
  if (rows.length < FIT_THRESHOLDS.smallN) warnings.push("small-n");
  if (beta <= 1e-8 * bound || beta >= (1 - 1e-8) * bound) warnings.push("at-bound");
  return { beta, sumOfSquares, warnings };
}
