import type { ImportancePerformanceInput, ImportancePerformanceResult, ImportanceQuadrant } from "./types";

/**
 * Importance x performance quadrants (the action grid of a value-management team): each
 * attribute's importance (stated weight or derived share) against the own offer's ratio r_i.
 * Important = importance >= `importanceCut` (default the mean importance of the attributes,
 * 100 / p for weights that sum to 100); performs well = r_i >= `performanceCut` (default 1,
 * parity with the reference); a value within rounding (1e-12, relative past 1) of its cut is at it.
 * - "fix-first": important, performs below the cut (the weighted shortfall to close first);
 * - "keep": important, performs well;
 * - "over-invested": less important, performs well;
 * - "low-priority": less important, performs below the cut.
 *
 * Unavailable: "no-attributes", "unknown-attribute" (an importance without a ratio),
 * "not-finite".
 */
export function importancePerformance(input: ImportancePerformanceInput): ImportancePerformanceResult {
  const ids = Object.keys(input.importance);
  if (ids.length === 0) return { ok: false, reason: "no-attributes" };
  if (ids.some((id) => input.ratios[id] === undefined)) return { ok: false, reason: "unknown-attribute" };
  const importance = ids.map((id) => input.importance[id] as number);
  const ratios = ids.map((id) => input.ratios[id] as number);
  const importanceCut = input.importanceCut ?? importance.reduce((s, x) => s + x, 0) / ids.length;
  const performanceCut = input.performanceCut ?? 1;
  if (![...importance, ...ratios, importanceCut, performanceCut].every(Number.isFinite)) {
    return { ok: false, reason: "not-finite" };
  }
  const quadrants: Record<ImportanceQuadrant, string[]> = { "fix-first": [], keep: [], "over-invested": [], "low-priority": [] };
  // At the cut within rounding counts as at it: the mean's last bit depends on the order of the
  // sum, and two ways of computing the same figures (the report's respondent pass and its
  // sufficient statistics) must classify alike.
  const atLeast = (x: number, cut: number) => x >= cut - 1e-12 * Math.max(1, Math.abs(cut));
  const attributes = ids.map((id, i) => {
    const important = atLeast(importance[i] as number, importanceCut);
    const performs = atLeast(ratios[i] as number, performanceCut);
    const quadrant: ImportanceQuadrant = important
      ? performs
        ? "keep"
        : "fix-first"
      : performs
        ? "over-invested"
        : "low-priority";
    quadrants[quadrant].push(id);
    return { id, importance: importance[i] as number, ratio: ratios[i] as number, quadrant };
  });
  return { ok: true, importanceCut, performanceCut, attributes, quadrants };
}
