import { parseDate } from "./parse-date";
import { parseDecimal } from "./parse-decimal";
import { parseMarginRate } from "./parse-margin-rate";
import type { ColumnMapping, ReadRowResult, RowFormats, RowRejection, Transaction, TransactionColumn } from "./types";

/**
 * Reads one row of cells into a transaction, on its own (no state between rows, so a file of
 * any size can be read row by row with flat memory). `line` is the number reported in a
 * rejection. Cells are trimmed; a cell past the end of the row is empty. A row whose every
 * cell is empty is blank: `{ ok: true, transaction: null }`.
 *
 * Required: customer id (any text), date (`parseDate`), amount (`parseDecimal`; negative for a
 * refund). Optional, absent when empty: margin and cost (`parseDecimal`), margin rate
 * (`parseMarginRate`), account (text). The first problem of the row is its rejection.
 */
export function readTransactionRow(
  cells: readonly string[],
  line: number,
  mapping: ColumnMapping,
  formats: RowFormats,
): ReadRowResult {
  if (cells.every((cell) => cell.trim() === "")) return { ok: true, transaction: null };
  const cell = (index: number | undefined) => (index === undefined ? "" : (cells[index] ?? "").trim());
  const reject = (reason: RowRejection["reason"], column: TransactionColumn, value?: string): ReadRowResult => ({
    ok: false,
    rejection: { line, reason, params: value === undefined ? { column } : { column, value } },
  });

  const customerId = cell(mapping.customerId);
  if (customerId === "") return reject("missing-value", "customerId");
  const dateText = cell(mapping.date);
  if (dateText === "") return reject("missing-value", "date");
  const date = parseDate(dateText, formats.dateOrder);
  if (!date.ok) return reject(date.reason, "date", dateText);
  const amountText = cell(mapping.amount);
  if (amountText === "") return reject("missing-value", "amount");
  const amount = parseDecimal(amountText, formats.decimalSeparator);
  if (!amount.ok) return reject(amount.reason, "amount", amountText);

  const transaction: Transaction = { customerId, date: date.date, amount: amount.value };
  for (const column of ["margin", "cost"] as const) {
    const text = cell(mapping[column]);
    if (text === "") continue;
    const parsed = parseDecimal(text, formats.decimalSeparator);
    if (!parsed.ok) return reject(parsed.reason, column, text);
    transaction[column] = parsed.value;
  }
  const rateText = cell(mapping.marginRate);
  if (rateText !== "") {
    const rate = parseMarginRate(rateText, formats.decimalSeparator);
    if (!rate.ok) return reject(rate.reason, "marginRate", rateText);
    transaction.marginRate = rate.value;
  }
  const account = cell(mapping.account);
  if (account !== "") transaction.account = account;
  return { ok: true, transaction };
}
