import type { ColumnFormats } from "./create-column-format-detector";
import type { ColumnMapping, FormatDetection } from "./types";

/**
 * The detection `createFormatDetector(mapping)` would give, from what each column showed
 * (`createColumnFormatDetector`): the order of the date column; the separator of the amount,
 * margin, cost and margin-rate columns together; null when nothing settles one, "mixed" when the
 * cells show both.
 */
export function columnFormatDetection(formats: ColumnFormats, mapping: ColumnMapping): FormatDetection {
  const settle = <T>(seen: Set<T>): T | null | "mixed" => (seen.size > 1 ? "mixed" : ([...seen][0] ?? null));
  const numberColumns = [mapping.amount, mapping.margin, mapping.cost, mapping.marginRate].filter((index): index is number => index !== undefined);
  return {
    dateOrder: settle(new Set(formats.dateOrders[mapping.date] ?? [])),
    decimalSeparator: settle(new Set(numberColumns.flatMap((index) => formats.decimalSeparators[index] ?? []))),
  };
}
