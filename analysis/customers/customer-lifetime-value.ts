import type { ClvInput, ClvResult } from "./types";

/**
 * Customer lifetime value (docs/method.md §11), margin m at the start of each year, discount
 * rate i (default 0.10), retention r, acquisition and service cost c (default 0):
 * - unlimited horizon: `CLV = m (1 + i) / (1 + i - r) - c`, the limit of the sum below, which
 *   exists only when r < 1 + i;
 * - horizon of T years: `CLV_T = sum over t = 0..T-1 of m r^t / (1 + i)^t - c`.
 *
 * Unavailable: "not-finite", "discount-rate-out-of-range" (i <= -1),
 * "retention-out-of-range" (r outside 0..1), "invalid-horizon" (T not a whole number 1..1000),
 * "diverges" (unlimited horizon with r >= 1 + i).
 */
export function customerLifetimeValue(input: ClvInput): ClvResult {
  const { margin, retention } = input;
  const discountRate = input.discountRate ?? 0.1;
  const cost = input.cost ?? 0;
  if (![margin, retention, discountRate, cost].every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (discountRate <= -1) return { ok: false, reason: "discount-rate-out-of-range" };
  if (retention < 0 || retention > 1) return { ok: false, reason: "retention-out-of-range" };
  const horizon = input.horizonYears;
  if (horizon === undefined) {
    if (retention >= 1 + discountRate) return { ok: false, reason: "diverges" };
    return { ok: true, value: (margin * (1 + discountRate)) / (1 + discountRate - retention) - cost, horizon: "unlimited" };
  }
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 1000) return { ok: false, reason: "invalid-horizon" };
  let sum = 0;
  let factor = 1;
  for (let t = 0; t < horizon; t += 1) {
    sum += margin * factor;
    factor *= retention / (1 + discountRate);
  }
  return { ok: true, value: sum - cost, horizon };
}
