import { gammaln } from "simple-statistics";
import type { ScenarioUnavailable } from "./types";

/**
 * Continued fraction of the incomplete beta function (modified Lentz; Press et al.,
 * Numerical Recipes, §6.4 "betacf"), for x < (a + 1) / (a + b + 2), where it converges.
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), given x and 1 − x (passed separately: no cancellation). */
function incompleteBeta(a: number, b: number, x: number, oneMinusX: number): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(oneMinusX));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

/** Upper tail P(T > t) of Student's t with ν degrees of freedom, t >= 0: ½ I_{ν/(ν+t²)}(ν/2, ½). */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/** Density of Student's t with ν degrees of freedom. */
function density(t: number, df: number): number {
  return Math.exp(
    gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p for ν = `df` degrees of
 * freedom (ν > 0, not necessarily whole). simple-statistics has no t quantile.
 *
 * The upper tail `P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½)` (Abramowitz & Stegun 26.7.1 with 26.5.27)
 * is evaluated with the regularised incomplete beta function (continued fraction, log-gamma
 * from simple-statistics), and `P(T > t) = 1 − p` is solved for t > 0 by Newton's method
 * (derivative: minus the density) kept inside a bracket found by doubling, falling back to
 * bisection; to 1e-14 relative. p < ½ by symmetry, p = ½ gives 0. Checked against printed
 * tables and the closed forms for ν = 1 (`tan(π (p − ½))`) and ν = 2.
 *
 * Unavailable: "invalid-option" (p outside (0, 1) or ν not a finite number > 0), "not-finite"
 * (the quantile exceeds 1e150, which only tiny ν and extreme p reach).
 */
export function studentTQuantile(
  p: number,
  df: number,
): { ok: true; value: number } | ScenarioUnavailable<"invalid-option" | "not-finite"> {
  if (!(p > 0 && p < 1) || !(df > 0 && Number.isFinite(df))) return { ok: false, reason: "invalid-option" };
  if (p === 0.5) return { ok: true, value: 0 };
  const alpha = p > 0.5 ? 1 - p : p;
  const sign = p > 0.5 ? 1 : -1;
  let low = 0;
  let high = 1;
  while (upperTail(high, df) > alpha) {
    // Beyond 1e150, t² leaves the floating-point range (only for ν far below 1).
    if (high > 1e150) return { ok: false, reason: "not-finite" };
    low = high;
    high *= 2;
  }
  let t = (low + high) / 2;
  for (let k = 0; k < 500; k += 1) {
    const f = upperTail(t, df) - alpha;
    if (f === 0) break;
    if (f > 0) low = t;
    else high = t;
    let next = t + f / density(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    const step = Math.abs(next - t);
    t = next;
    if (step <= 1e-14 * t) break;
  }
  return { ok: true, value: sign * t };
}
