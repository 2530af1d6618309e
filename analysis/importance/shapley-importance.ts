import { solveLinearSystem } from "../matrix/solve-linear-system";
import type { RSquaredSplit } from "./types";

/** Largest number of attributes for the exact decomposition (2^12 = 4096 subsets). */
export const SHAPLEY_MAX_ATTRIBUTES = 12;

/**
 * Exact Shapley value (LMG, Lindeman, Merenda & Gold 1980) decomposition of R² from the
 * attributes' correlation matrix `R_xx` and their correlations `r_xy` with the overall rating.
 * `R²(S) = r_S' R_SS⁻¹ r_S` for every subset S of attributes (R²(∅) = 0); attribute i's raw
 * weight is `sum over S not containing i of |S|! (p - |S| - 1)! / p! * (R²(S ∪ {i}) - R²(S))`,
 * its mean gain in R² over all orders of entry. The raw weights sum to `R²` of all attributes.
 *
 * Unavailable: "no-attributes", "too-many-attributes" (more than 12), "singular-matrix".
 */
export function shapleyImportance(correlations: number[][], targetCorrelations: number[]): RSquaredSplit {
  const p = targetCorrelations.length;
  if (p === 0) return { ok: false, reason: "no-attributes" };
  if (p > SHAPLEY_MAX_ATTRIBUTES) return { ok: false, reason: "too-many-attributes" };
  const subsets = 1 << p;
  const r2 = new Float64Array(subsets);
  for (let mask = 1; mask < subsets; mask += 1) {
    const members: number[] = [];
    for (let i = 0; i < p; i += 1) if ((mask >> i) & 1) members.push(i);
    const r = members.map((i) => targetCorrelations[i] as number);
    const sub = members.map((i) => members.map((j) => (correlations[i] as number[])[j] as number));
    const solved = solveLinearSystem(sub, r);
    if (solved === null) return { ok: false, reason: "singular-matrix" };
    r2[mask] = solved.reduce((s, b, k) => s + b * (r[k] as number), 0);
  }
  const factorial = [1];
  for (let k = 1; k <= p; k += 1) factorial.push((factorial[k - 1] as number) * k);
  const rawWeights = new Array<number>(p).fill(0);
  for (let mask = 0; mask < subsets; mask += 1) {
    let size = 0;
    for (let i = 0; i < p; i += 1) if ((mask >> i) & 1) size += 1;
    const share = ((factorial[size] as number) * (factorial[p - size - 1] ?? 1)) / (factorial[p] as number);
    for (let i = 0; i < p; i += 1) {
      if ((mask >> i) & 1) continue;
      rawWeights[i] = (rawWeights[i] as number) + share * ((r2[mask | (1 << i)] as number) - (r2[mask] as number));
    }
  }
  return { ok: true, rawWeights, rSquared: r2[subsets - 1] as number };
}
