import type { Transaction } from "./types";

/**
 * A transaction's margin, by precedence: the margin given; else amount x margin rate; else
 * amount - cost; else amount x the default margin rate; else null (unknown).
 */
export function transactionMargin(t: Transaction, defaultMarginRate?: number): number | null {
  if (t.margin !== undefined) return t.margin;
  if (t.marginRate !== undefined) return t.amount * t.marginRate;
  if (t.cost !== undefined) return t.amount - t.cost;
  if (defaultMarginRate !== undefined) return t.amount * defaultMarginRate;
  return null;
}
