/**
 * Types of the transactions reader: cells of a file already split into rows and columns (CSV,
 * XLSX...) in, `Transaction`s for `analysis/customers` out, or the rows that cannot be read,
 * each with a line number and a reason code with its parameters (`app/` writes the message).
 */
import type { Transaction } from "../../analysis/customers/types";

export type { Transaction };

/** The fields a transaction file can supply. */
export type TransactionColumn = "customerId" | "date" | "amount" | "margin" | "marginRate" | "cost" | "account";

/** Which column (0-based index in each row) holds which field; the first three are required. */
export interface ColumnMapping {
  customerId: number;
  date: number;
  amount: number;
  margin?: number;
  marginRate?: number;
  cost?: number;
  account?: number;
}

/**
 * How to read dates written with slashes and the year last (03/04/2025): day first (3 April)
 * or month first (4 March). Year-first dates and DD.MM.YYYY never need it.
 */
export type DateOrder = "day-first" | "month-first";

/** The decimal separator of the numbers; the other one (and spaces, apostrophes) group thousands. */
export type DecimalSeparator = "." | ",";

/** How one row is read: declared or detected conventions, "auto" where unknown. */
export interface RowFormats {
  dateOrder: DateOrder | "auto";
  decimalSeparator: DecimalSeparator | "auto";
}

/**
 * Why a row cannot be read:
 * - "missing-value": a required cell (customer id, date, amount) is empty
 * - "invalid-date": not a date in a known form, or not a calendar date (2025-02-30)
 * - "ambiguous-date": 03/04/2025 with no declared or detected day/month order
 * - "invalid-number": not a number in a known form
 * - "ambiguous-number": 1,234 or 1.234 with no declared or detected decimal separator
 * - "rate-out-of-range": a margin rate outside -100 %..100 % (written 0.3 or 30 %)
 */
export type RowRejectionReason =
  | "missing-value"
  | "invalid-date"
  | "ambiguous-date"
  | "invalid-number"
  | "ambiguous-number"
  | "rate-out-of-range";

export interface RowRejection {
  /** the line number the caller gave for the row */
  line: number;
  reason: RowRejectionReason;
  params: { column: TransactionColumn; value?: string };
}

/** One row: a transaction, null for a blank row (every cell empty), or the rejection. */
export type ReadRowResult = { ok: true; transaction: Transaction | null } | { ok: false; rejection: RowRejection };

/**
 * What a file's cells say about its conventions: null when no cell settles one, "mixed" when
 * cells show both (reading them one way would be a guess).
 */
export interface FormatDetection {
  dateOrder: DateOrder | null | "mixed";
  decimalSeparator: DecimalSeparator | null | "mixed";
}

export interface ReadTransactionsOptions {
  /** default: detected from the file (unambiguous dates), else each date must settle itself */
  dateOrder?: DateOrder;
  /** default: detected from the file (unambiguous numbers), else each number must settle itself */
  decimalSeparator?: DecimalSeparator;
  /** line number of the first row (2 when the caller removed a header line); default 1 */
  firstLine?: number;
  /** rejections listed at most (all are counted); default 100 */
  maxRejections?: number;
}

export type ReadTransactionsResult =
  | { ok: true; transactions: Transaction[]; dateOrder: DateOrder | null; decimalSeparator: DecimalSeparator | null }
  | { ok: false; reason: "rows-rejected"; rejected: RowRejection[]; rejectedCount: number }
  | { ok: false; reason: "no-rows" | "invalid-mapping" | "mixed-date-orders" | "mixed-decimal-separators" };
