import fs from "node:fs";
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import { sqlitePath } from "./client";
import { createPool, isPostgresUrl, migratePostgres, redactUrl } from "./postgres";
import * as pgSchema from "./schema.pg";
import * as sqliteSchema from "./schema";

/**
 * Copies an app database from SQLite to an empty PostgreSQL database (npm run
 * db:copy-to-postgres): every table of db/schema.ts in foreign-key order, ids kept, in one
 * PostgreSQL transaction that is committed only when each table's row count and column checksums
 * match the SQLite file's. docs/postgres.md describes it.
 */

/** How a column's SQLite value becomes the PostgreSQL parameter (from the pg schema's column type). */
type Kind = "boolean" | "integer" | "float" | "text";

const KINDS: Record<string, Kind> = {
  PgBoolean: "boolean",
  PgInteger: "integer",
  PgSmallInt: "integer",
  PgBigInt53: "integer",
  PgBigInt64: "integer",
  PgSerial: "integer",
  PgBigSerial53: "integer",
  PgDoublePrecision: "float",
  PgReal: "float",
  PgText: "text",
  PgVarchar: "text",
};

export interface CopyColumn {
  name: string;
  kind: Kind;
  /** PostgreSQL type of the column ("integer", "bigint", "boolean", "double precision", "text"). */
  sqlType: string;
}

export interface CopyTable {
  name: string;
  columns: CopyColumn[];
  /** Columns of the primary key, to name a row in messages. */
  primaryKey: string[];
  /** Has an identity column: inserts say `overriding system value` to keep the ids. */
  identity: boolean;
}

/** Something the user can act on: printed as one line, without a stack trace. */
export class CopyError extends Error {
  constructor(
    message: string,
    readonly report?: CopyReport,
  ) {
    super(message);
    this.name = "CopyError";
  }
}

export interface TableCount {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  /** Checksums that differ ("sum(id)", "chars(email)", ...): empty when the table matches. */
  differs: string[];
}

export interface CopyReport {
  tables: TableCount[];
  rows: number;
  ms: number;
}

export interface CopyOptions {
  sqliteFile: string;
  postgresUrl: string;
  migrationsFolder?: string;
  /** Rows per insert (default 1000). */
  batchRows?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const nameOf = (table: unknown) => (table as { [k: symbol]: string })[Symbol.for("drizzle:Name")]!;

/**
 * The tables of db/schema.ts in an order where every table comes after the tables it references
 * (Kahn's algorithm, ties in declaration order), with the column types of their db/schema.pg.ts
 * twins. A reference cycle is an error (the copy inserts with foreign keys checked at once).
 */
export function copyPlan(): CopyTable[] {
  const sqliteTables = Object.values(sqliteSchema).filter((t) => is(t, SQLiteTable)) as SQLiteTable[];
  const pgTables = new Map((Object.values(pgSchema).filter((t) => is(t, PgTable)) as PgTable[]).map((t) => [pgConfig(t).name, t]));
  const references = new Map<string, Set<string>>();
  for (const table of sqliteTables) {
    const config = sqliteConfig(table);
    references.set(config.name, new Set(config.foreignKeys.map((fk) => nameOf(fk.reference().foreignTable))));
  }
  const order: string[] = [];
  const pending = [...references.keys()];
  while (pending.length) {
    const next = pending.findIndex((name) => [...references.get(name)!].every((ref) => order.includes(ref)));
    if (next < 0) throw new Error(`foreign keys form a cycle among ${pending.join(", ")}: they cannot be copied in one order`);
    order.push(pending.splice(next, 1)[0]!);
  }
  return order.map((name) => {
    const twin = pgTables.get(name);
    if (!twin) throw new Error(`table ${name} of db/schema.ts has no twin in db/schema.pg.ts`);
    const config = pgConfig(twin);
    const columns = config.columns.map((c) => {
      const kind = KINDS[c.columnType];
      if (!kind) throw new Error(`${name}.${c.name}: no copy conversion for column type ${c.columnType}`);
      return { name: c.name, kind, sqlType: c.getSQLType() };
    });
    const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
    if (!primaryKey.length) primaryKey.push(...(config.primaryKeys[0]?.columns.map((c) => c.name) ?? []));
    return { name, columns, primaryKey, identity: config.columns.some((c) => c.generatedIdentity !== undefined) };
  });
}

/**
 * An error's message on one line: the driver's error rather than drizzle's wrapper (whose message
 * is the whole failed statement), and something also for errors without a message (Node's
 * AggregateError when every address of a host refused).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).replace(/\s+/g, " ");
  if (error.cause instanceof Error && error.message.startsWith("Failed query")) return describeError(error.cause);
  const inner = error instanceof AggregateError ? error.errors.map(describeError).join("; ") : "";
  const code = (error as { code?: string }).code;
  const detail = (error as { detail?: string }).detail;
  const message = error.message || inner || code || error.name;
  return (detail ? `${message} (${detail})` : message).replace(/\s+/g, " ");
}

/** The PostgreSQL parameter for one SQLite value, or an error naming the row. */
function convert(value: unknown, column: CopyColumn, where: () => string): unknown {
  if (value === null) return null;
  const bad = (what: string) => new CopyError(`${where()}: ${column.name} holds ${what}, not ${column.kind === "integer" ? "an integer" : `a ${column.kind}`}`);
  switch (column.kind) {
    case "boolean":
      // SQLite stores booleans as 0/1 (integer mode "boolean").
      if (value === 0n || value === 1n) return value === 1n;
      throw bad(JSON.stringify(String(value)));
    case "integer":
      // Integers are read as BigInt (exact beyond 2^53) and sent as decimal text.
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw bad(typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value));
    case "float":
      if (typeof value === "number") return value;
      if (typeof value === "bigint") return Number(value);
      throw bad(typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value));
    case "text":
      if (typeof value === "string") {
        if (value.includes("\u0000")) throw new CopyError(`${where()}: ${column.name} contains a NUL character, which PostgreSQL text cannot hold`);
        return value;
      }
      if (typeof value === "number" || typeof value === "bigint") return String(value);
      throw bad("binary data");
  }
}

