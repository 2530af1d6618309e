/**
 * Quantile p (0..1) of ascending `sorted` values by linear interpolation between order
 * statistics (Hyndman–Fan type 7, as `bootstrapIntervals` uses). `sorted` must not be empty.
 */
export function percentile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (h - below) * (high - low);
}
