import type { UnavailableReason } from "../unavailable-reasons";
import { solveLinearSystem } from "../matrix/solve-linear-system";
import { relativeWeights } from "./relative-weights";
import { shapleyImportance } from "./shapley-importance";
import type { ImportanceMethod } from "./types";
import type { DerivedImportanceInput, DerivedImportanceResult, DerivedImportanceRow, DerivedWeightInterval } from "../types";

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

export type ImportanceFit =
  | {
      ok: true;
      n: number;
      coefficients: number[];
      intercept: number;
      rSquared: number;
      correlations: number[][];
      targetCorrelations: number[];
    }
  | { ok: false; reason: "too-few-observations" | "zero-variance" | "singular-matrix" };

/** Centred moments of a set of observations: means, cross-products about the means, sums of squares. */
export interface ImportanceMoments {
  n: number;
  meanX: Float64Array;
  meanY: number;
  /** upper triangle, row-major p x p: sum (x_i - mean_i)(x_j - mean_j) */
  cross: Float64Array;
  xy: Float64Array;
  ssTotal: number;
  /** sum x_i², for the zero-variance check */
  squares: Float64Array;
}

/**
 * OLS of the overall rating on the attribute ratings from centred moments, scaled to
 * correlations (R_xx, r_xy), solved by `solveLinearSystem`.
 */
function fit(m: ImportanceMoments, p: number): ImportanceFit {
  const { n, meanX, meanY, cross, xy, ssTotal, squares } = m;
  if (n <= p + 1) return { ok: false, reason: "too-few-observations" };
  const scale = Array.from({ length: p }, (_, i) => Math.sqrt(Math.max(0, cross[i * p + i] as number)));
  // a constant column leaves only rounding noise: below 1e-12 of its sum of squares counts as 0
  if (!(ssTotal > 0) || scale.some((s, i) => !(s * s > 1e-12 * (squares[i] as number)))) {
    return { ok: false, reason: "zero-variance" };
  }
  const sy = Math.sqrt(ssTotal);
  const correlations = scale.map((si, i) =>
    scale.map((sj, j) => (cross[Math.min(i, j) * p + Math.max(i, j)] as number) / (si * sj)),
  );
  const targetCorrelations = scale.map((si, i) => (xy[i] as number) / (si * sy));
  const standardised = solveLinearSystem(correlations, targetCorrelations);
  if (standardised === null) return { ok: false, reason: "singular-matrix" };
  const coefficients = standardised.map((b, i) => (b * sy) / (scale[i] as number));
  if (!coefficients.every(Number.isFinite)) return { ok: false, reason: "singular-matrix" };
  const intercept = meanY - coefficients.reduce((s, b, i) => s + b * (meanX[i] as number), 0);
  // R² = β' r_xy for standardised data (= 1 - SS_res / SS_tot), clamped against rounding
  const rSquared = Math.min(1, Math.max(0, standardised.reduce((s, b, i) => s + b * (targetCorrelations[i] as number), 0)));
  return { ok: true, n, coefficients, intercept, rSquared, correlations, targetCorrelations };
}

export type ImportanceSplit =
  | { ok: true; shares: number[]; parts: Array<number | null>; rSquared: number }
  | { ok: false; reason: UnavailableReason };


/** The derived weights of one fit by `method`. */
function split(result: Extract<ImportanceFit, { ok: true }>, method: ImportanceMethod): ImportanceSplit {
  if (method === "ols") {
    const positive = result.coefficients.map((b) => Math.max(0, b));
    const positiveSum = positive.reduce((s, b) => s + b, 0);
    if (!(positiveSum > 0)) return { ok: false, reason: "no-positive-coefficients" };
    return { ok: true, shares: positive.map((b) => (100 * b) / positiveSum), parts: positive.map(() => null), rSquared: result.rSquared };
  }
  const parts =
    method === "shapley"
      ? shapleyImportance(result.correlations, result.targetCorrelations)
      : relativeWeights(result.correlations, result.targetCorrelations);
  if (!parts.ok) return parts;
  if (!(parts.rSquared > 1e-12)) return { ok: false, reason: "no-explained-variance" };
  const shares = parts.rawWeights.map((e, i) => ((result.coefficients[i] as number) < 0 ? -1 : 1) * ((100 * e) / parts.rSquared));
  return { ok: true, shares, parts: parts.rawWeights, rSquared: parts.rSquared };
}

