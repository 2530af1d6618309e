import type { TransactionColumn } from "../../../surveys/transactions/types";

/** Header names that usually hold each field (compared without case, spaces, dashes or underscores). */
const NAMES: Record<TransactionColumn, readonly string[]> = {
  customerId: ["customerid", "customer", "clientid", "client", "customerno", "customernumber", "kunde", "kundennummer", "客户编号", "客户", "客户id"],
  date: ["date", "transactiondate", "orderdate", "invoicedate", "day", "datum", "日期", "交易日期"],
  amount: ["amount", "revenue", "sales", "total", "value", "net", "netamount", "betrag", "umsatz", "金额", "销售额"],
  margin: ["margin", "grossmargin", "profit", "grossprofit", "毛利"],
  marginRate: ["marginrate", "marginpercent", "margin%", "毛利率"],
  cost: ["cost", "costs", "cogs", "成本"],
  account: ["account", "accountid", "company", "客户账户", "账户"],
};

const key = (name: string) => name.trim().toLowerCase().replace(/[\s_\-.]/g, "");

/**
 * The header name that most likely holds each field, for the mapping form's first choice and
 * the `customers` command: a field gets the first header whose name is one of its usual names.
 */
export function guessColumns(header: readonly string[]): Partial<Record<TransactionColumn, string>> {
  const out: Partial<Record<TransactionColumn, string>> = {};
  const used = new Set<string>();
  for (const column of Object.keys(NAMES) as TransactionColumn[]) {
    const found = header.find((h) => !used.has(h) && NAMES[column].includes(key(h)));
    if (found !== undefined) {
      out[column] = found;
      used.add(found);
    }
  }
  return out;
}
