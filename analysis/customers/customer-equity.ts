import { customerLifetimeValue } from "./customer-lifetime-value";
import type { CustomerEquityInput, CustomerEquityResult } from "./types";

/**
 * Customer equity (docs/method.md §11): the sum of the CLV of the given customers (the caller
 * passes the active ones with their annual margin), all with the same retention, discount rate,
 * cost and horizon; equity = n x mean CLV.
 *
 * Unavailable: "no-customers", "duplicate-customer", and the reasons of `customerLifetimeValue`.
 */
export function customerEquity(input: CustomerEquityInput): CustomerEquityResult {
  const { customers } = input;
  if (customers.length === 0) return { ok: false, reason: "no-customers" };
  if (new Set(customers.map((c) => c.id)).size !== customers.length) return { ok: false, reason: "duplicate-customer" };
  const rows: Array<{ id: string; clv: number }> = [];
  let equity = 0;
  for (const c of customers) {
    const clv = customerLifetimeValue({
      margin: c.margin,
      retention: input.retention,
      discountRate: input.discountRate,
      cost: input.cost,
      horizonYears: input.horizonYears,
    });
    if (!clv.ok) return clv;
    rows.push({ id: c.id, clv: clv.value });
    equity += clv.value;
  }
  return { ok: true, equity, count: customers.length, meanClv: equity / customers.length, customers: rows };
}
