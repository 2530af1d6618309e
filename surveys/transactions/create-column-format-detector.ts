import { parseDate } from "./parse-date";
import { parseDecimal } from "./parse-decimal";
import type { DateOrder, DecimalSeparator } from "./types";

/** What each column of a file shows about the conventions (by 0-based column index). */
export interface ColumnFormats {
  /** day/month orders that slashed dates of the column settle by themselves */
  dateOrders: Record<number, DateOrder[]>;
  /** decimal separators that numbers of the column show */
  decimalSeparators: Record<number, DecimalSeparator[]>;
}

/**
 * `createFormatDetector` before the columns are known: collects, per column, what its cells
 * show (the same checks on every cell that could show something: slashed dates for the order,
 * numbers with a point or comma for the separator), so that the detection of any mapping can be
 * read afterwards with `columnFormatDetection` without another pass over the file. Constant
 * memory (at most two orders and two separators per column).
 */
export function createColumnFormatDetector(): { add: (cells: readonly string[]) => void; result: () => ColumnFormats } {
  const dateOrders: Record<number, DateOrder[]> = {};
  const decimalSeparators: Record<number, DecimalSeparator[]> = {};
  return {
    add(cells) {
      for (let index = 0; index < cells.length; index += 1) {
        const cell = cells[index]!;
        // Only a slashed date with the year last can settle the order (parseDate).
        if (cell.includes("/")) {
          const date = parseDate(cell, "auto");
          if (date.ok && date.order && !(dateOrders[index] ??= []).includes(date.order)) dateOrders[index]!.push(date.order);
        }
        // Only a number written with a point or a comma can show its decimal separator.
        if (cell.includes(".") || cell.includes(",")) {
          const parsed = parseDecimal(cell.trim().replace(/%$/, ""), "auto");
          if (parsed.ok && parsed.decimal && !(decimalSeparators[index] ??= []).includes(parsed.decimal)) decimalSeparators[index]!.push(parsed.decimal);
        }
      }
    },
    result: () => ({ dateOrders, decimalSeparators }),
  };
}
