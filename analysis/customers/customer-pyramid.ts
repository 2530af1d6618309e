import { comparableAmount } from "./comparable-amount";
import type {
  CustomerPyramidResult,
  CustomersFigure,
  PyramidCustomerInput,
  PyramidCutoffs,
  PyramidTier,
  PyramidTierSummary,
} from "./types";

const DEFAULT_CUTOFFS: PyramidCutoffs = { platinum: 0.05, gold: 0.15, iron: 0.3 };
const TIERS: PyramidTier[] = ["platinum", "gold", "iron", "lead"];

const share = (part: number, total: number): CustomersFigure =>
  total > 0 ? { ok: true, value: part / total } : { ok: false, reason: "non-positive-total" };

/**
 * The customer pyramid (docs/method.md §11; Zeithaml, Rust and Lemon 2001): tiers by annual
 * margin, platinum the top 5 %, gold the next 15 %, iron the next 30 %, lead the rest (the
 * shares can be changed; fractions, adding up to 1 at most).
 *
 * A customer is in the top share p when fewer than p x n customers have a strictly higher
 * margin. Without ties the tiers hold ceil(0.05 n), then up to ceil(0.20 n), up to ceil(0.50 n)
 * customers (n = 100: 5, 15, 30, 50; n = 10: 1, 1, 3, 5; n = 1: platinum). Tied margins share
 * the better tier, so a tier can hold more than its share and the next one less. Margins are
 * compared to the millionth.
 *
 * Per tier: count, revenue and margin, and their shares of the totals (unavailable,
 * "non-positive-total", when the total is 0 or negative).
 * Unavailable: "no-customers", "duplicate-customer", "not-finite", "invalid-cutoffs".
 */
export function customerPyramid(
  customers: readonly PyramidCustomerInput[],
  options: { cutoffs?: PyramidCutoffs } = {},
): CustomerPyramidResult {
  const cutoffs = options.cutoffs ?? DEFAULT_CUTOFFS;
  const parts = [cutoffs.platinum, cutoffs.gold, cutoffs.iron];
  if (!parts.every((p) => Number.isFinite(p) && p >= 0) || parts[0]! + parts[1]! + parts[2]! > 1 + 1e-12) {
    return { ok: false, reason: "invalid-cutoffs" };
  }
  if (customers.length === 0) return { ok: false, reason: "no-customers" };
  if (new Set(customers.map((c) => c.id)).size !== customers.length) return { ok: false, reason: "duplicate-customer" };
  if (!customers.every((c) => Number.isFinite(c.margin) && Number.isFinite(c.revenue))) {
    return { ok: false, reason: "not-finite" };
  }
  const n = customers.length;
  // Cumulative counts with a small tolerance: 0.05 + 0.15 is not exactly 0.2 in binary.
  const limits = [parts[0]!, parts[0]! + parts[1]!, parts[0]! + parts[1]! + parts[2]!].map((p) => p * n - 1e-9);
  const keys = customers.map((c) => comparableAmount(c.margin));
  const descending = [...keys].sort((a, b) => b - a);
  // Customers strictly ahead of a key = index of its first occurrence in the descending list.
  const ahead = new Map<number, number>();
  descending.forEach((key, index) => {
    if (!ahead.has(key)) ahead.set(key, index);
  });
  const rows = customers.map((c, k) => {
    const before = ahead.get(keys[k]!)!;
    const level = limits.findIndex((limit) => before < limit);
    return { id: c.id, margin: c.margin, tier: TIERS[level === -1 ? 3 : level]! };
  });

  const totalRevenue = customers.reduce((s, c) => s + c.revenue, 0);
  const totalMargin = customers.reduce((s, c) => s + c.margin, 0);
  const tiers: PyramidTierSummary[] = TIERS.map((tier) => {
    const members = customers.filter((_, k) => rows[k]!.tier === tier);
    const revenue = members.reduce((s, c) => s + c.revenue, 0);
    const margin = members.reduce((s, c) => s + c.margin, 0);
    return {
      tier,
      count: members.length,
      revenue,
      margin,
      revenueShare: share(revenue, totalRevenue),
      marginShare: share(margin, totalMargin),
    };
  });
  return { ok: true, cutoffs: { ...cutoffs }, customers: rows, tiers };
}
