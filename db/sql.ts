import { sql, StringChunk, type SQL, type SQLChunk } from "drizzle-orm";

/** A value raw SQL binds (booleans: 1/0 on SQLite, true/false on PostgreSQL). */
export type SqlValue = string | number | boolean | null;

const SEPARATOR = new StringChunk(", ");

/**
 * `(?, ?, ...), (?, ?, ...)` for a multi-row `insert ... values`: one statement instead of one
 * per row. Each row is a list of values, which drizzle renders as a parenthesised parameter
 * list on either engine; the chunks are appended to one SQL directly, because building an SQL
 * per row (sql`${row}` joined by sql.join) costs more than the insert itself on the
 * respondent's hot path.
 */
export function valuesList(rows: SqlValue[][]): SQL {
  const out = sql.empty();
  rows.forEach((row, i) => {
    if (i > 0) out.queryChunks.push(SEPARATOR);
    out.queryChunks.push(row as unknown as SQLChunk);
  });
  return out;
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
