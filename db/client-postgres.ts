import crypto from "node:crypto";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type pg from "pg";
import { ENDED, type Db } from "./client";
import { openPostgres, type OpenPostgresOptions } from "./postgres";
import type * as schema from "./schema";
import * as pgSchema from "./schema.pg";

const dialect = new PgDialect();

/**
 * A 63-bit key for `pg_advisory_xact_lock` from a lock name (FNV-1a, 64-bit, top bit cleared):
 * the same name locks the same key in every instance.
 */
export function advisoryKey(name: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(name, "utf8")) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash & 0x7fffffffffffffffn;
}

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Most SQL texts run as named prepared statements. Each connection prepares a named statement
 * once (parse and plan on the server) and then only binds and executes it; the names are kept
 * by node-postgres per connection and never deallocated, so the texts are bounded: the
 * respondent's hot path has a few dozen, and texts beyond the first PREPARED_LIMIT (ad-hoc `in
 * (...)` lists, multi-row inserts of other sizes) run unnamed as before.
 */
export const PREPARED_LIMIT = 1000;
const preparedNames = new Map<string, string>();

/** The statement name for an SQL text (the same in every process), or undefined past the limit. */
export function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_LIMIT) {
    name = `vm_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** A query config for node-postgres: named (prepared once per connection) when preparedName allows. */
function statement(query: SQL): pg.QueryConfig {
  const { sql, params } = dialect.sqlToQuery(query);
  return { text: sql, values: params, name: preparedName(sql) };
}

/** A transaction's connection, and whether the transaction is still open. */
interface TxState {
  client: pg.PoolClient;
  open: boolean;
}

/**
 * The Db interface on PostgreSQL: a pool; each write transaction runs on one connection checked
 * out of it (BEGIN ... COMMIT, READ COMMITTED), and `lock` takes a transaction-scoped advisory
 * lock, so that quota checks and invitation use serialise across every app instance. A
 * transaction's Db refuses queries once its transaction has ended: its connection is back in the
 * pool then, maybe inside another request's transaction.
 */
function postgresDb(pool: pg.Pool, tx: TxState | null): Db {
  const client = tx?.client ?? null;
  const on: Queryable = client ?? pool;
  const check = () => {
    if (tx && !tx.open) throw new Error(ENDED);
  };
  const orm = drizzle(on as pg.Pool, { schema: pgSchema, ...(tx ? { logger: { logQuery: check } } : {}) });
  const self: Db = {
    engine: "postgres",
    q: orm as unknown as BetterSQLite3Database<typeof schema>,
    t: pgSchema as unknown as typeof schema,
    rows: async <T>(query: SQL): Promise<T[]> => {
      check();
      return (await on.query(statement(query))).rows as T[];
    },
    run: async (query: SQL): Promise<number> => {
      check();
      return (await on.query(statement(query))).rowCount ?? 0;
    },
    transaction: async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
      if (tx) {
        check();
        return fn(self);
      }
      const connection = await pool.connect();
      const state: TxState = { client: connection, open: true };
      let broken: Error | undefined;
      // The pool listens for errors of idle connections only: one lost while checked out (the
      // database server killed or restarted) would emit 'error' with no listener and end the
      // process. It is noted here; the query under way or the next one fails, the transaction
      // rejects, and the connection is discarded instead of going back to the pool.
      const lost = (error: Error) => {
        broken ??= error;
      };
      connection.on("error", lost);
      try {
        await connection.query("begin");
        try {
          const result = await fn(postgresDb(pool, state));
          await connection.query("commit");
          return result;
        } catch (error) {
          await connection.query("rollback").catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          throw error;
        }
      } finally {
        state.open = false;
        connection.removeListener("error", lost);
        connection.release(broken);
      }
    },
    lock: async (key: string): Promise<void> => {
      if (!client) throw new Error("db.lock requires the Db of a transaction (inside db.transaction)");
      check();
      await client.query("select pg_advisory_xact_lock($1::bigint)", [advisoryKey(key).toString()]);
    },
    close: async (): Promise<void> => {
      if (client) throw new Error("close the database, not a transaction's Db");
      await pool.end();
    },
  };
  return self;
}

/** Opens the pool, applies the PostgreSQL migrations (under an advisory lock) and returns the Db. */
export async function openPostgresDatabase(options: OpenPostgresOptions): Promise<Db> {
  const { pool } = await openPostgres(options);
  return postgresDb(pool, null);
}
