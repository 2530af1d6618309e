import type { AttributeDef, DerivedImportanceInput, DerivedImportanceResult, DerivedImportanceRow } from "./types";

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

  // Observations (respondent x offer with an overall rating and every quality rating) go into
  // one flat buffer, p values per row: no array per row (this runs over every rating of the study).
  let xs = new Float64Array(1024 * p);
  let ys = new Float64Array(1024);
  let n = 0;
  const contributors = new Set<string>();
  for (const respondent of input.respondents) {
    const overallRatings = respondent.overall;
    if (overallRatings === undefined) continue;
    for (const offerId in overallRatings) {
      const overall = overallRatings[offerId] as number;
      if (!Number.isFinite(overall)) continue;
      const ratings = respondent.ratings[offerId];
      if (ratings === undefined) continue;
      if (n === ys.length) {
        const grownX = new Float64Array(xs.length * 2);
        grownX.set(xs);
        xs = grownX;
        const grownY = new Float64Array(ys.length * 2);
        grownY.set(ys);
        ys = grownY;
      }
      let complete = true;
      for (let i = 0; i < p; i += 1) {
        const score = ratings[(quality[i] as AttributeDef).id];
        if (score === undefined || !Number.isFinite(score)) {
          complete = false;
          break;
        }
        xs[n * p + i] = score;
      }
      if (!complete) continue;
      ys[n] = overall;
      n += 1;
      contributors.add(respondent.id);
    }
  }
  if (n <= p + 1) return { ok: false, reason: "too-few-observations" };

  let meanY = 0;
  for (let k = 0; k < n; k += 1) meanY += ys[k] as number;
  meanY /= n;
  const meanX = new Array<number>(p).fill(0);
  for (let k = 0; k < n; k += 1) for (let i = 0; i < p; i += 1) meanX[i] = (meanX[i] as number) + (xs[k * p + i] as number);
  for (let i = 0; i < p; i += 1) meanX[i] = (meanX[i] as number) / n;
  const crossFlat = new Float64Array(p * p);
  const xy = new Array<number>(p).fill(0);
  const dx = new Float64Array(p);
  let ssTotal = 0;
  for (let k = 0; k < n; k += 1) {
    const dy = (ys[k] as number) - meanY;
    ssTotal += dy * dy;
    for (let i = 0; i < p; i += 1) dx[i] = (xs[k * p + i] as number) - (meanX[i] as number);
    for (let i = 0; i < p; i += 1) {
      const di = dx[i] as number;
      xy[i] = (xy[i] as number) + di * dy;
      for (let j = 0; j < p; j += 1) crossFlat[i * p + j] = (crossFlat[i * p + j] as number) + di * (dx[j] as number);
    }
  }
  const cross = quality.map((_, i) => Array.from(crossFlat.subarray(i * p, (i + 1) * p)));
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
  for (let k = 0; k < n; k += 1) {
    let fitted = intercept;
    for (let i = 0; i < p; i += 1) fitted += (coefficients[i] as number) * (xs[k * p + i] as number);
    ssResidual += ((ys[k] as number) - fitted) ** 2;
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
