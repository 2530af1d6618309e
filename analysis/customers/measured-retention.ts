import { customerHistories } from "./customer-histories";
import { yearPeriod } from "./year-period";
import type { AnalysisDateOptions, RetentionResult, Transaction } from "./types";

/**
 * Measured retention r (docs/method.md §11): of the customers who bought last year, the share
 * who bought this year. "This year" is the 12 months up to the analysis date D (from D minus
 * one year, exclusive, to D), "last year" the 12 months before; calendar years, 29 February
 * stepping back to 28 February. Bought = at least one purchase day (see `customerHistories`).
 *
 * Unavailable: "no-previous-customers" (nobody bought last year), and the reasons of
 * `customerHistories` ("no-transactions", "no-purchases", "invalid-analysis-date", ...).
 */
export function measuredRetention(transactions: readonly Transaction[], options: AnalysisDateOptions): RetentionResult {
  const grouped = customerHistories(transactions, options.analysisDate);
  if (!grouped.ok) return grouped;
  const current = yearPeriod(options.analysisDate, 0);
  const previous = yearPeriod(options.analysisDate, 1);
  const within = (days: number[], period: { fromDay: number; toDay: number }) =>
    days.some((day) => day >= period.fromDay && day <= period.toDay);
  let previousCustomers = 0;
  let retained = 0;
  for (const h of grouped.histories) {
    if (!within(h.purchaseDays, previous)) continue;
    previousCustomers += 1;
    if (within(h.purchaseDays, current)) retained += 1;
  }
  if (previousCustomers === 0) return { ok: false, reason: "no-previous-customers" };
  return {
    ok: true,
    retention: retained / previousCustomers,
    previousCustomers,
    retained,
    previous: { from: previous.from, to: previous.to },
    current: { from: current.from, to: current.to },
  };
}
