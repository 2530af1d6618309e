import type { AttributeDef, DerivedImportanceResult, Unavailable } from "../types";
import { importancePerformance } from "./importance-performance";
import type { ImportancePerformanceResult, QuadrantImportance } from "./types";

export interface ImportanceQuadrantInput {
  /** which importance places the attributes: the stated weights or the derived shares */
  from: QuadrantImportance;
  /** the attributes; the quality ones are placed */
  attributes: AttributeDef[];
  /** the study's stated weights (used with `from: "stated"`) */
  weights: Record<string, number>;
  /** derived importance (used with `from: "derived"`; its signed shares) */
  derived: DerivedImportanceResult;
  /** the own offer's quality ratios r_i, or null when the quality profile could not be computed */
  ratios: Record<string, number> | null;
}

export type ImportanceQuadrantResult = ({ from: QuadrantImportance } & Extract<ImportancePerformanceResult, { ok: true }>) | Unavailable;

/**
 * The importance x performance quadrant from the importance the researcher selects
 * (docs/method.md §6): `from: "stated"` places each quality attribute by its stated weight,
 * `from: "derived"` by its derived share (relative weights by default; a negative share counts
 * as less important), both against the own offer's ratio r_i (`importancePerformance`: the
 * cut is the mean importance, performs = r_i >= 1). The result names the importance used.
 *
 * Unavailable: "no-quality-profile" (no ratios), derived importance's own reason with
 * `from: "derived"`, and `importancePerformance`'s reasons.
 */
export function importanceQuadrant(input: ImportanceQuadrantInput): ImportanceQuadrantResult {
  if (input.ratios === null) return { ok: false, reason: "no-quality-profile" };
  let importance: Record<string, number>;
  if (input.from === "derived") {
    if (!input.derived.ok) return input.derived;
    importance = Object.fromEntries(input.derived.rows.map((row) => [row.id, row.derivedWeight]));
  } else {
    importance = Object.fromEntries(input.attributes.filter((a) => a.kind === "quality").map((a) => [a.id, input.weights[a.id] ?? 0]));
  }
  const result = importancePerformance({ importance, ratios: input.ratios });
  return result.ok ? { from: input.from, ...result } : result;
}
