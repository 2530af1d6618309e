import type { NumberFormat } from "./export-xlsx.server";

/** A table cell of an export: text, a number, or empty. */
export type Cell = string | number | null | undefined;

/** A table as exported: a stable name (file and sheet), a header row and data rows. */
export interface ExportTable {
  /** file-safe name, e.g. "quality-profile" */
  name: string;
  /** sheet title (at most 31 characters are used) */
  title: string;
  header: string[];
  rows: Cell[][];
  /** each column's number format in the workbook (export-xlsx.server.ts) */
  formats?: Array<NumberFormat | null>;
  /** a cell's number format where it depends on the row (the summary's mixed "Value" column) */
  cellFormat?: (row: number, column: number) => NumberFormat | null;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula injection: a text cell that a spreadsheet would read as a formula (it starts with
 * = + - @, a tab or a carriage return) gets a leading apostrophe, so it stays text. Numbers are
 * not text and are never changed.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A finite number, or null for NaN/Infinity (written as an empty cell). */
export function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}
