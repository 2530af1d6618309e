import { median } from "simple-statistics";
import type { KeyAccountMatrixInput, KeyAccountMatrixResult, KeyAccountType } from "./types";

/**
 * Key-account matrix for B2B studies (method.md "Beyond Gale", key-account matrix): each
 * account's relative advantage (V of the own offer among its respondents) against its
 * attractiveness (revenue or potential, entered by the researcher).
 *
 * High advantage: `value >= valueThreshold` (default 100, parity); high attractiveness:
 * `attractiveness >= attractivenessThreshold` (default the median attractiveness of the
 * accounts, the mean of the two middle ones for an even count). Ties fall on the high side
 * of both axes. Types: "key-account" (high attractiveness, high advantage), "develop" (high
 * attractiveness, low advantage), "maintain" (low attractiveness, high advantage),
 * "opportunistic" (low, low).
 *
 * Unavailable: "no-accounts", "duplicate-account", "not-finite" (a value or attractiveness),
 * "invalid-threshold" (a threshold that is not finite).
 */
export function keyAccountMatrix(input: KeyAccountMatrixInput): KeyAccountMatrixResult {
  const { accounts } = input;
  if (accounts.length === 0) return { ok: false, reason: "no-accounts" };
  if (new Set(accounts.map((a) => a.id)).size !== accounts.length) return { ok: false, reason: "duplicate-account" };
  if (!accounts.every((a) => Number.isFinite(a.value) && Number.isFinite(a.attractiveness))) {
    return { ok: false, reason: "not-finite" };
  }
  const valueThreshold = input.valueThreshold ?? 100;
  const attractivenessThreshold = input.attractivenessThreshold ?? median(accounts.map((a) => a.attractiveness));
  if (!Number.isFinite(valueThreshold) || !Number.isFinite(attractivenessThreshold)) {
    return { ok: false, reason: "invalid-threshold" };
  }
  const counts: Record<KeyAccountType, number> = { "key-account": 0, develop: 0, maintain: 0, opportunistic: 0 };
  const rows = accounts.map((a) => {
    const highAdvantage = a.value >= valueThreshold;
    const highAttractiveness = a.attractiveness >= attractivenessThreshold;
    const type: KeyAccountType = highAttractiveness
      ? highAdvantage
        ? "key-account"
        : "develop"
      : highAdvantage
        ? "maintain"
        : "opportunistic";
    counts[type] += 1;
    return { id: a.id, value: a.value, attractiveness: a.attractiveness, highAdvantage, highAttractiveness, type };
  });
  return { ok: true, valueThreshold, attractivenessThreshold, accounts: rows, counts };
}
