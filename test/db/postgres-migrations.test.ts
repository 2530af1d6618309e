import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../helpers/postgres";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const folder = path.resolve(import.meta.dirname, "../../db/migrations-pg");
const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
const migrationSql = () => journal.entries.map((e) => fs.readFileSync(path.join(folder, `${e.tag}.sql`), "utf8").replaceAll("--> statement-breakpoint", "")).join("\n");

describe("PostgreSQL migrations on a real server", () => {
  it("create every table of the schema and enforce its constraints", () => {
    const url = pg.createDatabase("migrations");
    const db = url.split("/").pop()!;
    pg.psql(migrationSql(), db);
    const tables = pg.psql("select tablename from pg_tables where schemaname = 'public' order by 1", db).trim().split("\n");
    expect(tables).toContain("responses");
    expect(tables).toContain("quotas");
    expect(tables).toHaveLength(25);

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
});