interface Checksum {
  label: string;
  sqlite: string;
  postgres: string;
  /** Doubles are compared with a relative tolerance: summing in another order rounds differently. */
  approximate?: boolean;
}

/** Cheap per-column checksums: sums of integers and booleans, characters of text, sums of doubles. */
function checksums(table: CopyTable): Checksum[] {
  return table.columns.map(({ name, kind }) => {
    const c = q(name);
    switch (kind) {
      case "integer":
        return { label: `sum(${name})`, sqlite: `sum(${c})`, postgres: `sum(${c})::text` };
      case "boolean":
        return { label: `trues(${name})`, sqlite: `coalesce(sum(${c}), 0)`, postgres: `count(*) filter (where ${c})::text` };
      case "text":
        return { label: `chars(${name})`, sqlite: `sum(length(${c}))`, postgres: `sum(length(${c}))::text` };
      case "float":
        return { label: `sum(${name})`, sqlite: `sum(${c})`, postgres: `sum(${c})::text`, approximate: true };
    }
  });
}

function sameChecksum(a: unknown, b: unknown, approximate: boolean | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (!approximate) return String(a) === String(b);
  const x = Number(a);
  const y = Number(b);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

/** Compares row counts and checksums of every table, SQLite (in its read snapshot) against the open transaction. */
async function verify(sqlite: Database.Database, client: pg.PoolClient, plan: CopyTable[]): Promise<TableCount[]> {
  const result: TableCount[] = [];
  for (const table of plan) {
    const sums = checksums(table);
    const lite = sqlite
      .prepare(`select count(*), ${sums.map((s) => s.sqlite).join(", ")} from ${q(table.name)}`)
      .safeIntegers(true)
      .raw(true)
      .get() as unknown[];
    const { rows } = await client.query({
      text: `select count(*)::text, ${sums.map((s) => s.postgres).join(", ")} from ${q(table.name)}`,
      rowMode: "array",
    });
    const pgRow = rows[0] as unknown[];
    result.push({
      table: table.name,
      sqliteRows: Number(lite[0]),
      postgresRows: Number(pgRow[0]),
      differs: sums.filter((s, i) => !sameChecksum(lite[i + 1], pgRow[i + 1], s.approximate)).map((s) => s.label),
    });
  }
  return result;
}

/** Which of the tables exist in the target and hold at least one row. */
async function tablesWithRows(client: pg.PoolClient, names: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select name from unnest($1::text[]) as name where to_regclass(quote_ident(name)) is not null",
    [names],
  );
  if (!rows.length) return [];
  const probes = rows.map((r) => `select ${client.escapeLiteral(r.name)} as name where exists (select 1 from ${q(r.name)})`);
  return (await client.query<{ name: string }>(probes.join(" union all "))).rows.map((r) => r.name);
}

