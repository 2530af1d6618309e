/**
 * Quantile of type 7 (Hyndman & Fan 1996; R's and Excel's default): with the values sorted
 * ascending `x_1 <= ... <= x_n` and `h = (n - 1) p`, the quantile is
 * `x_{floor(h)+1} + (h - floor(h)) (x_{floor(h)+2} - x_{floor(h)+1})`.
 * Null for no values or p outside 0..1.
 */
export function quantileType7(values: number[], p: number): number | null {
  if (values.length === 0 || !(p >= 0 && p <= 1)) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const low = sorted[lower] as number;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return low + (h - lower) * (high - low);
}
