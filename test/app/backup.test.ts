import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "../../db/backup";
import { demoAnswers } from "../fixtures/answers";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { startAndComplete } from "../helpers/respondent-browser";
import { runCommand } from "../helpers/commands";

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Completes responses through the real API until `stop()`; resolves with how many. */
function keepSubmitting(prefix: string) {
  let running = true;
  let count = 0;
  const done = (async () => {
    while (running) {
      const res = await startAndComplete(server.url, "demo", { responseId: `${prefix}-${count}`.padEnd(12, "x"), answers: demoAnswers() });
      expect(res.status).toBe(200);
      count += 1;
    }
    return count;
  })();
  return { stop: () => ((running = false), done) };
}

function check(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      responses: db.prepare("select count(*) from responses").pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe("backup", () => {
  it("copies the live database while submissions are written; the copy passes integrity_check", async () => {
    const writer = keepSubmitting("backup-live");
    await new Promise((r) => setTimeout(r, 200));
    const copies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const file = path.join(server.dataDir, `backup-${i}.db`);
      await backupDatabase(`file:${server.databaseFile}`, file);
      copies.push(file);
    }
    const written = await writer.stop();
    expect(written).toBeGreaterThan(0);
    for (const file of copies) {
      const result = check(file);
      expect(result.integrity).toBe("ok");
      expect(result.responses).toBeGreaterThan(0);
    }
  });

  it("runs as `npm run backup -- <file>` and refuses to overwrite a file", async () => {
    const file = path.join(server.dataDir, "cli-backup.db");
    const run = async (target: string) => {
      const result = await runCommand("backup", [target], { DATABASE_URL: `file:${server.databaseFile}`, DEMO: "off" });
      return { code: result.code, out: result.stdout + result.stderr };
    };
    const first = await run(file);
    expect(first.out).toContain("integrity_check ok");
    expect(first.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    const again = await run(file);
    expect(again.code).toBe(2);
    expect(again.out).toContain("already exists: a backup requires a new file");
  });
  it("refuses a PostgreSQL DATABASE_URL with a pointer to pg_dump, without touching it", async () => {
    const result = await runCommand("backup", [path.join(server.dataDir, "never.db")], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", DEMO: "off" });
    const out = { code: result.code, out: result.stdout + result.stderr };
    expect(out.code).toBe(2);
    expect(out.out).toContain("DATABASE_URL names a PostgreSQL database: back it up with PostgreSQL's own tools (pg_dump");
    expect(fs.existsSync(path.join(server.dataDir, "never.db"))).toBe(false);
  });
});
