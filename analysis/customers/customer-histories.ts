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

  const byCustomer = new Map<string, { amount: number; days: Map<number, number> }>();
  let afterAnalysisDate = 0;
  for (const t of transactions) {
    const day = dayNumber(t.date) as number;
    if (day > analysisDay) {
      afterAnalysisDate += 1;
      continue;
    }
    if (day < startDay) continue;
    let customer = byCustomer.get(t.customerId);
    if (!customer) {
      customer = { amount: 0, days: new Map() };
      byCustomer.set(t.customerId, customer);
    }
    customer.amount += t.amount;
    customer.days.set(day, (customer.days.get(day) ?? 0) + t.amount);
  }
  if (byCustomer.size === 0) return { ok: false, reason: "no-transactions" };

  const histories: CustomerHistory[] = [];
  for (const [id, customer] of byCustomer) {
    const purchaseDays = [...customer.days]
      .filter(([, net]) => net > 0)
      .map(([day]) => day)
      .sort((a, b) => a - b);
    if (purchaseDays.length > 0) histories.push({ id, purchaseDays, amount: customer.amount });
  }
  if (histories.length === 0) return { ok: false, reason: "no-purchases" };
  return { ok: true, analysisDay, histories, withoutPurchases: byCustomer.size - histories.length, afterAnalysisDate };
}
