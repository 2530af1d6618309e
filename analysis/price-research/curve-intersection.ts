import type { PricePoint } from "./types";

/**
 * Where two curves given at the same ascending prices first meet, by linear interpolation
 * (docs/method.md §8): with `d_k = f_k - g_k`, the first price where d is 0, else the first
 * pair of neighbouring prices where d changes sign, at `p_{k-1} + (p_k - p_{k-1}) d_{k-1} /
 * (d_{k-1} - d_k)`. "no-intersection" when d never reaches 0 or changes sign.
 */
export function curveIntersection(prices: number[], f: number[], g: number[]): PricePoint {
  let previous: number | null = null;
  for (let k = 0; k < prices.length; k += 1) {
    const d = (f[k] as number) - (g[k] as number);
    if (d === 0) return { ok: true, price: prices[k] as number };
    if (previous !== null && previous > 0 !== d > 0) {
      const low = prices[k - 1] as number;
      return { ok: true, price: low + (((prices[k] as number) - low) * previous) / (previous - d) };
    }
    previous = d;
  }
  return { ok: false, reason: "no-intersection" };
}
