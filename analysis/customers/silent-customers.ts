import { median } from "simple-statistics";
import { averageRanks } from "./average-ranks";
import { customerHistories } from "./customer-histories";
import type { AnalysisDateOptions, SilentCustomer, SilentCustomersResult, Transaction } from "./types";

/**
 * Silent customers at an analysis date D (docs/method.md §11). For a customer with purchases on
 * k >= 2 days: the intervals T_1..T_(k-1) between consecutive purchases (days) and
 * T_r = D - last purchase.
 * - Rank ratio = rank of T_r among {T_i} and T_r (ascending, ties get the mean of their ranks)
 *   / k. It is 1 when the customer has been away longer than ever before.
 * - Silent score S = T_r / max T_i; silent when S >= 1, to the degree S - 1.
 *
 * A customer with one purchase has no interval: S = T_r / the median of all intervals of all
 * customers with two purchases or more (the pooled intervals, mean of the two middle ones for
 * an even count), `basis: "median-interval"`, no rank ratio. Without any such interval these
 * customers are listed in `unscored` ("no-intervals").
 *
 * Purchase days as in `customerHistories` (one purchase per customer-day, so every interval is
 * at least one day). Unavailable: as `customerHistories` without a window start.
 */
export function silentCustomers(transactions: readonly Transaction[], options: AnalysisDateOptions): SilentCustomersResult {
  const grouped = customerHistories(transactions, options.analysisDate);
  if (!grouped.ok) return grouped;
  const intervalsOf = (days: number[]) => days.slice(1).map((day, k) => day - (days[k] as number));
  const pooled: number[] = [];
  for (const h of grouped.histories) for (const interval of intervalsOf(h.purchaseDays)) pooled.push(interval);
  const medianInterval = pooled.length > 0 ? median(pooled) : null;

  const customers: SilentCustomer[] = [];
  const unscored: Array<{ id: string; reason: "no-intervals" }> = [];
  for (const h of grouped.histories) {
    const days = h.purchaseDays;
    const recency = grouped.analysisDay - (days.at(-1) as number);
    const intervals = intervalsOf(days);
    let row: Pick<SilentCustomer, "basis" | "reference" | "rankRatio">;
    if (intervals.length > 0) {
      const rankRatio = (averageRanks([...intervals, recency]).at(-1) as number) / days.length;
      row = { basis: "own-intervals", reference: intervals.reduce((a, b) => Math.max(a, b)), rankRatio };
    } else if (medianInterval !== null) {
      row = { basis: "median-interval", reference: medianInterval, rankRatio: null };
    } else {
      unscored.push({ id: h.id, reason: "no-intervals" });
      continue;
    }
    const score = recency / row.reference;
    customers.push({
      id: h.id,
      purchases: days.length,
      recency,
      ...row,
      score,
      silent: score >= 1,
      degree: score >= 1 ? score - 1 : null,
    });
  }
  return { ok: true, analysisDate: options.analysisDate, medianInterval, customers, unscored };
}
