import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import * as pgSchema from "./schema.pg";

export type PgOrm = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  url: string;
  migrationsFolder?: string;
  /** Most connections the pool opens at once (default 10). */
  max?: number;
}

export interface Postgres {
  pool: pg.Pool;
  orm: PgOrm;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the committed PostgreSQL migrations live (works from source and from the server build). */
export function defaultPgMigrationsFolder(): string {
  const candidates = [path.join(here, "migrations-pg"), path.resolve(process.cwd(), "db/migrations-pg")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta/_journal.json")));
  if (!found) throw new Error(`PostgreSQL migrations not found in ${candidates.join(" or ")}`);
  return found;
}

/** True for `postgres://` and `postgresql://` URLs (any case): DATABASE_URL then names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * int8 as a JS number. Our bigint columns hold epoch milliseconds, save sequences and counts, far
 * below 2^53 (Number.MAX_SAFE_INTEGER, 9007199254740991); a value beyond that would come back
 * rounded, so it fails the query instead.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${text} is beyond ±(2^53 − 1), where JavaScript numbers lose precision`);
  }
  return n;
}

/** numeric (what sum() and avg() of integers return) as a JS double: exact for integers up to 2^53. */
export function parseNumeric(text: string): number {
  return Number(text);
}

/**
 * node-postgres returns int8 and numeric as strings by default. The parsers are registered in
 * pg's process-wide registry because drizzle's node-postgres driver passes its own per-query
 * type table that falls back to that registry (a per-pool `types` would not reach its queries).
 * Idempotent.
 */
export function registerTypeParsers(): void {
  pg.types.setTypeParser(INT8_OID, parseInt8);
  pg.types.setTypeParser(NUMERIC_OID, parseNumeric);
}

/** Key of the session-level advisory lock held while migrations run (any bigint unique to us). */
export const MIGRATION_LOCK_KEY = 7_306_087_021_345;

/**
 * Applies the PostgreSQL migrations on one connection of the pool while holding an advisory
 * lock, so that two instances starting at once run them one after the other (the second finds
 * nothing left to do) instead of racing on `create schema` / `create table`.
 */
export async function migratePostgres(pool: pg.Pool, migrationsFolder = defaultPgMigrationsFolder()): Promise<void> {
  const client = await pool.connect();
  // Session-level locks outlive release(): after any error the connection is closed, not reused.
  let failed: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch((error: Error) => {
        failed = error;
      });
    }
  } catch (error) {
    failed ??= error as Error;
    throw error;
  } finally {
    client.release(failed);
  }
}

/**
 * A connection pool (`max` connections, default 10) with the int8/numeric parsers registered;
 * nothing is sent to the server until the first query. Most callers want openPostgres.
 */
export function createPool(url: string, max = 10): pg.Pool {
  if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL (postgres://...): ${redactUrl(url)}`);
  registerTypeParsers();
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // An unreachable host fails within 10 s instead of waiting for the operating system's TCP timeout.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server drops (restart, admin kill) emits 'error' on the pool; unhandled
  // it would end the process. The pool discards that connection and opens a new one when needed.
  pool.on("error", (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  // Every connection keeps an error listener for its whole life. The pool listens only while a
  // connection is idle, and pool.query only once per query: a server killed or restarted under
  // load can still emit an error on a checked-out connection at another moment (a backend
  // outliving its postmaster says "terminating connection due to unexpected postmaster exit"),
  // and an 'error' event with no listener ends the process. The query under way or the next one
  // fails on its own; this only logs.
  pool.on("connect", (client) => {
    client.on("error", (error: Error) => console.error(`PostgreSQL: connection lost: ${error.message}`));
  });
  return pool;
}

/**
 * Opens a connection pool on a PostgreSQL server, registers the int8/numeric parsers and applies
 * pending migrations (db/migrations-pg). The pool is ended again if migrating fails.
 */
export async function openPostgres(options: OpenPostgresOptions): Promise<Postgres> {
  const pool = createPool(options.url, options.max);
  try {
    await migratePostgres(pool, options.migrationsFolder);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const orm = drizzle(pool, { schema: pgSchema });
  return { pool, orm };
}
