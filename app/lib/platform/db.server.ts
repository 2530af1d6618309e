import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "../../../db/client";
import { openPostgresDatabase } from "../../../db/client-postgres";
import { isPostgresUrl } from "../../../db/postgres";
import { seedDemo } from "../../../db/seed-demo";
import { hashPasswordSync } from "../auth/password.server";
import { env } from "./env.server";

declare global {
  var __valuemapDb: Db | undefined;
}

/**
 * SQLite (a file, the embedded default) or PostgreSQL (`DATABASE_URL=postgres://...`, a pool of
 * `DB_POOL_SIZE` connections per app instance; several instances may share the database).
 */
async function open(): Promise<Db> {
  const db = isPostgresUrl(env.DATABASE_URL)
    ? await openPostgresDatabase({ url: env.DATABASE_URL, max: env.DB_POOL_SIZE })
    : openDatabase({ url: env.DATABASE_URL, synchronous: env.DB_SYNCHRONOUS, groupCommit: env.SQLITE_GROUP_COMMIT === "on" });
  if (env.DEMO === "on") await seedDemo(db, { passwordHash: hashPasswordSync, now: Date.now() });
  // app/server.js closes the database once the HTTP server has finished its in-flight requests
  // after SIGTERM; this "exit" listener covers every other way out (SQLite closes synchronously
  // inside close(), which an "exit" listener requires; the last connection's close checkpoints
  // the WAL into the main file). It keeps nothing alive, so the process still exits when idle.
  process.once("exit", () => void closeDatabase());
  return db;
}

/**
 * The process-wide database handle: opened, migrated and (on an empty database) seeded at start.
 * Only the entry points use it (app/server.js through the load context, `dbOf` under
 * `npm run dev`, the command-line tools); services take a `Db` as their first parameter.
 */
export const appDb: Db = (globalThis.__valuemapDb ??= await open());

let closing: Promise<void> | undefined;

/**
 * Closes the database handle (idempotent: the SIGTERM handler and the exit listener may both
 * call it; a PostgreSQL pool refuses a second end); requests after this fail and /healthz
 * answers 503. SQLite closes synchronously inside the first call.
 */
export function closeDatabase(): Promise<void> {
  return (closing ??= globalThis.__valuemapDb?.close() ?? Promise.resolve());
}

export type Health = { ok: true } | { ok: false; error: string };

/** Whether the database answers `select 1`: what /healthz reports. */
export async function checkHealth(db: Db): Promise<Health> {
  try {
    await db.rows(sql`select 1 as "ok"`);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `database is not answering: ${error instanceof Error ? error.message : String(error)}` };
  }
}