/** A replicate's derived weights from its moments (the bootstrap's refit), or why there are none. */
export type Refit = (m: ImportanceMoments) => ImportanceSplit;

/** The bootstrap's part of the result: each derived weight's interval and the replicates' summary. */
export interface ImportanceIntervals {
  intervals: DerivedWeightInterval[];
  bootstrap: Extract<DerivedImportanceResult, { ok: true }>["bootstrap"];
}

/**
 * `derivedImportance` (documented there) from the centred moments of its observations instead of
 * the respondents: `full` gives the moments and the number of respondents who contributed, only
 * once the stated weights are valid; `bootstrap` (optional) refits replicates with `refit`.
 * The respondent path (`derivedImportance`) and the sufficient-statistics path
 * (`analyzeStudyFromStatistics`) both end here.
 */
export function derivedImportanceFromMoments(
  input: Omit<DerivedImportanceInput, "respondents" | "bootstrap">,
  full: () => { moments: ImportanceMoments; nRespondents: number },
  bootstrap?: (refit: Refit, full: ImportanceMoments) => ImportanceIntervals,
): DerivedImportanceResult {
  const method = input.method ?? "relative-weights";
  const quality = input.attributes.filter((a) => a.kind === "quality");
  const p = quality.length;
  if (p === 0) return { ok: false, reason: "no-attributes" };
  const stated = quality.map((a) => input.weights[a.id] ?? 0);
  if (!stated.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (stated.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  const statedSum = stated.reduce((s, w) => s + w, 0);
  if (statedSum <= 0) return { ok: false, reason: "no-weights" };

  const { moments, nRespondents } = full();
  const main = fit(moments, p);
  if (!main.ok) return main;
  const derived = split(main, method);
  if (!derived.ok) return derived;

  const refit: Refit = (m) => {
    const replicate = fit(m, p);
    return replicate.ok ? split(replicate, method) : replicate;
  };
  const { intervals, bootstrap: summary } = bootstrap !== undefined
    ? bootstrap(refit, moments)
    : { intervals: quality.map((): DerivedWeightInterval => ({ ok: false, reason: "not-requested" })), bootstrap: null };

  const statedWeights = stated.map((w) => (100 * w) / statedSum);
  const statedRanks = ranks(statedWeights);
  const derivedRanks = ranks(derived.shares);
  const rows: DerivedImportanceRow[] = quality.map((a, i) => {
    const statedRank = statedRanks[i] ?? 0;
    const derivedRank = derivedRanks[i] ?? 0;
    const coefficient = main.coefficients[i] ?? 0;
    return {
      id: a.id,
      coefficient,
      derivedWeight: derived.shares[i] ?? 0,
      rSquaredPart: derived.parts[i] ?? null,
      sign: coefficient < 0 ? -1 : 1,
      interval: intervals[i] ?? { ok: false, reason: "not-requested" },
      statedWeight: statedWeights[i] ?? 0,
      statedRank,
      derivedRank,
      rankDifference: derivedRank - statedRank,
    };
  });
  const largest = Math.max(...rows.map((r) => Math.abs(r.rankDifference)));
  const mostDifferent = largest > 0 ? rows.filter((r) => Math.abs(r.rankDifference) === largest).map((r) => r.id) : [];
  return {
    ok: true,
    method,
    intercept: main.intercept,
    rows,
    rSquared: main.rSquared,
    n: main.n,
    nRespondents,
    mostDifferent,
    bootstrap: summary,
  };
}