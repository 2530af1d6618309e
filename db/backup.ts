import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqlitePath } from "./client";

export interface BackupResult {
  file: string;
  pages: number;
  integrity: string;
}

/**
 * A consistent online copy of a live SQLite database through SQLite's backup API (better-sqlite3
 * `backup()`): writers keep going; the copy is one snapshot. The copy is then opened and must pass
 * `PRAGMA integrity_check`, else this throws and the bad copy is removed.
 */
export async function backupDatabase(sourceUrl: string, destination: string): Promise<BackupResult> {
  const source = sqlitePath(sourceUrl);
  if (!fs.existsSync(source)) throw new Error(`database file ${source} does not exist`);
  const target = path.resolve(destination);
  if (fs.existsSync(target)) throw new Error(`${target} already exists: a backup requires a new file`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  let pages = 0;
  try {
    const progress = await db.backup(target);
    pages = progress.totalPages;
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  let integrity: string;
  try {
    integrity = String(copy.pragma("integrity_check", { simple: true }));
  } finally {
    copy.close();
  }
  if (integrity !== "ok") {
    fs.rmSync(target, { force: true });
    throw new Error(`backup failed PRAGMA integrity_check: ${integrity}`);
  }
  return { file: target, pages, integrity };
}
