import { symmetricEigen } from "../matrix/symmetric-eigen";
import type { RSquaredSplit } from "./types";

/** Eigenvalues below this share of the largest make R_xx count as singular. */
const SINGULAR = 1e-10;

/**
 * Johnson's relative weights (Johnson 2000, Multivariate Behavioral Research 35(1)), from the
 * correlation matrix `R_xx` of the attributes and their correlations `r_xy` with the overall
 * rating: the symmetric square root `Λ = V diag(sqrt λ) V'` of `R_xx` (eigen-decomposition by
 * `symmetricEigen`), `β = Λ⁻¹ r_xy = V diag(1 / sqrt λ) V' r_xy` (the regression of y on the
 * orthogonal counterparts of the attributes), raw weight `ε_i = sum_k Λ_ik² β_k²`,
 * `R² = sum_i ε_i` (the OLS R²).
 *
 * Unavailable: "no-attributes", "singular-matrix" (an eigenvalue <= 1e-10 of the largest:
 * collinear attributes).
 */
export function relativeWeights(correlations: number[][], targetCorrelations: number[]): RSquaredSplit {
  const p = targetCorrelations.length;
  if (p === 0) return { ok: false, reason: "no-attributes" };
  const { values, vectors } = symmetricEigen(correlations);
  const largest = values[0] ?? 0;
  if (!(largest > 0) || values.some((l) => !(l > SINGULAR * largest))) return { ok: false, reason: "singular-matrix" };
  const v = (i: number, k: number) => (vectors[i] as number[])[k] as number;
  // V' r_xy, scaled by 1 / sqrt(λ), then back with V: β
  const projected = values.map((l, k) => targetCorrelations.reduce((s, r, i) => s + v(i, k) * r, 0) / Math.sqrt(l));
  const beta = targetCorrelations.map((_, i) => projected.reduce((s, x, k) => s + v(i, k) * x, 0));
  // Λ_ik = sum_m V_im sqrt(λ_m) V_km
  const lambda = (i: number, k: number) => values.reduce((s, l, m) => s + v(i, m) * Math.sqrt(l) * v(k, m), 0);
  const rawWeights = targetCorrelations.map((_, i) =>
    beta.reduce((s, b, k) => s + lambda(i, k) ** 2 * b * b, 0),
  );
  const rSquared = rawWeights.reduce((s, e) => s + e, 0);
  if (!rawWeights.every(Number.isFinite)) return { ok: false, reason: "singular-matrix" };
  return { ok: true, rawWeights, rSquared };
}
