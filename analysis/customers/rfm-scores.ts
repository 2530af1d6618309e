import { averageRanks } from "./average-ranks";
import { comparableAmount } from "./comparable-amount";
import { customerHistories } from "./customer-histories";
import { rfmSegment } from "./rfm-segment";
import type { RfmCustomer, RfmOptions, RfmScore, RfmScoresResult, Transaction } from "./types";

/** score = 1 + floor(5 (floor(rank) - 1) / n) for each tie-averaged rank (worst = rank 1). */
function scores(goodness: number[]): RfmScore[] {
  const n = goodness.length;
  return averageRanks(goodness).map((rank) => (1 + Math.floor((5 * (Math.floor(rank) - 1)) / n)) as RfmScore);
}

/**
 * RFM at an analysis date D (docs/method.md §11). Per customer with a purchase in the window
 * (on or before D, from `windowStart` when given): R = days from the last purchase to D,
 * F = purchase days, M = net amount. Each becomes a score 1..5 by rank: customers ordered from
 * worst to best (R: longest ago first; F, M: lowest first), ties given the mean of their ranks,
 * `score = 1 + floor(5 (rank - 1) / n)` with that mean rounded down. With fewer than five
 * customers the best score is below 5 (n = 4: 1, 2, 3, 4). Monetary amounts are compared to
 * the millionth. The segment comes from `rfmSegment`.
 *
 * A purchase is a customer-day with a positive net amount (see `customerHistories`).
 * Unavailable: "invalid-analysis-date", "invalid-window-start", "no-transactions",
 * "no-purchases", "missing-customer-id", "invalid-date", "not-finite".
 */
export function rfmScores(transactions: readonly Transaction[], options: RfmOptions): RfmScoresResult {
  const grouped = customerHistories(transactions, options.analysisDate, options.windowStart);
  if (!grouped.ok) return grouped;
  const rows = grouped.histories.map((h) => ({
    id: h.id,
    recency: grouped.analysisDay - (h.purchaseDays.at(-1) as number),
    frequency: h.purchaseDays.length,
    monetary: h.amount,
  }));
  const r = scores(rows.map((row) => -row.recency));
  const f = scores(rows.map((row) => row.frequency));
  const m = scores(rows.map((row) => comparableAmount(row.monetary)));
  const customers: RfmCustomer[] = rows.map((row, k) => {
    const [rk, fk, mk] = [r[k] as RfmScore, f[k] as RfmScore, m[k] as RfmScore];
    return { ...row, r: rk, f: fk, m: mk, cell: `${rk}-${fk}-${mk}`, segment: rfmSegment(rk, fk, mk) };
  });
  return {
    ok: true,
    analysisDate: options.analysisDate,
    customers,
    withoutPurchases: grouped.withoutPurchases,
    afterAnalysisDate: grouped.afterAnalysisDate,
  };
}
