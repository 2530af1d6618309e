import { dayNumber } from "./day-number";
import type { CustomersReason, Transaction } from "./types";

const optionalFinite = (value: number | undefined) => value === undefined || Number.isFinite(value);

/**
 * The first problem of a list of transactions, or null when every one has a customer id, an
 * ISO calendar date and finite numbers. An empty list is "no-transactions".
 */
export function checkTransactions(transactions: readonly Transaction[]): CustomersReason | null {
  if (transactions.length === 0) return "no-transactions";
  const checked = new Set<string>();
  for (const t of transactions) {
    if (typeof t.customerId !== "string" || t.customerId === "") return "missing-customer-id";
    if (!checked.has(t.date)) {
      if (dayNumber(t.date) === null) return "invalid-date";
      checked.add(t.date);
    }
    if (!Number.isFinite(t.amount) || !optionalFinite(t.margin) || !optionalFinite(t.marginRate) || !optionalFinite(t.cost)) {
      return "not-finite";
    }
  }
  return null;
}
