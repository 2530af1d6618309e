/**
 * Types of derived importance by relative weights and Shapley values (docs/method.md §6) and
 * of the importance x performance quadrants.
 */

/**
 * How derived importance splits R² over the attributes:
 * - "relative-weights" (default): Johnson's relative weights (Johnson 2000);
 * - "shapley": exact Shapley / LMG decomposition of R² (at most 12 attributes);
 * - "ols": the earlier method, OLS coefficients with negative ones weighing 0.
 */
export type ImportanceMethod = "relative-weights" | "shapley" | "ols";

/**
 * Reasons of derived importance beside those of `ReasonCodeTools`:
 * - "too-many-attributes": Shapley over more than 12 attributes (2^p subsets)
 * - "no-explained-variance": R² = 0, nothing to split
 * - "not-requested": bootstrap intervals not asked for
 * - "too-few-replicates": fewer than 2 bootstrap replicates could be computed
 */
export type ReasonCodeImportance = "too-many-attributes" | "no-explained-variance" | "not-requested" | "too-few-replicates";

/** The split of R² over attributes: raw weights sum to `rSquared`. */
export type RSquaredSplit =
  | { ok: true; rawWeights: number[]; rSquared: number }
  | { ok: false; reason: "singular-matrix" | "too-many-attributes" | "no-attributes" };

/** Which importance places the attributes on the quadrant: stated weights or derived shares. */
export type QuadrantImportance = "stated" | "derived";

/** Quadrant of an attribute on the importance x performance grid. */
export type ImportanceQuadrant = "fix-first" | "keep" | "over-invested" | "low-priority";

export interface ImportancePerformanceInput {
  /** attribute id -> importance (stated weight or derived share); attributes in this order */
  importance: Record<string, number>;
  /** attribute id -> the own offer's ratio r_i (quality profile row) */
  ratios: Record<string, number>;
  /** importance at or above which an attribute counts as important; default the mean importance */
  importanceCut?: number;
  /** ratio at or above which own performs well; default 1 (parity) */
  performanceCut?: number;
}

export type ImportancePerformanceResult =
  | {
      ok: true;
      importanceCut: number;
      performanceCut: number;
      attributes: Array<{ id: string; importance: number; ratio: number; quadrant: ImportanceQuadrant }>;
      /** attribute ids per quadrant, in input order */
      quadrants: Record<ImportanceQuadrant, string[]>;
    }
  | { ok: false; reason: "no-attributes" | "not-finite" | "unknown-attribute" };
