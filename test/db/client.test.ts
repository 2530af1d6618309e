import path from "node:path";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { defaultMigrationsFolder, openDatabase } from "../../db/client";
import { createTempDb, makeTempDir } from "../helpers/temp-db";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freshFile(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, "db.sqlite");
}

describe("openDatabase", () => {
  it("applies the migrations to a fresh file: every table of the schema exists", async () => {
    const { db, cleanup } = await createTempDb();
    try {
      const tables = db.sqlite!
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .pluck()
        .all();
      expect(tables).toEqual([
        "__drizzle_migrations",
        "api_tokens",
        "attributes",
        "audit_events",
        "customer_imports",
        "customer_settings",
        "customer_transactions",
        "firm_functions",
        "key_events",
        "market_shares",
        "offers",
        "panel_redirects",
        "password_resets",
        "profile_questions",
        "questionnaires",
        "quotas",
        "rate_limit_windows",
        "respondent_invitations",
        "response_designs",
        "response_feed",
        "response_gabor_granger",
        "response_maxdiff",
        "response_offers",
        "response_prices",
        "response_profile",
        "response_ratings",
        "response_suggestions",
        "response_weights",
        "responses",
        "scenarios",
        "security_events",
        "sessions",
        "share_links",
        "sign_in_failures",
        "studies",
        "study_invitations",
        "study_members",
        "study_methods",
        "users",
        "webhook_attempts",
        "webhook_deliveries",
        "webhook_endpoints",
        "what_who_cells",
      ]);
    } finally {
      await cleanup();
    }
  });

  it("records each committed migration once, also after reopening", () => {
    const file = freshFile();
    openDatabase({ url: file }).sqlite!.close();
    const db = openDatabase({ url: file });
    try {
      const journal = JSON.parse(fs.readFileSync(path.join(defaultMigrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] };
      expect(journal.entries.length).toBeGreaterThan(1);
      expect(db.sqlite!.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    } finally {
      db.sqlite!.close();
    }
  });

  it("uses WAL journal mode", async () => {
    const { db, cleanup } = await createTempDb();
    try {
      expect(db.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      await cleanup();
    }
  });

  it("turns foreign keys on", async () => {
    const { db, cleanup } = await createTempDb();
    try {
      expect(db.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it("sets synchronous FULL (2) by default", async () => {
    const { db, cleanup } = await createTempDb();
    try {
      expect(db.sqlite!.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      await cleanup();
    }
  });

  it("sets synchronous NORMAL (1) when asked", async () => {
    const { db, cleanup } = await createTempDb({ synchronous: "NORMAL" });
    try {
      expect(db.sqlite!.pragma("synchronous", { simple: true })).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it("keeps synchronous FULL when the same WAL file is reopened", () => {
    const file = freshFile();
    openDatabase({ url: file }).sqlite!.close();
    const db = openDatabase({ url: file });
    try {
      expect(db.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.sqlite!.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      db.sqlite!.close();
    }
  });

  it("keeps synchronous NORMAL when a FULL file is reopened asking for NORMAL", () => {
    const file = freshFile();
    openDatabase({ url: file }).sqlite!.close();
    const db = openDatabase({ url: file, synchronous: "NORMAL" });
    try {
      expect(db.sqlite!.pragma("synchronous", { simple: true })).toBe(1);
    } finally {
      db.sqlite!.close();
    }
  });

  it("accepts a file: URL", () => {
    const file = freshFile();
    const db = openDatabase({ url: `file:${file}` });
    try {
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      db.sqlite!.close();
    }
  });
});
