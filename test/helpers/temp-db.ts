import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db, type Synchronous } from "../../db/client";
import { openPostgresDatabase } from "../../db/client-postgres";
import { TEST_ENGINE } from "./engine";
import { testPostgres } from "./postgres";

export interface TempDb {
  db: Db;
  /** Path of the SQLite file (WAL and SHM files sit next to it); "" on PostgreSQL. */
  file: string;
  /** The database's URL: `file:<path>` or `postgres://...`. */
  url: string;
  /** Closes the connection and removes the temporary directory (or drops the database). */
  cleanup: () => Promise<void>;
}

/** Makes a fresh temporary directory for SQLite files (removed by the caller). */
export function makeTempDir(prefix = "valuemap-db-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh, empty, migrated database of the engine the tests run on (TEST_ENGINE). */
export async function createTempDb(options: { synchronous?: Synchronous } = {}): Promise<TempDb> {
  return TEST_ENGINE === "postgres" ? createPostgresDb() : createSqliteDb(options);
}

/** A real SQLite file in a new temporary directory, opened with openDatabase (migrations applied). */
export function createSqliteDb(options: { synchronous?: Synchronous } = {}): TempDb {
  const dir = makeTempDir();
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase({ url: file, synchronous: options.synchronous });
  return {
    db,
    file,
    url: `file:${file}`,
    cleanup: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the run's PostgreSQL server (test/helpers/postgres.ts), migrations applied. */
export async function createPostgresDb(): Promise<TempDb> {
  const server = await testPostgres();
  const url = server.createDatabase("valuemap_test");
  const db = await openPostgresDatabase({ url, max: 4 });
  return {
    db,
    file: "",
    url,
    cleanup: async () => {
      await db.close();
      server.stop();
    },
  };
}
