import { FIT_THRESHOLDS } from "./fit-thresholds";
import type { FitWarning, LogitFit, UtilityRow } from "./types";

/** ℓ(β), ℓ'(β) and ℓ''(β) of the conditional logit on the base utilities. */
function evaluate(rows: UtilityRow[], beta: number): { ll: number; g: number; h: number } {
  let ll = 0;
  let g = 0;
  let h = 0;
  // One scratch buffer for e^{β u − top} of the largest choice set (no allocation per row).
  const e = new Float64Array(rows.reduce((m, row) => Math.max(m, row.base.length), 0));
  for (const row of rows) {
    const u = row.base;
    const size = u.length;
    let top = -Infinity;
    for (let k = 0; k < size; k += 1) top = Math.max(top, beta * (u[k] as number));
    let total = 0;
    for (let k = 0; k < size; k += 1) {
      e[k] = Math.exp(beta * (u[k] as number) - top);
      total += e[k] as number;
    }
    let mean = 0;
    for (let k = 0; k < size; k += 1) mean += ((e[k] as number) / total) * (u[k] as number);
    let variance = 0;
    for (let k = 0; k < size; k += 1) {
      const d = (u[k] as number) - mean;
      variance += ((e[k] as number) / total) * d * d;
    }
    const chosen = u[row.chose as number] as number;
    ll += beta * chosen - (top + Math.log(total));
    g += chosen - mean;
    h -= variance;
  }
  return { ll, g, h };
}

/** Share of rows whose chosen offer has the highest β u (ties share the credit). */
function hitRate(rows: UtilityRow[], beta: number): number {
  let hits = 0;
  for (const row of rows) {
    const scaled = row.base.map((x) => beta * x);
    const top = Math.max(...scaled);
    const tied = scaled.filter((x) => x === top).length;
    if (scaled[row.chose as number] === top) hits += 1 / tied;
  }
  return hits / rows.length;
}

/**
 * β of the share of preference by maximum likelihood on the respondents' last purchase
 * (docs/method.md §9 (d)): the conditional logit
 * `ℓ(β) = Σ_r [β u_{r,c_r} − log Σ_{k in K_r} e^{β u_{r,k}}]` over the respondents who chose
 * an offer they know among at least two they know (the others add nothing to ℓ: counted in
 * `skipped`). ℓ is concave (ℓ'' = −Σ_r Var_r(u) ≤ 0), so its maximum is the root of
 * `ℓ'(β) = Σ_r (u_{r,c_r} − Σ_k P_{r,k} u_{r,k})`.
 *
 * Newton–Raphson from β = 0, safeguarded: the root is kept bracketed in [−bound, bound]
 * (default 50) and a step that leaves the bracket is replaced by bisection. When ℓ' does not
 * change sign on the bracket (choices perfectly explained by u, or perfectly against it) β is
 * the bound, with "at-bound". Standard error `1 / sqrt(−ℓ''(β))`.
 *
 * Warnings: "small-n" (n < 30); "poor-fit" (2 (ℓ(β) − ℓ(0)) < 3.8415, the 5 % likelihood-ratio
 * test does not reject β = 0, or β ≤ 0); "at-bound". Unavailable: "no-choices",
 * "zero-variance" (u equal within every choice set: β is not identified), "invalid-option".
 */
export function maximumLikelihoodBeta(rows: UtilityRow[], options: { bound?: number } = {}): LogitFit {
  const bound = options.bound ?? 50;
  if (!Number.isFinite(bound) || bound <= 0) return { ok: false, reason: "invalid-option" };
  const skipped = { noChoice: 0, choseUnknown: 0, singleOffer: 0 };
  const used: UtilityRow[] = [];
  for (const row of rows) {
    if (row.chose === null) {
      if (row.choseUnknown) skipped.choseUnknown += 1;
      else skipped.noChoice += 1;
    } else if (row.known.length < 2) skipped.singleOffer += 1;
    else used.push(row);
  }
  if (used.length === 0) return { ok: false, reason: "no-choices" };
  const atZero = evaluate(used, 0);
  if (atZero.h === 0) return { ok: false, reason: "zero-variance" };

  let beta: number;
  let iterations = 0;
  let atBound = false;
  if (evaluate(used, bound).g >= 0) {
    beta = bound;
    atBound = true;
  } else if (evaluate(used, -bound).g <= 0) {
    beta = -bound;
    atBound = true;
  } else {
    let low = -bound;
    let high = bound;
    beta = 0;
    let { g, h } = atZero;
    while (iterations < 200 && g !== 0) {
      iterations += 1;
      if (g > 0) low = beta;
      else high = beta;
      const newton = beta - g / h;
      // Converged: the Newton step is below the tolerance (checked before the bracket, which a
      // step of rounding size can fail to enter).
      if (Math.abs(newton - beta) <= 1e-12 * Math.max(1, Math.abs(beta))) {
        beta = newton;
        break;
      }
      beta = newton > low && newton < high ? newton : (low + high) / 2;
      ({ g, h } = evaluate(used, beta));
    }
  }

  const at = evaluate(used, beta);
  const n = used.length;
  const warnings: FitWarning[] = [];
  if (n < FIT_THRESHOLDS.smallN) warnings.push("small-n");
  if (2 * (at.ll - atZero.ll) < FIT_THRESHOLDS.likelihoodRatio || beta <= 0) warnings.push("poor-fit");
  if (atBound) warnings.push("at-bound");
  return {
    ok: true,
    method: "maximum-likelihood",
    beta,
    standardError: at.h < 0 ? 1 / Math.sqrt(-at.h) : null,
    logLikelihood: at.ll,
    nullLogLikelihood: atZero.ll,
    pseudoRSquared: 1 - at.ll / atZero.ll,
    hitRate: hitRate(used, beta),
    chanceHitRate: used.reduce((s, row) => s + 1 / row.known.length, 0) / n,
    n,
    skipped,
    iterations,
    warnings,
  };
}
