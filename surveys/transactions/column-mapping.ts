import type { ColumnMapping, TransactionColumn } from "./types";

export type ColumnMappingResult =
  | { ok: true; mapping: ColumnMapping }
  | { ok: false; reason: "missing-column"; column: TransactionColumn; name: string }
  | { ok: false; reason: "duplicate-column"; name: string };

/**
 * Finds the columns of a header row by name (trimmed, case-insensitive): `names` says which
 * header names the customer id, date and amount (required) and the optional fields have.
 * A name not in the header is "missing-column"; a name that appears twice is "duplicate-column".
 */
export function columnMapping(
  header: readonly string[],
  names: { customerId: string; date: string; amount: string } & Partial<Record<TransactionColumn, string>>,
): ColumnMappingResult {
  const key = (text: string) => text.trim().toLowerCase();
  const positions = header.map(key);
  const mapping: Partial<Record<TransactionColumn, number>> = {};
  for (const [column, name] of Object.entries(names) as Array<[TransactionColumn, string | undefined]>) {
    if (name === undefined) continue;
    const index = positions.indexOf(key(name));
    if (index === -1) return { ok: false, reason: "missing-column", column, name };
    if (positions.lastIndexOf(key(name)) !== index) return { ok: false, reason: "duplicate-column", name };
    mapping[column] = index;
  }
  return { ok: true, mapping: mapping as ColumnMapping };
}
