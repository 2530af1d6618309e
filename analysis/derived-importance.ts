import type { DerivedImportanceInput, DerivedImportanceResult, DerivedImportanceRow } from "./types";

/** Relative pivot size below which the standardised normal equations count as singular. */
const SINGULAR = 1e-10;

/**
 * Solves `A z = c` for a square matrix by Gaussian elimination with partial pivoting;
 * null when a pivot is below `SINGULAR` in absolute value (A is a correlation matrix here,
 * so pivots are on the scale of 1).
 */
function solve(matrix: number[][], rhs: number[]): number[] | null {
  const size = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < size; col += 1) {
    let pivotRow = col;
    for (let row = col + 1; row < size; row += 1) {
      if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivotRow]?.[col] ?? 0)) pivotRow = row;
    }
    const pivotValues = a[pivotRow];
    const current = a[col];
    if (pivotValues === undefined || current === undefined) return null;
    const pivot = pivotValues[col] ?? 0;
    if (Math.abs(pivot) < SINGULAR) return null;
    a[col] = pivotValues;
    a[pivotRow] = current;
    for (let row = col + 1; row < size; row += 1) {
      const target = a[row];
      if (target === undefined) continue;
      const factor = (target[col] ?? 0) / pivot;
      for (let k = col; k <= size; k += 1) target[k] = (target[k] ?? 0) - factor * (pivotValues[k] ?? 0);
    }
  }
  const z = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const values = a[row] ?? [];
    let sum = values[size] ?? 0;
    for (let k = row + 1; k < size; k += 1) sum -= (values[k] ?? 0) * (z[k] ?? 0);
    z[row] = sum / (values[row] ?? 1);
  }
  return z;
}

/**
 * Ranks, 1 = largest; tied values share the mean of the ranks they span. Values are compared
 * at 1e-9 so that rounding noise of the solve does not break ties.
 */
function ranks(input: number[]): number[] {
  const values = input.map((v) => Math.round(v * 1e9) / 1e9);
  return values.map((v) => {
    const above = values.filter((x) => x > v).length;
    const tied = values.filter((x) => x === v).length;
    return above + (tied + 1) / 2;
  });
}

/**
 * Derived importance (method.md "Beyond Gale"): the overall quality rating regressed on the
 * quality attribute ratings, pooled over (respondent, offer) pairs, beside the stated weights.
 *
 * Observations: every (r, j) with a finite `overall[j]` and a finite rating of j on every
 * quality attribute. Model `y = b_0 + sum_i b_i x_i` by ordinary least squares: the normal
 * equations of the centred data, `(X_c' X_c) b = X_c' y_c`, scaled to a correlation matrix and
 * solved by Gaussian elimination with partial pivoting; `b_0 = mean(y) - sum_i b_i mean(x_i)`.
 * `rSquared = 1 - SS_res / SS_tot` (clamped to 0..1 against rounding).
 *
 * Derived weights: `100 * max(0, b_i) / sum_k max(0, b_k)` (a negative coefficient is
 * reported but weighs 0). Stated weights are rescaled to 100 over the quality attributes
 * (missing = 0). Ranks: 1 = most important, ties (equal to 1e-9) share the mean rank
 * (two tied for first are both 1.5); `rankDifference = derivedRank - statedRank`; `mostDifferent` lists the
 * attributes with the largest |rankDifference| (none when all ranks agree).
 *
 * Unavailable: "no-attributes", "not-finite" or "negative-weight" or "no-weights" (stated
 * weights), "too-few-observations" (n <= attributes + 1), "zero-variance" (overall or an
 * attribute rating constant over the observations), "singular-matrix" (attribute ratings
 * collinear), "no-positive-coefficients".
 */
