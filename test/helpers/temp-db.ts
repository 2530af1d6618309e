import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db, type Synchronous } from "../../db/client";

export interface TempDb {
  db: Db;
  /** Path of the SQLite file (WAL and SHM files sit next to it). */
  file: string;
  /** Closes the connection and removes the temporary directory. */
  cleanup: () => Promise<void>;
}

/** Makes a fresh temporary directory for SQLite files (removed by the caller). */
export function makeTempDir(prefix = "valuemap-db-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real SQLite file in a new temporary directory, opened with openDatabase (migrations applied). */
export function createTempDb(options: { synchronous?: Synchronous } = {}): TempDb {
  const dir = makeTempDir();
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase({ url: file, synchronous: options.synchronous });
  return {
    db,
    file,
    cleanup: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
