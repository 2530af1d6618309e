import { customerEquity } from "./customer-equity";
import type { CustomersFigure, EquitySensitivityInput, EquitySensitivityResult } from "./types";

/**
 * Customer equity against a grid of retention rates (columns) and discount rates (rows), the
 * other inputs held: `equity[i][j]` is the equity at `discountRates[i]` and `retentions[j]`.
 * A cell whose rates cannot be used (out of range, an unlimited horizon that diverges) carries
 * its reason; the rest of the table stands.
 *
 * Unavailable (the whole table): "no-grid" (an empty list of rates), "no-customers",
 * "duplicate-customer", "not-finite" (a margin or the cost), "invalid-horizon".
 */
export function equitySensitivity(input: EquitySensitivityInput): EquitySensitivityResult {
  const { retentions, discountRates, customers, horizonYears } = input;
  if (retentions.length === 0 || discountRates.length === 0) return { ok: false, reason: "no-grid" };
  if (customers.length === 0) return { ok: false, reason: "no-customers" };
  if (new Set(customers.map((c) => c.id)).size !== customers.length) return { ok: false, reason: "duplicate-customer" };
  if (!customers.every((c) => Number.isFinite(c.margin)) || !Number.isFinite(input.cost ?? 0)) {
    return { ok: false, reason: "not-finite" };
  }
  if (horizonYears !== undefined && !(Number.isInteger(horizonYears) && horizonYears >= 1 && horizonYears <= 1000)) {
    return { ok: false, reason: "invalid-horizon" };
  }
  const equity = discountRates.map((discountRate) =>
    retentions.map((retention): CustomersFigure => {
      const result = customerEquity({ ...input, retention, discountRate });
      return result.ok ? { ok: true, value: result.equity } : result;
    }),
  );
  return { ok: true, retentions: [...retentions], discountRates: [...discountRates], equity };
}