export function derivedImportance(input: DerivedImportanceInput): DerivedImportanceResult {
  const quality = input.attributes.filter((a) => a.kind === "quality");
  const p = quality.length;
  if (p === 0) return { ok: false, reason: "no-attributes" };
  const stated = quality.map((a) => input.weights[a.id] ?? 0);
  if (!stated.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (stated.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  const statedSum = stated.reduce((s, w) => s + w, 0);
  if (statedSum <= 0) return { ok: false, reason: "no-weights" };

  const xs: number[][] = [];
  const ys: number[] = [];
  const contributors = new Set<string>();
  for (const respondent of input.respondents) {
    for (const [offerId, overall] of Object.entries(respondent.overall ?? {})) {
      if (!Number.isFinite(overall)) continue;
      const row = quality.map((a) => respondent.ratings[offerId]?.[a.id]);
      if (!row.every((s): s is number => s !== undefined && Number.isFinite(s))) continue;
      xs.push(row);
      ys.push(overall);
      contributors.add(respondent.id);
    }
  }
  const n = ys.length;
  if (n <= p + 1) return { ok: false, reason: "too-few-observations" };

  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  const meanX = quality.map((_, i) => xs.reduce((s, row) => s + (row[i] ?? 0), 0) / n);
  const cross = quality.map(() => new Array<number>(p).fill(0));
  const xy = new Array<number>(p).fill(0);
  let ssTotal = 0;
  for (const [k, row] of xs.entries()) {
    const dy = (ys[k] ?? 0) - meanY;
    ssTotal += dy * dy;
    const dx = row.map((x, i) => x - (meanX[i] ?? 0));
    for (let i = 0; i < p; i += 1) {
      xy[i] = (xy[i] ?? 0) + (dx[i] ?? 0) * dy;
      const target = cross[i];
      if (target === undefined) continue;
      for (let j = 0; j < p; j += 1) target[j] = (target[j] ?? 0) + (dx[i] ?? 0) * (dx[j] ?? 0);
    }
  }
  const scale = cross.map((row, i) => Math.sqrt(row[i] ?? 0));
  if (ssTotal <= 0 || scale.some((s) => !(s > 0))) return { ok: false, reason: "zero-variance" };
  const correlation = cross.map((row, i) => row.map((v, j) => v / ((scale[i] ?? 1) * (scale[j] ?? 1))));
  const z = solve(
    correlation,
    xy.map((v, i) => v / (scale[i] ?? 1)),
  );
  if (z === null) return { ok: false, reason: "singular-matrix" };
  const coefficients = z.map((v, i) => v / (scale[i] ?? 1));
  if (!coefficients.every(Number.isFinite)) return { ok: false, reason: "singular-matrix" };
  const intercept = meanY - coefficients.reduce((s, b, i) => s + b * (meanX[i] ?? 0), 0);

  let ssResidual = 0;
  for (const [k, row] of xs.entries()) {
    const fitted = intercept + coefficients.reduce((s, b, i) => s + b * (row[i] ?? 0), 0);
    ssResidual += ((ys[k] ?? 0) - fitted) ** 2;
  }
  const rSquared = Math.min(1, Math.max(0, 1 - ssResidual / ssTotal));

  const positive = coefficients.map((b) => Math.max(0, b));
  const positiveSum = positive.reduce((s, b) => s + b, 0);
  if (!(positiveSum > 0)) return { ok: false, reason: "no-positive-coefficients" };
  const derivedWeights = positive.map((b) => (100 * b) / positiveSum);
  const statedWeights = stated.map((w) => (100 * w) / statedSum);
  const statedRanks = ranks(statedWeights);
  const derivedRanks = ranks(derivedWeights);

  const rows: DerivedImportanceRow[] = quality.map((a, i) => {
    const statedRank = statedRanks[i] ?? 0;
    const derivedRank = derivedRanks[i] ?? 0;
    return {
      id: a.id,
      coefficient: coefficients[i] ?? 0,
      derivedWeight: derivedWeights[i] ?? 0,
      statedWeight: statedWeights[i] ?? 0,
      statedRank,
      derivedRank,
      rankDifference: derivedRank - statedRank,
    };
  });
  const largest = Math.max(...rows.map((r) => Math.abs(r.rankDifference)));
  const mostDifferent = largest > 0 ? rows.filter((r) => Math.abs(r.rankDifference) === largest).map((r) => r.id) : [];
  return { ok: true, intercept, rows, rSquared, n, nRespondents: contributors.size, mostDifferent };
}
