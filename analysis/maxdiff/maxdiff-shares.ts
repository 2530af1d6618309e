/**
 * MaxDiff importance shares by probability rescaling (docs/method.md §7): with k items per
 * task, `P_i = e^{u_i} / (e^{u_i} + k - 1)` (the chance that i is chosen best in a task
 * against k − 1 items of average utility 0) and `share_i = 100 P_i / sum_j P_j` (sum 100).
 * Utilities are clamped to ±700 so that e^u stays finite.
 */
export function maxDiffShares(utilities: number[], perTask: number): number[] {
  const p = utilities.map((u) => {
    const e = Math.exp(Math.max(-700, Math.min(700, u)));
    return e / (e + perTask - 1);
  });
  const sum = p.reduce((s, x) => s + x, 0);
  return p.map((x) => (100 * x) / sum);
}
