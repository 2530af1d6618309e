import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { copyPlan, copyToPostgres, CopyError, type CopyTable } from "../../db/copy-to-postgres";
import { createPool, defaultPgMigrationsFolder, isPostgresUrl, openPostgres, redactUrl } from "../../db/postgres";
import { users } from "../../db/schema.pg";
import * as sqliteSchema from "../../db/schema";
import { seedDemo } from "../../db/seed-demo";
import { testPostgres, type PostgresServer } from "../helpers/postgres";
import { freePort } from "../helpers/app-server";
import { runCommand } from "../helpers/commands";
import { makeTempDir } from "../helpers/temp-db";

const root = path.resolve(import.meta.dirname, "../..");
const journal = JSON.parse(fs.readFileSync(path.join(root, "db/migrations-pg/meta/_journal.json"), "utf8")) as { entries: unknown[] };

const plan = copyPlan();
/** The tables of db/schema.ts (the copy and a migrated PostgreSQL database hold exactly these). */
const SCHEMA_TABLES = (Object.values(sqliteSchema) as unknown[]).filter((t) => is(t, SQLiteTable)).length;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** A long text with Chinese, emoji, a combining accent and right-to-left script, and no NUL. */
const LONG_TEXT = Array.from({ length: 6000 }, (_, i) => `第${i}行 ☕️🇨🇳 café مرحبا line ${i};`).join("\n");

let server: PostgresServer;
let dir: string;
let sqliteFile: string;
const pools: pg.Pool[] = [];

/**
 * The demo (seedDemo: real queries, real migrations) plus rows in every table the demo leaves
 * empty, both boolean values in every boolean column, an id beyond the demo's, the largest safe
 * integer in a bigint column, price attributes outside the money cost group, a response linked to a personal invitation (declared after
 * `responses` in the schema: the copy order must come from the references), nulls and long text.
 */
