import { checkTransactions } from "./check-transactions";
import { dayNumber } from "./day-number";
import type { CustomersUnavailable, Transaction } from "./types";

/** One customer's purchases in a window of days. */
export interface CustomerHistory {
  id: string;
  /** purchase days (day numbers), ascending */
  purchaseDays: number[];
  /** net amount of all the customer's transactions in the window */
  amount: number;
}

export type CustomerHistoriesResult =
  | {
      ok: true;
      analysisDay: number;
      /** customers with at least one purchase day, in order of first appearance */
      histories: CustomerHistory[];
      /** customers in the window without a purchase day */
      withoutPurchases: number;
      afterAnalysisDate: number;
    }
  | CustomersUnavailable;

/** Net amount per day of one customer: days in the order seen, amounts beside them. */
interface DayLedger {
  amount: number;
  days: number[];
  amounts: number[];
}

/** The purchase days of a ledger: days whose net amount is positive, ascending. */
function purchaseDays(ledger: DayLedger): number[] {
  const order = ledger.days.map((_, k) => k).sort((a, b) => (ledger.days[a] as number) - (ledger.days[b] as number));
  const result: number[] = [];
  let k = 0;
  while (k < order.length) {
    const day = ledger.days[order[k] as number] as number;
    let net = 0;
    while (k < order.length && ledger.days[order[k] as number] === day) {
      net += ledger.amounts[order[k] as number] as number;
      k += 1;
    }
    if (net > 0) result.push(day);
  }
  return result;
}

/**
 * Groups transactions by customer over the window [windowStart, analysisDate] (no lower bound
 * without a start). A purchase is a customer-day whose net amount is positive: several
 * transactions of one customer on one day are one purchase (line items of one order), and a
 * day of refunds only is no purchase (its amounts still count in `amount`).
 */
export function customerHistories(
  transactions: readonly Transaction[],
  analysisDate: string,
  windowStart?: string,
): CustomerHistoriesResult {
  const analysisDay = dayNumber(analysisDate);
  if (analysisDay === null) return { ok: false, reason: "invalid-analysis-date" };
  const startDay = windowStart === undefined ? -Infinity : dayNumber(windowStart);
  if (startDay === null || startDay > analysisDay) return { ok: false, reason: "invalid-window-start" };
  const problem = checkTransactions(transactions);
  if (problem) return { ok: false, reason: problem };

  const dayOf = new Map<string, number>();
  const byCustomer = new Map<string, DayLedger>();
  let afterAnalysisDate = 0;
  for (const t of transactions) {
    let day = dayOf.get(t.date);
    if (day === undefined) {
      day = dayNumber(t.date) as number;
      dayOf.set(t.date, day);
    }
    if (day > analysisDay) {
      afterAnalysisDate += 1;
      continue;
    }
    if (day < startDay) continue;
    let ledger = byCustomer.get(t.customerId);
    if (!ledger) {
      ledger = { amount: 0, days: [], amounts: [] };
      byCustomer.set(t.customerId, ledger);
    }
    ledger.amount += t.amount;
    ledger.days.push(day);
    ledger.amounts.push(t.amount);
  }
  if (byCustomer.size === 0) return { ok: false, reason: "no-transactions" };

  const histories: CustomerHistory[] = [];
  for (const [id, ledger] of byCustomer) {
    const days = purchaseDays(ledger);
    if (days.length > 0) histories.push({ id, purchaseDays: days, amount: ledger.amount });
  }
  if (histories.length === 0) return { ok: false, reason: "no-purchases" };
  return { ok: true, analysisDay, histories, withoutPurchases: byCustomer.size - histories.length, afterAnalysisDate };
}
