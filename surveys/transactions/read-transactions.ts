import { createFormatDetector } from "./create-format-detector";
import { readTransactionRow } from "./read-transaction-row";
import type { ColumnMapping, DateOrder, DecimalSeparator, ReadTransactionsOptions, ReadTransactionsResult, RowRejection, Transaction } from "./types";

/** Column indices must be distinct whole numbers >= 0. */
function validMapping(mapping: ColumnMapping): boolean {
  const indices = Object.values(mapping).filter((index) => index !== undefined);
  return indices.every((index) => Number.isInteger(index) && index >= 0) && new Set(indices).size === indices.length;
}

/**
 * Reads a whole file of rows (already split into cells, header removed) into transactions, all
 * or nothing: any rejected row and the result lists the rejections (line, reason, parameters),
 * so a bad file changes nothing. Conventions not declared in `options` are detected first
 * (`createFormatDetector`) and then applied to every row, so 03/04/2025 in a file that also
 * holds 25/04/2025 reads as 3 April; a file that shows both orders or both decimal separators
 * is refused as a whole. Blank rows are skipped. For files too large to hold, run the detector
 * and `readTransactionRow` over a stream instead.
 */
export function readTransactions(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  options: ReadTransactionsOptions = {},
): ReadTransactionsResult {
  if (!validMapping(mapping)) return { ok: false, reason: "invalid-mapping" };
  let dateOrder = options.dateOrder ?? null;
  let decimalSeparator = options.decimalSeparator ?? null;
  if (dateOrder === null || decimalSeparator === null) {
    const detector = createFormatDetector(mapping);
    for (const row of rows) detector.add(row);
    const detected = detector.result();
    if (dateOrder === null && detected.dateOrder === "mixed") return { ok: false, reason: "mixed-date-orders" };
    if (decimalSeparator === null && detected.decimalSeparator === "mixed") {
      return { ok: false, reason: "mixed-decimal-separators" };
    }
    dateOrder ??= detected.dateOrder as DateOrder | null;
    decimalSeparator ??= detected.decimalSeparator as DecimalSeparator | null;
  }
  const formats = { dateOrder: dateOrder ?? "auto", decimalSeparator: decimalSeparator ?? "auto" } as const;
  const firstLine = options.firstLine ?? 1;
  const maxRejections = options.maxRejections ?? 100;
  const transactions: Transaction[] = [];
  const rejected: RowRejection[] = [];
  let rejectedCount = 0;
  rows.forEach((row, k) => {
    const read = readTransactionRow(row, firstLine + k, mapping, formats);
    if (!read.ok) {
      rejectedCount += 1;
      if (rejected.length < maxRejections) rejected.push(read.rejection);
    } else if (read.transaction) {
      transactions.push(read.transaction);
    }
  });
  if (rejectedCount > 0) return { ok: false, reason: "rows-rejected", rejected, rejectedCount };
  if (transactions.length === 0) return { ok: false, reason: "no-rows" };
  return { ok: true, transactions, dateOrder, decimalSeparator };
}