function refuseNonEmpty(full: string[], url: string): never {
  throw new CopyError(
    `${redactUrl(url)} already holds rows (${full.slice(0, 4).join(", ")}${full.length > 4 ? ` and ${full.length - 4} more` : ""}): the copy goes only into an empty database, nothing was written`,
  );
}

/**
 * Streams one table from SQLite into PostgreSQL, `batchRows` rows per insert; returns the rows
 * copied. Each insert sends one array per column (`select * from unnest($1::integer[], ...)`):
 * one statement text per table whatever the batch size, and no 65535-parameter limit.
 */
async function copyTable(sqlite: Database.Database, client: pg.PoolClient, table: CopyTable, batchRows: number): Promise<number> {
  const names = table.columns.map((c) => q(c.name)).join(", ");
  const arrays = table.columns.map((c, i) => `$${i + 1}::${c.sqlType}[]`).join(", ");
  const insert = `insert into ${q(table.name)} (${names})${table.identity ? " overriding system value" : ""} select * from unnest(${arrays})`;
  const pkIndex = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  const select = sqlite.prepare(`select ${names} from ${q(table.name)}`).safeIntegers(true).raw(true);
  let columns: unknown[][] = table.columns.map(() => []);
  let rows = 0;
  let bytes = 0;
  let copied = 0;
  const flush = async () => {
    if (!rows) return;
    try {
      await client.query(insert, columns);
    } catch (error) {
      throw new CopyError(`copying ${table.name}: ${describeError(error)}`);
    }
    copied += rows;
    columns = table.columns.map(() => []);
    rows = 0;
    bytes = 0;
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    const where = () => `${table.name} row ${table.primaryKey.map((k, i) => `${k}=${String(row[pkIndex[i]!])}`).join(" ")}`;
    table.columns.forEach((column, i) => {
      const value = convert(row[i], column, where);
      if (typeof value === "string") bytes += value.length;
      columns[i]!.push(value);
    });
    rows++;
    // Big rows (long answers) flush early: a batch stays around 16 MB of text at most.
    if (rows >= batchRows || bytes > 16_000_000) await flush();
  }
  await flush();
  return copied;
}

