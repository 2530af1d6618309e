import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppServer } from "../helpers/app-server";

/**
 * Engine-neutral access to a running test server's database (SQLite file or PostgreSQL
 * database) through a second connection: what the HTTP tests use to arrange data and to check
 * what the app stored.
 */

/** Runs `fn` on a second connection to the server's database and closes it. */
export async function withServerDb<T>(server: AppServer, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await server.openDb();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The first row of a query (an error when there is none). */
export async function one<T>(db: Db, query: SQL): Promise<T> {
  const [row] = await db.rows<T>(query);
  if (row === undefined) throw new Error("the query returned no row");
  return row;
}

/**
 * Every row of the tables as one string, each table's rows in a fixed order whatever the engine
 * (sorted by their JSON text: neither engine promises an order without ORDER BY, and not every
 * table has an id). Equal strings: nothing in the tables changed.
 */
export async function snapshotTables(db: Db, tables: string[]): Promise<string> {
  const out: string[][] = [];
  for (const table of tables) {
    // Table names are the test's own constants, never input.
    const rows = await db.rows<Record<string, unknown>>(sql.raw(`select * from ${table}`));
    out.push(rows.map((r) => JSON.stringify(r)).sort());
  }
  return JSON.stringify(out);
}


/** Runs an `insert ... returning id` (both engines) and gives the new row's id. */
export async function insertId(db: Db, query: SQL): Promise<number> {
  return Number((await one<{ id: number }>(db, query)).id);
}
