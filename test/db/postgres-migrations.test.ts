import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as pgSchema from "../../db/schema.pg";
import { startPostgres, type PostgresServer } from "../helpers/postgres";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const folder = path.resolve(import.meta.dirname, "../../db/migrations-pg");
const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
const migrationSql = (from = 0, to = journal.entries.length) =>
  journal.entries
    .slice(from, to)
    .map((e) => fs.readFileSync(path.join(folder, `${e.tag}.sql`), "utf8").replaceAll("--> statement-breakpoint", ""))
    .join("\n");
const tagIndex = (tag: string) => journal.entries.findIndex((e) => e.tag === tag);

describe("PostgreSQL migrations on a real server", () => {
  it("create every table of the schema and enforce its constraints", () => {
    const url = pg.createDatabase("migrations");
    const db = url.split("/").pop()!;
    pg.psql(migrationSql(), db);
    const tables = pg.psql("select tablename from pg_tables where schemaname = 'public' order by 1", db).trim().split("\n");
    expect(tables).toContain("responses");
    expect(tables).toContain("quotas");
    expect(tables).toHaveLength(Object.values(pgSchema).filter((value) => is(value, PgTable)).length);

    pg.psql(
      `insert into users (email, password_hash, created_at) values ('a@example.com', 'x', 1);
       insert into studies (owner_id, title, public_token, created_at, updated_at) values (1, 'S', 'tok', 1, 1);
       insert into offers (study_id, code, name, is_own) values (1, 'aster', 'Aster', true);`,
      db,
    );
    // One own offer per study (partial unique index), codes start with a letter, quotas >= 1.
    expect(() => pg.psql("insert into offers (study_id, code, name, is_own) values (1, 'birch', 'Birch', true)", db)).toThrow(/offers_one_own_uq/);
    expect(() => pg.psql("insert into offers (study_id, code, name, is_own) values (1, '9lives', 'Nine', false)", db)).toThrow(/offers_code_ck/);
    expect(() => pg.psql("insert into quotas (study_id, question_code, value, target) values (1, 'segment', 'home', 0)", db)).toThrow(/quotas_target_ck/);
    // Epoch milliseconds fit (bigint), and deleting the study cascades to its offers.
    pg.psql("update studies set updated_at = 1795431436141 where id = 1", db);
    pg.psql("delete from studies where id = 1", db);
    expect(pg.psql("select count(*) from offers", db).trim()).toBe("0");
  });

  // 0002: a rated attribute can have no direction (10 = best; for price, most satisfied). Every
  // attribute that had "lower" gets one audit event, written before the column goes.
  it("resets every 'lower' attribute with an audit event when 0002 drops the direction", () => {
    const url = pg.createDatabase("direction");
    const db = url.split("/").pop()!;
    const drop = tagIndex("0002_drop_attribute_direction");
    expect(drop).toBeGreaterThan(0);
    pg.psql(migrationSql(0, drop), db);
    pg.psql(
      `insert into users (email, password_hash, created_at) values ('a@example.com', 'x', 1);
       insert into studies (owner_id, title, public_token, created_at, updated_at) values (1, 'Coffee', 'tok-1', 1, 1), (1, 'Kettles', 'tok-2', 1, 1);
       insert into attributes (study_id, code, kind, name, direction, sort) values
         (1, 'taste', 'quality', 'Taste', 'higher', 1), (1, 'running', 'price', 'Running cost', 'lower', 2),
         (1, 'waiting', 'quality', 'Waiting time', 'lower', 3), (2, 'price', 'price', 'Price', 'higher', 1);`,
      db,
    );
    const before = Date.now();
    pg.psql(migrationSql(drop, drop + 1), db);
    const after = Date.now();

    expect(pg.psql("select column_name from information_schema.columns where table_name = 'attributes' and column_name = 'direction'", db).trim()).toBe("");
    expect(pg.psql("select study_id || ':' || code || ':' || kind from attributes order by id", db).trim().split("\n")).toEqual([
      "1:taste:quality",
      "1:running:price",
      "1:waiting:quality",
      "2:price:price",
    ]);
    const events = pg.psql("select study_id, coalesce(user_id::text, 'null'), actor_email, action, detail, at from audit_events order by id", db).trim().split("\n").map((line) => line.split("|"));
    expect(events.map((e) => e.slice(0, 5))).toEqual([
      ["1", "null", "system (migration)", "resetAttributeDirection", "running (Running cost)"],
      ["1", "null", "system (migration)", "resetAttributeDirection", "waiting (Waiting time)"],
    ]);
    for (const e of events) {
      expect(Number(e[5])).toBeGreaterThanOrEqual(before - 1000);
      expect(Number(e[5])).toBeLessThanOrEqual(after + 1000);
    }
  });
});
