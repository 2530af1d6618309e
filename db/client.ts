import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** `synchronous` we promise on every open: FULL fsyncs the WAL at each commit. */
export type Synchronous = "FULL" | "NORMAL";

export interface OpenOptions {
  /** A file path, or `file:<path>` / `sqlite:<path>`. */
  url: string;
  synchronous?: Synchronous;
  migrationsFolder?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the committed drizzle-kit migrations live (works from source and from the server build). */
export function defaultMigrationsFolder(): string {
  const candidates = [path.join(here, "migrations"), path.resolve(process.cwd(), "db/migrations")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta/_journal.json")));
  if (!found) throw new Error(`migrations not found in ${candidates.join(" or ")}`);
  return found;
}

/** Turns a DATABASE_URL into a file path. */
export function sqlitePath(url: string): string {
  return url.replace(/^(file|sqlite):(\/\/)?/, "");
}

/**
 * Opens the SQLite database, sets the pragmas (WAL, foreign keys, synchronous, busy timeout)
 * and applies pending migrations. Pragmas are set on every open because better-sqlite3 reopens
 * WAL databases with synchronous=NORMAL (stack.md).
 */
export function openDatabase(options: OpenOptions): Db {
  const file = sqlitePath(options.url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  // Foreign keys stay off while migrations run: a migration that rebuilds a table (SQLite's way
  // of changing a CHECK) drops the old table, and with foreign keys on that drop would cascade
  // into every referencing row. The pragma is a no-op inside the migration's transaction, so it
  // is set around it, and the references are checked before the database is used.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length) throw new Error(`migrations left ${broken.length} rows with broken references`);
  sqlite.pragma("foreign_keys = ON");
  return db;
}