/** Moves identity sequences past the copied ids: the next insert gets max(id) + 1 (1 on an empty table). */
async function resetSequences(client: pg.PoolClient, plan: CopyTable[]): Promise<void> {
  const { rows } = await client.query<{ tbl: string; col: string; seq: string }>(
    `select c.relname as tbl, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
       from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
        and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
    [plan.map((t) => t.name)],
  );
  for (const { tbl, col, seq } of rows) {
    await client.query(`select setval($1::regclass, coalesce((select max(${q(col)}) from ${q(tbl)}), 0) + 1, false)`, [seq]);
  }
}

function openSqlite(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new CopyError(`SQLite file not found: ${file}`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma("query_only = ON");
    sqlite.prepare("select count(*) from sqlite_master").get();
  } catch (error) {
    throw new CopyError(`cannot read ${file} as a SQLite database: ${describeError(error)}`);
  }
  return sqlite;
}

/** Every table and column the plan copies exists in the SQLite file (its migrations are current). */
function checkSqliteSchema(sqlite: Database.Database, file: string, plan: CopyTable[]): void {
  const missing: string[] = [];
  for (const table of plan) {
    const have = new Set((sqlite.pragma(`table_info(${q(table.name)})`) as Array<{ name: string }>).map((c) => c.name));
    if (!have.size) missing.push(table.name);
    else for (const c of table.columns) if (!have.has(c.name)) missing.push(`${table.name}.${c.name}`);
  }
  if (missing.length) {
    throw new CopyError(
      `${file} lacks ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}: start this version of the app on it once so its SQLite migrations apply, then copy`,
    );
  }
}

/**
 * Copies every table of the SQLite file into the (empty) PostgreSQL database: applies the
 * PostgreSQL migrations, refuses when any table already holds rows, then inserts everything in
 * one transaction, verifies counts and checksums, resets the identity sequences and commits.
 * A refusal or mismatch throws CopyError (mismatch: with the report) and leaves the target as it was.
 */
export async function copyToPostgres(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const url = options.postgresUrl;
  if (!isPostgresUrl(url)) throw new CopyError(`not a PostgreSQL URL (expected postgres://user@host:port/database): ${redactUrl(url)}`);
  const file = sqlitePath(options.sqliteFile);
  const plan = copyPlan();
  const sqlite = openSqlite(file);
  let pool: pg.Pool | undefined;
  try {
    checkSqliteSchema(sqlite, file, plan);
    pool = createPool(url, 1);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new CopyError(`cannot connect to ${redactUrl(url)}: ${describeError(error)}`);
    }
    try {
      const encoding = (await client.query<{ server_encoding: string }>("show server_encoding")).rows[0]?.server_encoding;
      if (encoding !== "UTF8") throw new CopyError(`${redactUrl(url)} uses encoding ${encoding}: create the database with ENCODING 'UTF8'`);
      const names = plan.map((t) => t.name);
      // Before migrating, so that a refused copy writes nothing at all.
      const early = await tablesWithRows(client, names);
      if (early.length) refuseNonEmpty(early, url);
    } finally {
      client.release();
    }

    log("applying the PostgreSQL migrations");
    await migratePostgres(pool, options.migrationsFolder).catch((error: unknown) => {
      throw new CopyError(`applying the PostgreSQL migrations to ${redactUrl(url)}: ${describeError(error)}`);
    });

    client = await pool.connect();
    try {
      await client.query("begin");
      // Writers wait until the copy commits; the emptiness check and the copy are one step.
      await client.query(`lock table ${plan.map((t) => q(t.name)).join(", ")} in exclusive mode`);
      const full = await tablesWithRows(client, plan.map((t) => t.name));
      if (full.length) refuseNonEmpty(full, url);

      // One read snapshot of the SQLite file for the copy and the verification.
      sqlite.exec("begin");
      let rows = 0;
      for (const table of plan) {
        const t0 = performance.now();
        const n = await copyTable(sqlite, client, table, options.batchRows ?? 1000);
        rows += n;
        log(`copied ${table.name}: ${n} rows in ${Math.round(performance.now() - t0)} ms`);
      }
      const tables = await verify(sqlite, client, plan);
      sqlite.exec("commit");
      const report: CopyReport = { tables, rows, ms: Math.round(performance.now() - started) };
      const wrong = tables.filter((t) => t.sqliteRows !== t.postgresRows || t.differs.length);
      if (wrong.length) {
        throw new CopyError(
          `verification failed (${wrong.map((t) => `${t.table}: ${t.sqliteRows} vs ${t.postgresRows} rows${t.sqliteRows === t.postgresRows ? `, ${t.differs.join(", ")} differ` : ""}`).join("; ")}): rolled back, nothing was written`,
          report,
        );
      }
      // Sequences are not transactional: set only once everything is known to match.
      await resetSequences(client, plan);
      await client.query("commit");
      report.ms = Math.round(performance.now() - started);
      return report;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      if (sqlite.inTransaction) sqlite.exec("rollback");
      client.release();
    }
  } finally {
    sqlite.close();
    await pool?.end();
  }
}

/** The per-table counts as an aligned text table. */
export function formatReport(report: CopyReport): string {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(width)}  ${b.padStart(8)}  ${c.padStart(8)}  ${d}`;
  const total = (key: "sqliteRows" | "postgresRows") => String(report.tables.reduce((s, t) => s + t[key], 0));
  return [
    line("table", "sqlite", "postgres", "check"),
    ...report.tables.map((t) =>
      line(
        t.table,
        String(t.sqliteRows),
        String(t.postgresRows),
        t.sqliteRows !== t.postgresRows ? "ROWS DIFFER" : t.differs.length ? `DIFFERS: ${t.differs.join(", ")}` : "ok",
      ),
    ),
    line("total", total("sqliteRows"), total("postgresRows"), ""),
  ].join("\n");
}
