import type { Transaction } from "../../../analysis";

/** A transaction for the tests: customer, ISO date, amount, optional margin fields. */
export function tx(customerId: string, date: string, amount: number, extra: Partial<Transaction> = {}): Transaction {
  return { customerId, date, amount, ...extra };
}
