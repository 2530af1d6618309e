import { sql, type SQL } from "drizzle-orm";

/** A value raw SQL binds (booleans: 1/0 on SQLite, true/false on PostgreSQL). */
export type SqlValue = string | number | boolean | null;

/** `(?, ?, ...), (?, ?, ...)` for a multi-row `insert ... values`: one statement instead of one per row. */
export function valuesList(rows: SqlValue[][]): SQL {
  return sql.join(
    rows.map((row) => sql`${row}`),
    sql`, `,
  );
}

/**
 * Rows per multi-row insert: SQLite binds at most 32 766 values per statement and PostgreSQL
 * 65 535, so a few hundred rows of a few columns stay well inside both.
 */
export const INSERT_CHUNK_ROWS = 200;

/** Splits rows into chunks for `valuesList`. */
export function chunks<T>(rows: T[], size = INSERT_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A boolean column read through raw SQL: 0/1 on SQLite, true/false on PostgreSQL. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "t";
}