async function buildSqlite(file: string): Promise<void> {
  const db = openDatabase({ url: file });
  await seedDemo(db, { passwordHash: (password) => `test-hash:${password}`, now: 1_795_431_436_141 });
  const hex = (c: string) => c.repeat(64);
  db.sqlite!.exec(`
    insert into users (id, email, password_hash, locale, is_admin, created_at)
      values (7, '管理员@valuemap.example', 'x', 'zh-CN', 1, 1795431436141);
    insert into studies (owner_id, title, title_zh, market, market_zh, languages, public_token, fieldwork_opens_at,
        fieldwork_closes_at, one_per_device, stated_weights_json, fair_value_line, fair_value_slope, current_wave, rating_layout, created_at, updated_at)
      values (7, 'Tea ☕️ café', '茶叶研究 🍵', 'Cafe' || char(769) || ' owners', '咖啡馆老板', 'zh-CN', 'second-study-token', 1790000000000,
        1800000000000, 1, '{"qualityShare":60,"weights":{"taste":100}}', 'slope', 1.25, 3, 'attribute', 1795431436141, 1795431436142);
    insert into attributes (study_id, code, kind, name, name_zh, cost_group, sort)
      values ((select max(id) from studies), 'worry', 'price', 'Worry about spoilage', '担心变质', 'psychic', 1);
    update attributes set cost_group = 'time' where study_id = 1 and code = 'terms';
    insert into profile_questions (study_id, code, kind, text, text_zh, choices_json, is_segment, ask_first, sort)
      values (1, 'region', 'text', 'Which city?', '哪个城市？', '[]', 0, 1, 1);
    insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) values ('${hex("a")}', 7, 'csrf-令牌', 1, 2);
    insert into sign_in_failures (email, ip, at) values ('nobody@example.com', '::1', 1795431436141);
    insert into rate_limit_windows (key, window_start, hits) values ('demo' || char(10) || '203.0.113.9', 1795431000000, 3);
    insert into security_events (kind, email, ip, detail, at) values ('signInBurstAccount', 'nobody@example.com', '', '20', 1795431436143);
    insert into study_members (study_id, user_id, role, created_at) values (1, 7, 'viewer', 1795431436141);
    insert into study_invitations (study_id, token_hash, email, role, created_by, created_at, expires_at, accepted_at)
      values (1, '${hex("b")}', 'invitee@example.com', 'editor', 1, 1, 2, null), (1, '${hex("e")}', '李四@example.com', 'viewer', 1, 1, 2, 3);
    insert into audit_events (study_id, user_id, actor_email, action, detail, at)
      values (1, 1, 'demo@valuemap.example', 'publish', '${LONG_TEXT}', 1795431436141), (2, null, 'gone@example.com', 'delete', '', 2);
    insert into quotas (study_id, question_code, value, target) values (1, 'segment', 'home', 40);
    insert into respondent_invitations (study_id, token, label, email, created_at) values (1, 'invite-token-0001-abcdef', '张三', null, 1795431436141);
    update responses set invitation_id = (select max(id) from respondent_invitations), seq = ${MAX_SAFE}
      where id = (select max(id) from responses);
    insert into share_links (study_id, token_hash, created_by, created_at, revoked_at) values (1, '${hex("c")}', null, 1, 2);
    insert into password_resets (user_id, token_hash, created_by, created_at, expires_at, used_at) values (1, '${hex("d")}', 7, 1, 2, null);
    insert into customer_imports (study_id, file_name, mode, row_count, date_order, decimal_separator, created_by, created_at)
      values (1, 'ventes 2025.csv', 'replace', 2, 'day-first', ',', 1, 1795431436141);
    insert into customer_transactions (study_id, import_id, customer_id, date, amount, margin, margin_rate, cost, account)
      values (1, 1, '客户-1', '2025-03-04', 1234.5, 370.35, null, null, 'Acme'), (1, 1, 'C2', '2025-03-05', -12.25, null, 0.3, 8.5, null);
    insert into customer_settings (study_id, analysis_date, discount_rate, retention, cost, horizon_years, default_margin_rate, updated_at)
      values (1, '2025-12-31', 0.08, 0.75, 12.5, 10, 0.3, 1795431436141);
    update respondent_invitations set customer_id = '客户-1' where token = 'invite-token-0001-abcdef';
    insert into api_tokens (user_id, name, scope, token_hash, prefix, created_at, last_used_at, revoked_at) values (7, 'R 脚本', 'write', '${hex("f")}', 'vm_abcdef', 1, 2, null);
    insert into webhook_endpoints (study_id, url, secret, events, created_by, created_at) values (1, 'https://hooks.example.com/vm', 'whsec_x', 'response.completed,quota.full', 1, 1);
    insert into webhook_deliveries (endpoint_id, event, dedupe_key, payload_json, status, attempts, next_attempt_at, lease_until, last_status_code, last_error, replay_of, created_at, delivered_at)
      values (1, 'quota.full', 'quota.full:1:40', '{"id":"x"}', 'failed', 12, ${MAX_SAFE}, null, 503, 'HTTP 503', null, 1, null);
    insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms) values (1, 1, null, 'ECONNREFUSED', 12);
    insert into panel_redirects (study_id, complete_url, screened_out_url, quota_full_url, closed_url, updated_at) values (1, 'https://p.example/c?id={rid}', null, null, null, 1);
    insert into scenarios (study_id, name, changes_json, respond_json, created_by, created_at, updated_by, updated_at)
      values (1, '可靠性 +0.5 ☕️', '[{"offer":"aster","attribute":"reliability","delta":0.5}]', '[{"competitor":"birch","copies":"aster"}]', 1, 1, null, 2);
    insert into study_methods (study_id, focus_group_quality, focus_group_price, rating_quality, rating_price, maxdiff_per_task, price_research,
        price_currency, price_min, price_max, price_likelihoods, price_ladder_json, updated_at)
      values (1, 'points', 'maxdiff', 'maxdiff', 'points', 5, 1, '元', 9.5, 120, 0, '[20,30,40]', 1795431436141),
        ((select max(id) from studies), 'maxdiff', 'points', 'points', 'points', 4, 0, '', null, null, 1, '[]', 2);
    insert into response_designs (response_id, maxdiff_json) values ((select max(id) from responses), '{"quality":[["a","b","c"]]}');
    insert into response_maxdiff (response_id, kind, task, items_json, best, worst)
      values ((select max(id) from responses), 'quality', 1, '["a","b","c"]', 'a', 'c');
    insert into response_prices (response_id, too_cheap, cheap, expensive, too_expensive, likelihood_cheap, likelihood_expensive)
      values ((select max(id) from responses), 10, 20.5, 30, 40, 3, null);
    insert into response_gabor_granger (response_id, price, buy) values ((select max(id) from responses), 30, 1), ((select max(id) from responses), 40, 0);
  `);
  db.sqlite!.close();
}

