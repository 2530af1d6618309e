/** Reading transaction files for customers' value to the firm (docs/method.md §11). */
export * from "./types";
export { parseDate, type ParsedDate } from "./parse-date";
export { parseDecimal, type ParsedNumber } from "./parse-decimal";
export { parseMarginRate, type ParsedRate } from "./parse-margin-rate";
export { columnMapping, type ColumnMappingResult } from "./column-mapping";
export { readTransactionRow } from "./read-transaction-row";
export { createFormatDetector } from "./create-format-detector";
export { createColumnFormatDetector, type ColumnFormats } from "./create-column-format-detector";
export { columnFormatDetection } from "./column-format-detection";
export { readTransactions } from "./read-transactions";
