/**
 * An amount rounded to the millionth, for comparisons: sums of decimal amounts carry binary
 * rounding noise (0.1 + 0.2 is 0.30000000000000004), which must not break a tie between two
 * customers who spent the same.
 */
export function comparableAmount(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}
