import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The data layer runs on SQLite and PostgreSQL behind one interface (db/client.ts `Db`): queries
 * await drizzle builders or use `db.rows` / `db.run` / `db.transaction`. better-sqlite3's
 * synchronous executors and handle would work on SQLite only, so none may appear in db/ or
 * app/lib/ outside the engines' own modules: the SQLite implementation (db/client.ts), the SQLite
 * backup (db/backup.ts, SQLite's backup API by nature), the PostgreSQL pool (db/postgres.ts) and
 * the copy from a SQLite file into PostgreSQL (db/copy-to-postgres.ts, which reads the file) and
 * the cold report's narrow read on SQLite (db/queries/analysis-respondents-sqlite.ts: one raw
 * statement walked row by row; PostgreSQL, and SQLite inside a transaction, take the neutral read).
 */
const root = path.resolve(import.meta.dirname, "../..");
const EXEMPT = new Set(["db/client.ts", "db/backup.ts", "db/postgres.ts", "db/copy-to-postgres.ts", "db/queries/analysis-respondents-sqlite.ts"]);
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\.(get|all|run)\(\s*\)/, "a synchronous SQLite executor (.get() / .all() / .run()): await the builder"],
  [/(\)|^)\s*\.values\(\s*\)/m, "a synchronous SQLite executor (.values()): await the builder"],
  [/\$client/, "the driver handle ($client): use db.rows / db.run"],
  [/\.prepare\(/, "a better-sqlite3 prepared statement: use db.rows / db.run (statements are cached per connection)"],
  [/\.transaction\(\s*\(\s*\)\s*=>/, "a synchronous transaction callback: db.transaction(async (tx) => ...)"],
];

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" || entry.name === "migrations-pg" ? [] : files(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe("engine-neutral data layer", () => {
  it("db/ and app/lib/ use no SQLite-only executor or handle", () => {
    const found: string[] = [];
    for (const file of [...files("db"), ...files("app/lib")]) {
      if (EXEMPT.has(file)) continue;
      const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const [pattern, what] of FORBIDDEN) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
