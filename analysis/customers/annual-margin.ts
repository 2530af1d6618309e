import { checkTransactions } from "./check-transactions";
import { customerHistories } from "./customer-histories";
import { dayNumber } from "./day-number";
import { transactionMargin } from "./transaction-margin";
import { yearPeriod } from "./year-period";
import type { AnnualMarginOptions, AnnualMarginResult, CustomerMargin, Transaction } from "./types";

/**
 * Each customer's revenue and margin m over the 12 months up to the analysis date D (the period
 * of `measuredRetention`'s "this year"), for CLV and the pyramid. A transaction's margin, by
 * precedence: its margin; else amount x its margin rate; else amount - its cost; else
 * amount x `defaultMarginRate` (see `transactionMargin`). Refunds (negative amounts) lower both.
 * Lists every customer with a transaction in the period, in order of first appearance; active =
 * at least one purchase day in the period (the customers CLV and equity count).
 *
 * Unavailable: "no-margin" (a transaction in the period has no way to a margin), and the
 * reasons of `checkTransactions`, "invalid-analysis-date".
 */
export function annualMargin(transactions: readonly Transaction[], options: AnnualMarginOptions): AnnualMarginResult {
  if (dayNumber(options.analysisDate) === null) return { ok: false, reason: "invalid-analysis-date" };
  const problem = checkTransactions(transactions);
  if (problem) return { ok: false, reason: problem };
  if (options.defaultMarginRate !== undefined && !Number.isFinite(options.defaultMarginRate)) {
    return { ok: false, reason: "not-finite" };
  }
  const period = yearPeriod(options.analysisDate, 0);
  const sums = new Map<string, { revenue: number; margin: number }>();
  for (const t of transactions) {
    const day = dayNumber(t.date) as number;
    if (day < period.fromDay || day > period.toDay) continue;
    const margin = transactionMargin(t, options.defaultMarginRate);
    if (margin === null) return { ok: false, reason: "no-margin" };
    const sum = sums.get(t.customerId) ?? { revenue: 0, margin: 0 };
    sum.revenue += t.amount;
    sum.margin += margin;
    sums.set(t.customerId, sum);
  }
  const grouped = customerHistories(transactions, options.analysisDate, period.from);
  const active = new Set(grouped.ok ? grouped.histories.map((h) => h.id) : []);
  const customers: CustomerMargin[] = [...sums].map(([id, sum]) => ({ id, ...sum, active: active.has(id) }));
  return { ok: true, period: { from: period.from, to: period.to }, customers };
}
