import { studentTQuantile } from "./student-t-quantile";
import type { ShareWave, ValueLeadsShareResult } from "./types";

function usable(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x);
}

/**
 * Value leads share (docs/method.md §10): pooled
 * ordinary least squares, over offers j and consecutive waves t → t+1 (in the given order), of
 * `y = share_{j,t+1} − share_{j,t}` on `x = v_{j,t}`, the vertical value of j on wave t's map.
 * Shares are taken as entered (percent of the market, not renormalised).
 *
 * `slope = Sxy / Sxx`, `intercept = ȳ − slope x̄`, `R² = 1 − SSE / Syy` (null when Syy = 0),
 * standard error `sqrt(SSE / (n − 2) / Sxx)`, 95 % interval `slope ± t_{0.975, n−2} se`
 * (`studentTQuantile`). A positive slope is Gale's "better value gains share". Pairs where the
 * offer lacks v_{j,t}, share_{j,t} or share_{j,t+1} (finite) are left out and listed.
 *
 * Unavailable: "too-few-waves" (fewer than 3: `have`, `need`), "duplicate-wave",
 * "too-few-observations" (fewer than 3 pairs: no residual degree of freedom beyond the line),
 * "zero-variance" (every v_{j,t} used is equal).
 */
export function valueLeadsShare(waves: ShareWave[]): ValueLeadsShareResult {
  if (waves.length < 3) return { ok: false, reason: "too-few-waves", have: waves.length, need: 3 };
  if (new Set(waves.map((w) => w.wave)).size !== waves.length) return { ok: false, reason: "duplicate-wave" };

  const x: number[] = [];
  const y: number[] = [];
  const skipped: Array<{ offer: string; wave: string }> = [];
  for (let t = 0; t + 1 < waves.length; t += 1) {
    const now = waves[t] as ShareWave;
    const next = waves[t + 1] as ShareWave;
    const offers = [...new Set([...Object.keys(now.values), ...Object.keys(now.shares), ...Object.keys(next.shares)])];
    for (const offer of offers) {
      const v = now.values[offer];
      const from = now.shares[offer];
      const to = next.shares[offer];
      if (!usable(v) || !usable(from) || !usable(to)) {
        skipped.push({ offer, wave: now.wave });
        continue;
      }
      x.push(v);
      y.push(to - from);
    }
  }
  const n = x.length;
  if (n < 3) return { ok: false, reason: "too-few-observations", have: n, need: 3 };

  const xMean = x.reduce((s, v) => s + v, 0) / n;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let k = 0; k < n; k += 1) {
    const dx = (x[k] as number) - xMean;
    const dy = (y[k] as number) - yMean;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { ok: false, reason: "zero-variance" };
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  let sse = 0;
  for (let k = 0; k < n; k += 1) sse += ((y[k] as number) - intercept - slope * (x[k] as number)) ** 2;
  const df = n - 2;
  const standardError = Math.sqrt(sse / df / sxx);
  const t = studentTQuantile(0.975, df);
  // df >= 1 here, so the quantile exists.
  const tValue = t.ok ? t.value : 0;
  return {
    ok: true,
    intercept,
    slope,
    rSquared: syy > 0 ? Math.max(0, 1 - sse / syy) : null,
    n,
    slopeInterval: {
      lower: slope - tValue * standardError,
      upper: slope + tValue * standardError,
      standardError,
      t: tValue,
      df,
    },
    skipped,
  };
}