function sqliteRows(file: string, table: CopyTable): unknown[][] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare(`select ${table.columns.map((c) => `"${c.name}"`).join(", ")} from "${table.name}"`).raw(true).all() as unknown[][];
  } finally {
    sqlite.close();
  }
}

async function postgresRows(pool: pg.Pool, table: CopyTable): Promise<unknown[][]> {
  const { rows } = await pool.query({ text: `select ${table.columns.map((c) => `"${c.name}"`).join(", ")} from "${table.name}"`, rowMode: "array" });
  return rows as unknown[][];
}

/** Booleans as SQLite stores them (0/1), rows in one order on both sides. */
function normalise(rows: unknown[][], table: CopyTable): string[] {
  return rows
    .map((row) => JSON.stringify(row.map((v, i) => (table.columns[i]!.kind === "boolean" && typeof v === "boolean" ? Number(v) : v))))
    .sort();
}

function pool(url: string): pg.Pool {
  const p = createPool(url, 2);
  pools.push(p);
  return p;
}

/** Every table's row count and an md5 of all its rows, to show that nothing changed. */
async function fingerprint(p: pg.Pool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of plan) {
    const { rows } = await p.query(`select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as f from "${t.name}" x`);
    out[t.name] = rows[0].f as string;
  }
  const { rows } = await p.query("select count(*) as n from drizzle.__drizzle_migrations");
  out.migrations = String(rows[0].n);
  return out;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run db:copy-to-postgres -- <args>`: the command compiled by the build. */
function runCli(args: string[]): Promise<Run> {
  return runCommand("copy-to-postgres", args);
}

beforeAll(async () => {
  dir = makeTempDir("valuemap-copy-");
  sqliteFile = path.join(dir, "app.db");
  await buildSqlite(sqliteFile);
  server = await testPostgres();
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the copy plan", () => {
  it("holds every table of the schema, each after the tables it references", () => {
    expect(plan).toHaveLength(SCHEMA_TABLES);
    const position = new Map(plan.map((t, i) => [t.name, i]));
    expect(position.get("respondent_invitations")!).toBeLessThan(position.get("responses")!);
    expect(position.get("users")!).toBeLessThan(position.get("studies")!);
    expect(position.get("firm_functions")!).toBeLessThan(position.get("what_who_cells")!);
    expect(position.get("attributes")!).toBeLessThan(position.get("what_who_cells")!);
  });

  it("the fixture has rows in every table and both true and false in every boolean column", () => {
    for (const table of plan) {
      const rows = sqliteRows(sqliteFile, table);
      expect(rows.length, table.name).toBeGreaterThan(0);
      table.columns.forEach((c, i) => {
        if (c.kind === "boolean") expect(new Set(rows.map((r) => r[i])), `${table.name}.${c.name}`).toEqual(new Set([0, 1]));
      });
    }
  });
});

describe("npm run db:copy-to-postgres", () => {
  let target: string;

  it("copies every row of every table (ids kept, 0/1 as booleans) and prints the per-table counts", async () => {
    target = server.createDatabase("copy_target");
    const run = await runCli([sqliteFile, target]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const p = pool(target);
    for (const table of plan) {
      const lite = sqliteRows(sqliteFile, table);
      const copied = await postgresRows(p, table);
      expect(normalise(copied, table), table.name).toEqual(normalise(lite, table));
      expect(run.stdout).toMatch(new RegExp(`^${table.name} +${lite.length} +${lite.length} +ok$`, "m"));
    }
    expect(run.stdout).toMatch(/counts and checksums match/);
    // Booleans are real booleans, the largest safe integer survived, long text is whole.
    const { rows } = await p.query("select is_admin from users order by id");
    expect(rows.map((r) => r.is_admin)).toEqual([false, true]);
    expect((await p.query("select max(seq) as m from responses")).rows[0].m).toBe(MAX_SAFE);
    expect((await p.query("select detail from audit_events where action = 'publish'")).rows[0].detail).toBe(LONG_TEXT);
  });

  it("moved every identity sequence past the copied ids", async () => {
    const p = pool(target);
    for (const table of plan.filter((t) => t.columns.some((c) => c.name === "id") && t.primaryKey.join() === "id")) {
      const seq = (await p.query(`select pg_get_serial_sequence('"${table.name}"', 'id') as seq`)).rows[0].seq as string;
      expect(seq, table.name).toBeTruthy();
      const { rows } = await p.query(`select last_value, is_called, (select coalesce(max(id), 0) from "${table.name}") as max from ${seq}`);
      expect(rows[0], table.name).toEqual({ last_value: rows[0].max + 1, is_called: false, max: rows[0].max });
    }
    const orm = (await openPostgres({ url: target, max: 1 })).orm;
    pools.push(orm.$client);
    const [added] = await orm.insert(users).values({ email: "new@example.com", passwordHash: "x", createdAt: 1 }).returning();
    expect(added!.id).toBe(8);
  });

  it("refuses a second copy into the now non-empty database and changes nothing", async () => {
    const p = pool(target);
    const before = await fingerprint(p);
    const run = await runCli([sqliteFile, target]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(/already holds rows \([a-z_, ]+ and \d+ more\): the copy goes only into an empty database, nothing was written$/);
    expect(await fingerprint(p)).toEqual(before);
  });

  it("rolls back and leaves the database empty when the copied rows do not match", async () => {
    const url = server.createDatabase("copy_mismatch");
    await (await openPostgres({ url, max: 1 })).pool.end();
    const p = pool(url);
    const empty = await fingerprint(p);
    // A trigger on the server drops one what/who cell: the row counts differ.
    await p.query(`create function drop_one() returns trigger language plpgsql as $$
      begin if new.strength = 1 then return null; end if; return new; end $$`);
    await p.query("create trigger drop_one before insert on what_who_cells for each row execute function drop_one()");
    const counted = await copyToPostgres({ sqliteFile, postgresUrl: url }).catch((e: unknown) => e);
    expect(counted).toBeInstanceOf(CopyError);
    expect((counted as CopyError).message).toMatch(/verification failed \(what_who_cells: 12 vs 9 rows\): rolled back/);
    expect((counted as CopyError).report!.tables.find((t) => t.table === "users")).toMatchObject({ sqliteRows: 2, postgresRows: 2, differs: [] });
    expect(await fingerprint(p)).toEqual(empty);
    // Now it changes a value instead: same counts, the checksum tells.
    await p.query(`create or replace function drop_one() returns trigger language plpgsql as $$
      begin if new.strength = 1 then new.strength := 3; end if; return new; end $$`);
    const summed = await copyToPostgres({ sqliteFile, postgresUrl: url }).catch((e: unknown) => e);
    expect((summed as CopyError).message).toMatch(/what_who_cells: 12 vs 12 rows, sum\(strength\) differ/);
    expect(await fingerprint(p)).toEqual(empty);
    // Sequences untouched: the next user is still id 1.
    await p.query("drop trigger drop_one on what_who_cells");
    expect((await p.query("insert into users (email, password_hash, created_at) values ('a@b', 'x', 1) returning id")).rows[0].id).toBe(1);
  });

  it("copies a database whose tables are empty (a table of booleans with no rows checks as 0 trues on both sides)", async () => {
    const url = server.createDatabase("copy_empty");
    const file = path.join(dir, "empty.db");
    openDatabase({ url: file }).sqlite!.close();
    await copyToPostgres({ sqliteFile: file, postgresUrl: url });
    expect(await fingerprint(pool(url))).toEqual(Object.fromEntries([...plan.map((t) => [t.name, "0:"]), ["migrations", String(journal.entries.length)]]));
  });

  it("refuses values PostgreSQL cannot hold, naming the row, and writes nothing", async () => {
    const url = server.createDatabase("copy_bad_values");
    const file = path.join(dir, "bad.db");
    const db = openDatabase({ url: file });
    db.sqlite!.exec("insert into users (id, email, password_hash, is_admin, created_at) values (3, 'a@example.com', 'x', 2, 1)");
    await expect(copyToPostgres({ sqliteFile: file, postgresUrl: url })).rejects.toThrow(/^users row id=3: is_admin holds "2", not a boolean$/);
    db.sqlite!.exec("update users set is_admin = 1, password_hash = 'x' || char(0) || 'y'");
    await expect(copyToPostgres({ sqliteFile: file, postgresUrl: url })).rejects.toThrow(
      /^users row id=3: password_hash contains a NUL character, which PostgreSQL text cannot hold$/,
    );
    db.sqlite!.close();
    expect(await fingerprint(pool(url))).toEqual(Object.fromEntries([...plan.map((t) => [t.name, "0:"]), ["migrations", String(journal.entries.length)]]));
  });

  it("says in one line what is wrong with the arguments, without a stack trace", async () => {
    const notSqlite = path.join(dir, "notes.txt");
    fs.writeFileSync(notSqlite, "these are not the tables you are looking for\n".repeat(200));
    const closed = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    // A role that may connect but not create anything (PostgreSQL 15: not even in schema public).
    server.psql("do $$ begin create role copy_reader login; exception when duplicate_object then null; end $$");
    const readerUrl = server.createDatabase("copy_no_create").replace("//postgres@", "//copy_reader:pw@");
    const cases: Array<[string[], RegExp]> = [
      [[path.join(dir, "missing.db"), server.createDatabase("copy_unused")], /^copy-to-postgres: SQLite file not found: .*missing\.db$/],
      [[sqliteFile, closed], /^copy-to-postgres: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:\d+\/nowhere: .*ECONNREFUSED/],
      [[notSqlite, server.url], /^copy-to-postgres: cannot read .*notes\.txt as a SQLite database: file is not a database$/],
      [[sqliteFile, "mysql://root@127.0.0.1/valuemap"], /^copy-to-postgres: not a PostgreSQL URL/],
      [[sqliteFile, server.url.replace(/\/postgres$/, "/no_such_database")], /^copy-to-postgres: cannot connect to .*database "no_such_database" does not exist/],
      [[sqliteFile, readerUrl], /^copy-to-postgres: applying the PostgreSQL migrations to postgres:\/\/copy_reader:\*\*\*@.*: permission denied for database copy_no_create/],
      [[sqliteFile], /^usage: npm run db:copy-to-postgres -- <sqlite-file> <postgres-url>/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(" ")).not.toBe(0);
      expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(cases[i]![1]);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }, 90_000);
});

describe("openPostgres", () => {
  it("applies the migrations once when several instances start at once on an empty database", async () => {
    const url = server.createDatabase("open_race");
    const opened = await Promise.all([1, 2, 3, 4].map(() => openPostgres({ url, max: 2 })));
    opened.forEach((o) => pools.push(o.pool));
    const p = opened[0]!.pool;
    expect(Number((await p.query("select count(*) as n from drizzle.__drizzle_migrations")).rows[0].n)).toBe(journal.entries.length);
    expect(Number((await p.query("select count(*) as n from pg_tables where schemaname = 'public'")).rows[0].n)).toBe(SCHEMA_TABLES);
    // And again on the migrated database: nothing to do.
    pools.push((await openPostgres({ url })).pool);
  });

  it("returns int8 and numeric as JS numbers, up to 2^53 - 1, and fails beyond", async () => {
    const url = server.createDatabase("open_types");
    const { orm, pool: p } = await openPostgres({ url, max: 1 });
    pools.push(p);
    await orm.insert(users).values({ email: "a@example.com", passwordHash: "x", createdAt: 1_795_431_436_141 });
    const [row] = await orm.select().from(users);
    expect(row!.createdAt).toBe(1_795_431_436_141);
    const raw = await orm.execute(sql`select count(*) as n, sum(created_at) as total, avg(id) as mean, max(created_at) as latest, ${MAX_SAFE}::int8 as big from users`);
    expect(raw.rows[0]).toEqual({ n: 1, total: 1_795_431_436_141, mean: 1, latest: 1_795_431_436_141, big: MAX_SAFE });
    expect((await p.query("select count(*) as n from users")).rows[0].n).toBe(1);
    await expect(p.query("select 9007199254740992::int8 as too_big")).rejects.toThrow(/beyond ±\(2\^53 − 1\)/);
  });

  it("knows its URLs and finds its migrations", () => {
    expect(isPostgresUrl("postgres://u@h/db")).toBe(true);
    expect(isPostgresUrl("PostgreSQL://u@h/db")).toBe(true);
    expect(isPostgresUrl("file:data/valuemap.db")).toBe(false);
    expect(isPostgresUrl("data/postgres.db")).toBe(false);
    expect(redactUrl("postgres://valuemap:s3cret@db:5432/valuemap")).toBe("postgres://valuemap:***@db:5432/valuemap");
    expect(fs.existsSync(path.join(defaultPgMigrationsFolder(), "meta/_journal.json"))).toBe(true);
  });
});
