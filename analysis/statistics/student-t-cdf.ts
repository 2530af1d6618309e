import { regularizedIncompleteBeta } from "./regularized-incomplete-beta";

/**
 * Cumulative distribution of Student's t with `df` > 0 degrees of freedom (any real df, as
 * Welch–Satterthwaite gives): with `x = df / (df + t²)`, the tail beyond |t| is
 * `I_x(df / 2, 1 / 2) / 2` (`regularizedIncompleteBeta`), so `P(T <= t)` is the tail for
 * t < 0 and 1 − tail for t >= 0. NaN-free: t = ±Infinity gives 1 or 0; df <= 0 or NaN t gives 0.5.
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return 0.5;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5) / 2;
  return t < 0 ? tail : 1 - tail;
}
