import { parseDate } from "./parse-date";
import { parseDecimal } from "./parse-decimal";
import type { ColumnMapping, DateOrder, DecimalSeparator, FormatDetection } from "./types";

/**
 * Collects what a file's cells say about its conventions, one row at a time with constant
 * memory (a first pass before `readTransactionRow`): the day/month order that slashed dates
 * show by themselves (25/03/2025 is day first) and the decimal separator that the amount,
 * margin, cost and margin rate cells show (1,234.56 or 12.5: point; 1.234,56 or 12,5: comma).
 * `result()` gives each convention, null when no cell settles it, "mixed" when cells show both.
 */
export function createFormatDetector(mapping: ColumnMapping): {
  add: (cells: readonly string[]) => void;
  result: () => FormatDetection;
} {
  const orders = new Set<DateOrder>();
  const separators = new Set<DecimalSeparator>();
  const numberColumns = [mapping.amount, mapping.margin, mapping.cost, mapping.marginRate].filter(
    (index): index is number => index !== undefined,
  );
  return {
    add(cells) {
      const date = parseDate(cells[mapping.date] ?? "", "auto");
      if (date.ok && date.order) orders.add(date.order);
      for (const index of numberColumns) {
        const text = (cells[index] ?? "").trim().replace(/%$/, "");
        const parsed = parseDecimal(text, "auto");
        if (parsed.ok && parsed.decimal) separators.add(parsed.decimal);
      }
    },
    result() {
      const settle = <T>(seen: Set<T>): T | null | "mixed" => (seen.size > 1 ? "mixed" : ([...seen][0] ?? null));
      return { dateOrder: settle(orders), decimalSeparator: settle(separators) };
    },
  };
}
