import type { UtilityRow } from "./types";

/**
 * Shares of preference in percent (docs/method.md §9): per offer j,
 * `100 * mean over r of e^{β u_{r,j}} / Σ_{k in K_r} e^{β u_{r,k}}`, 0 for r who does not
 * know j. The exponentials are taken relative to each respondent's largest β u (the same
 * probabilities, no overflow). `which` picks the base or the scenario utilities; the shares
 * sum to 100 over `offerCount` offers when `rows` is not empty (all 0 when it is).
 */
export function logitShares(rows: UtilityRow[], offerCount: number, beta: number, which: "base" | "scenario"): number[] {
  const sums = new Array<number>(offerCount).fill(0);
  // One scratch buffer for e^{β u − top} of the largest choice set (no allocation per row).
  const e = new Float64Array(rows.reduce((m, row) => Math.max(m, row.known.length), 0));
  for (const row of rows) {
    const utilities = row[which];
    const size = utilities.length;
    let top = -Infinity;
    for (let k = 0; k < size; k += 1) top = Math.max(top, beta * (utilities[k] as number));
    let total = 0;
    for (let k = 0; k < size; k += 1) {
      e[k] = Math.exp(beta * (utilities[k] as number) - top);
      total += e[k] as number;
    }
    for (let k = 0; k < size; k += 1) {
      const offer = row.known[k] as number;
      sums[offer] = (sums[offer] as number) + (e[k] as number) / total;
    }
  }
  return sums.map((s) => (rows.length > 0 ? (100 * s) / rows.length : 0));
}
