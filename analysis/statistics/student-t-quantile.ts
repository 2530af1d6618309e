import { studentTCdf } from "./student-t-cdf";

/**
 * Quantile of Student's t with `df` > 0 degrees of freedom: the t with `studentTCdf(t, df) = p`
 * for 0 < p < 1, by bisection to 1e-12 (the CDF is increasing); null outside.
 */
export function studentTQuantile(p: number, df: number): number | null {
  if (!(p > 0 && p < 1) || !(df > 0)) return null;
  if (p === 0.5) return 0;
  let low = -1;
  let high = 1;
  while (studentTCdf(low, df) > p) low *= 2;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, Math.abs(low)); i += 1) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
