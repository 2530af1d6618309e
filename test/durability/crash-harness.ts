import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { openPostgresDatabase } from "../../db/client-postgres";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer, type StartOptions } from "../helpers/app-server";
import { asPageSends, openRespondentPage, type RespondentPage } from "../helpers/respondent-browser";
import { TEST_ENGINE } from "../helpers/engine";
import { startPostgres } from "../helpers/postgres";

/**
 * Crash harness: drives the production server with concurrent respondents, kills it with
 * SIGKILL at seeded random moments, restarts it on the same database (the SQLite file, or the
 * PostgreSQL database on the test project of that engine), and records every request the server
 * acknowledged (HTTP 200 with `ok: true`). `verifyDatabase` then checks that each acknowledged
 * submission survived. On PostgreSQL the database server itself is killed too (kill -9 of the
 * postmaster and its processes, under load, then started again: crash recovery), in some rounds
 * alone (the app keeps running and must serve again once it is back), in others with the app.
 */

export interface CrashRunOptions {
  /** Seed of every random choice the harness makes (kill moments, respondents' paths). */
  seed: number;
  /** How many times the server is killed with SIGKILL (it is restarted after each). */
  kills: number;
  /** Concurrent clients. */
  clients: number;
  /** Time the server runs under load before each kill: uniform in [min, max] milliseconds. */
  uptimeMs: [min: number, max: number];
  /** Extra environment for the server (the broken mode's flags). */
  env?: Record<string, string>;
}

/** What the clients were told was stored. */
export interface Ledger {
  /** Response ids whose completion was acknowledged. */
  completions: Set<string>;
  /** Highest acknowledged draft per response id, with the answers it carried. */
  drafts: Map<string, { seq: number; answers: Record<string, unknown> }>;
  /** Response ids a completion was sent for (acknowledged or not: it may have committed). */
  completionsSent: Set<string>;
}

export interface CrashReport {
  /** The SQLite file or the PostgreSQL database's URL the server ran on (removed after the check). */
  database: string;
  kills: number;
  requests: number;
  /** Requests that got no complete answer (connection refused or cut by a kill): expected. */
  connectionErrors: number;
  /** PostgreSQL: times the database server was killed with SIGKILL (and started again); 0 on SQLite. */
  databaseKills: number;
  /**
   * Answers 5xx while the database server was down or just back (requests under way when it was
   * killed): not acknowledged, so expected; any other 5xx is an unexpected answer.
   */
  databaseOutageAnswers: number;
  /** Answers other than 200 `ok: true`: the harness only sends valid requests, so none expected. */
  unexpectedAnswers: string[];
  ledger: Ledger;
  verdict: Verdict;
  durationMs: number;
}

export interface Verdict {
  /**
   * Acknowledged completions not stored: no row, or still the draft its start made (a response
   * is started before it is completed, so a lost completion leaves the draft behind).
   */
  lostCompletions: string[];
  /** Acknowledged completions stored but not complete, or with missing or wrong ratings/weights. */
  damagedCompletions: string[];
  /** Acknowledged drafts stored with an older seq, or the same seq with other answers. */
  damagedDrafts: string[];
  /**
   * "ok" when the stored data is sound. SQLite: `PRAGMA integrity_check` on the file. PostgreSQL:
   * amcheck on every table and index of the schema (`verify_heapam`, `bt_index_check` with
   * every heap tuple looked up in its index).
   */
  integrity: string;
  /**
   * Rows whose reference points nowhere. SQLite: `PRAGMA foreign_key_check`. PostgreSQL: an
   * anti-join per declared foreign key (the constraints hold by construction there; the count
   * checks what was committed, not what the catalog promises).
   */
  foreignKeyViolations: number;
}

/** Every problem of a verdict as one line each; empty when nothing acknowledged was lost. */
export function problemsOf(verdict: Verdict): string[] {
  return [
    ...verdict.lostCompletions.map((id) => `lost completion ${id}`),
    ...verdict.damagedCompletions,
    ...verdict.damagedDrafts,
    ...(verdict.integrity === "ok" ? [] : [`integrity_check: ${verdict.integrity}`]),
    ...(verdict.foreignKeyViolations ? [`${verdict.foreignKeyViolations} foreign key violations`] : []),
  ];
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load test's server settings: every respondent comes from one phone per client (the
 * per-device cap, an operator setting, is off; the request limit, the per-address cap and the
 * speed floor are off on every test server).
 */
const CRASH_ENV = { RESPONDENT_COMPLETIONS_PER_DEVICE: "0" };

/** The answers a draft carries: derived from id and seq so the check knows what to expect. */
export function draftAnswers(id: string, seq: number): Record<string, unknown> {
  return { known_offers: ["aster", "birch"], quality_share: seq % 101, note: `${id}#${seq}`, 名前: "草稿" };
}

/** Server availability shared by the clients: they wait while it is down. */
class Availability {
  private url: string | null = null;
  private waiters: Array<(url: string | null) => void> = [];
  private finished = false;

  up(url: string) {
    this.url = url;
    for (const w of this.waiters.splice(0)) w(url);
  }
  down() {
    this.url = null;
  }
  finish() {
    this.finished = true;
    this.url = null;
    for (const w of this.waiters.splice(0)) w(null);
  }
  /** The live server's URL, waiting for a restart if needed; null once the run is over. */
  next(): Promise<string | null> {
    if (this.finished) return Promise.resolve(null);
    if (this.url) return Promise.resolve(this.url);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

interface Answer {
  status: number;
  body: { ok?: unknown; error?: unknown } | null;
}

async function post(url: string, body: unknown, page: RespondentPage): Promise<Answer | null> {
  try {
    const res = await fetch(`${url}/s/demo/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT, Cookie: page.cookie },
      body: JSON.stringify(asPageSends(page, body as Record<string, unknown>)),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: Answer["body"] = null;
    try {
      parsed = JSON.parse(text) as Answer["body"];
    } catch {
      /* not JSON: reported as unexpected below */
    }
    return { status: res.status, body: parsed };
  } catch {
    return null; // refused, reset or cut by a kill: not acknowledged
  }
}

/** The database every restart of one crash run uses, of the engine under test. */
interface CrashDatabase {
  /** The file path or the URL. */
  name: string;
  /** PostgreSQL: kill -9 of the database server, and starting it again (absent on SQLite). */
  server?: { crash: () => void; restart: () => void };
  /** startAppServer's option that restarts the server on this database. */
  start: StartOptions;
  /** A connection for the check (opened after the last stop). */
  open(): Promise<Db>;
  remove(): void;
}

async function crashDatabase(): Promise<CrashDatabase> {
  if (TEST_ENGINE === "postgres") {
    // A server of this run's own (not the project's shared one: it gets killed), with fsync on as
    // in production.
    const server = await startPostgres({ fsync: true });
    const url = server.createDatabase("valuemap_crash");
    return { name: url, server, start: { databaseUrl: url }, open: () => openPostgresDatabase({ url, max: 2 }), remove: () => server.stop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-crash-"));
  const file = path.join(dir, "valuemap.db");
  return {
    name: file,
    start: { databaseFile: file },
    open: () => Promise.resolve(openDatabase({ url: file })),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs the harness: `kills` rounds of start, load, SIGKILL on one database, then one last
 * start (the server must come up on the crashed database and answer /healthz), a graceful stop,
 * and the check of the database against what was acknowledged.
 */
export async function runCrashTest(options: CrashRunOptions): Promise<CrashReport> {
  const started = Date.now();
  const database = await crashDatabase();
  const random = seededRandom(options.seed);
  const ledger: Ledger = { completions: new Set(), drafts: new Map(), completionsSent: new Set() };
  const availability = new Availability();
  const unexpectedAnswers: string[] = [];
  let requests = 0;
  let connectionErrors = 0;
  let databaseKills = 0;
  let databaseOutageAnswers = 0;
  /** When the database server was killed and when it was back (+ a grace period); `end` Infinity while down. */
  const outages: Array<{ start: number; end: number }> = [];
  const OUTAGE_GRACE_MS = 3_000;
  const duringOutage = (from: number, to: number) => outages.some((o) => from <= o.end && to >= o.start);

  /**
   * Opens the questionnaire page as a new phone does (device cookie, page proof); null when the
   * server is down or cut by a kill.
   */
  async function open(): Promise<RespondentPage | null> {
    const url = await availability.next();
    if (url === null) return null;
    requests++;
    try {
      const page = await openRespondentPage(url, "demo");
      if (page.status === 200 && page.proof) return page;
    } catch {
      /* refused or cut by a kill */
    }
    connectionErrors++;
    return null;
  }

  /** Sends one request as the page does; true when the server acknowledged it. */
  async function send(page: RespondentPage, body: { intent: string; responseId: string; [field: string]: unknown }): Promise<boolean> {
    const url = await availability.next();
    if (url === null) return false;
    requests++;
    const sentAt = Date.now();
    const answer = await post(url, body, page);
    if (answer === null) {
      connectionErrors++;
      return false;
    }
    if (answer.status === 200 && answer.body?.ok === true) return true;
    if (answer.status >= 500 && duringOutage(sentAt, Date.now())) {
      databaseOutageAnswers++;
      return false;
    }
    unexpectedAnswers.push(`${body.intent} ${body.responseId}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return false;
  }

  /**
   * One respondent after another on one phone, as a browser does it: the client opens the page
   * once (device cookie, page proof; again after a failed open), then each respondent starts,
   * saves a few drafts with increasing seq and (usually) completes. The server runs with the
   * per-device cap off (CRASH_ENV): one phone sends them all, as fast as it can.
   */
  async function client(index: number) {
    const rand = seededRandom(options.seed * 7919 + index);
    let page: RespondentPage | null = null;
    for (let n = 0; ; n++) {
      if ((await availability.next()) === null) return;
      const id = `crash-${options.seed}-${index}-${n}`;
      const drafts = Math.floor(rand() * 4);
      const completes = rand() < 0.75;
      page ??= await open();
      if (page === null || !(await send(page, { intent: "start", responseId: id }))) continue;
      for (let seq = 1; seq <= drafts; seq++) {
        const answers = draftAnswers(id, seq);
        if (await send(page, { intent: "draft", responseId: id, seq, pageNo: seq, answers })) {
          ledger.drafts.set(id, { seq, answers });
        }
      }
      if (completes) {
        ledger.completionsSent.add(id);
        if (await send(page, { intent: "complete", responseId: id, answers: demoAnswers() })) ledger.completions.add(id);
      }
    }
  }

  const clients = Array.from({ length: options.clients }, (_, i) => client(i));
  let server: AppServer | null = null;
  try {
    for (let k = 0; k < options.kills; k++) {
      server = await startAppServer({ ...CRASH_ENV, ...options.env }, database.start);
      availability.up(server.url);
      const [min, max] = options.uptimeMs;
      await sleep(min + random() * (max - min));
      // PostgreSQL: in a third of the rounds the database server is killed under load and started
      // again while the app runs on (its pool must reconnect and serve again; the app is killed at
      // the end of the round), in a third both are killed at once, in a third only the app (as on
      // SQLite).
      const target = database.server ? (["database", "both", "app"] as const)[Math.floor(random() * 3)]! : "app";
      if (target !== "app") {
        const outage = { start: Date.now(), end: Number.POSITIVE_INFINITY };
        outages.push(outage);
        database.server!.crash();
        databaseKills++;
        if (target === "database") {
          await sleep(random() * 500);
          database.server!.restart();
          outage.end = Date.now() + OUTAGE_GRACE_MS;
          // Under load again until the next kill: the app's pool reconnects by itself.
          await sleep(min + random() * (max - min));
        }
      }
      availability.down();
      // The app must not die by itself (a database server killed under it is not a reason to).
      if (server.process.exitCode !== null || server.process.signalCode !== null) {
        unexpectedAnswers.push(`the app exited by itself (${server.process.exitCode ?? server.process.signalCode}): ${server.output().slice(-1500)}`);
      } else {
        const exited = new Promise((r) => server!.process.once("exit", r));
        server.process.kill("SIGKILL");
        await exited;
      }
      server = null;
      if (target === "both") {
        database.server!.restart();
        outages.at(-1)!.end = Date.now() + OUTAGE_GRACE_MS;
      }
    }
    availability.finish();
    await Promise.all(clients);
    // The server must come up on the crashed database and answer its health check.
    server = await startAppServer({ ...CRASH_ENV, ...options.env }, database.start);
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    if (health.status !== 200) unexpectedAnswers.push(`healthz after the last restart: HTTP ${health.status}`);
    await server.stop();
    server = null;
  } finally {
    availability.finish();
    if (server && server.process.exitCode === null && server.process.signalCode === null) server.process.kill("SIGKILL");
  }
  let verdict: Verdict;
  try {
    const db = await database.open();
    try {
      verdict = await verifyDatabase(db, ledger);
    } finally {
      await db.close();
    }
  } finally {
    database.remove();
  }
  return {
    database: database.name,
    kills: options.kills,
    requests,
    connectionErrors,
    databaseKills,
    databaseOutageAnswers,
    unexpectedAnswers,
    ledger,
    verdict,
    durationMs: Date.now() - started,
  };
}

/** The 16 ratings demoAnswers() gives, as `offer/attribute` -> score. */
function expectedRatings(): Map<string, number> {
  const answers = demoAnswers();
  const known = answers.known_offers as string[];
  const ratings = new Map<string, number>();
  for (const [name, value] of Object.entries(answers)) {
    const match = /^rating_([a-z]+)_([a-z]+)$/.exec(name);
    if (match && known.includes(match[1]!)) ratings.set(`${match[1]}/${match[2]}`, value as number);
  }
  return ratings;
}

/**
 * Checks the database against what the server acknowledged, through a Db of either engine
 * (engine-neutral SQL; the soundness checks are each engine's own).
 */
export async function verifyDatabase(db: Db, ledger: Ledger): Promise<Verdict> {
  const { integrity, foreignKeyViolations } = db.engine === "sqlite" ? sqliteSoundness(db) : await postgresSoundness(db);
  const byClientId = async (id: string) =>
    await db.rows<{ id: number; status: string; seq: number; answersJson: string }>(
      sql`select id, status, seq, answers_json as "answersJson" from responses where client_id = ${id}`,
    );
  const expected = expectedRatings();

  const lostCompletions: string[] = [];
  const damagedCompletions: string[] = [];
  for (const id of ledger.completions) {
    const rows = await byClientId(id);
    const row = rows[0];
    if (!row || (rows.length === 1 && row.status === "draft")) {
      lostCompletions.push(id);
      continue;
    }
    if (rows.length !== 1) damagedCompletions.push(`completion ${id} stored ${rows.length} times`);
    if (row.status !== "complete") damagedCompletions.push(`completion ${id} stored with status ${row.status}`);
    const ratings = await db.rows<{ offer: string; attribute: string; score: number }>(
      sql`select offer_code as "offer", attribute_code as "attribute", score from response_ratings where response_id = ${row.id}`,
    );
    const wrong = ratings.filter((r) => expected.get(`${r.offer}/${r.attribute}`) !== r.score);
    if (ratings.length !== expected.size || wrong.length) {
      damagedCompletions.push(`completion ${id} has ${ratings.length} ratings (${wrong.length} wrong), expected ${expected.size}`);
    }
    const [weights] = await db.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from response_weights where response_id = ${row.id}`);
    if (weights?.n !== 8) damagedCompletions.push(`completion ${id} has ${weights?.n} weights, expected 8`);
  }

  const damagedDrafts: string[] = [];
  for (const [id, acked] of ledger.drafts) {
    const [row] = await byClientId(id);
    if (!row) {
      damagedDrafts.push(`draft ${id} seq ${acked.seq} lost`);
      continue;
    }
    if (row.seq < acked.seq) damagedDrafts.push(`draft ${id} stored seq ${row.seq} < acknowledged ${acked.seq}`);
    const completed = row.status !== "draft" && ledger.completionsSent.has(id);
    if (row.seq === acked.seq && !completed && row.answersJson !== JSON.stringify(acked.answers)) {
      damagedDrafts.push(`draft ${id} seq ${acked.seq} stored other answers: ${row.answersJson}`);
    }
  }
  return { lostCompletions, damagedCompletions, damagedDrafts, integrity, foreignKeyViolations };
}

/** SQLite: the file's own checks. */
function sqliteSoundness(db: Db): { integrity: string; foreignKeyViolations: number } {
  const sqlite = db.sqlite!;
  const integrity = (sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
  return { integrity, foreignKeyViolations: (sqlite.pragma("foreign_key_check") as unknown[]).length };
}

/**
 * PostgreSQL: amcheck over the schema's tables (heap pages and tuples) and btree indexes (every
 * heap tuple found in each index), and an anti-join per declared foreign key.
 */
async function postgresSoundness(db: Db): Promise<{ integrity: string; foreignKeyViolations: number }> {
  const problems: string[] = [];
  await db.run(sql`create extension if not exists amcheck`);
  const tables = await db.rows<{ name: string }>(
    sql`select c.oid::regclass::text as "name" from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`,
  );
  for (const { name } of tables) {
    const corrupt = await db.rows<{ msg: string }>(sql`select msg from verify_heapam(relation => ${name}::regclass)`);
    problems.push(...corrupt.map((c) => `${name}: ${c.msg}`));
  }
  const indexes = await db.rows<{ name: string }>(
    sql`select c.oid::regclass::text as "name" from pg_class c join pg_am am on am.oid = c.relam
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'i' and am.amname = 'btree' order by 1`,
  );
  for (const { name } of indexes) {
    try {
      await db.rows(sql`select bt_index_check(index => ${name}::regclass, heapallindexed => true)`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (tables.length === 0 || indexes.length === 0) problems.push("no tables or indexes found to check");
  const keys = await db.rows<{ name: string; child: string; parent: string; childColumns: string[]; parentColumns: string[] }>(
    sql`select con.conname as "name", con.conrelid::regclass::text as "child", con.confrelid::regclass::text as "parent",
          array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as "childColumns",
          array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as "parentColumns"
        from pg_constraint con where con.contype = 'f' and con.connamespace = 'public'::regnamespace order by 1`,
  );
  let foreignKeyViolations = 0;
  for (const key of keys) {
    const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
    const present = key.childColumns.map((c) => `c.${quote(c)} is not null`).join(" and ");
    const matches = key.childColumns.map((c, i) => `p.${quote(key.parentColumns[i]!)} = c.${quote(c)}`).join(" and ");
    const [row] = await db.rows<{ n: number }>(
      sql.raw(`select cast(count(*) as integer) as "n" from ${key.child} c where ${present} and not exists (select 1 from ${key.parent} p where ${matches})`),
    );
    foreignKeyViolations += row?.n ?? 0;
  }
  if (keys.length === 0) problems.push("no foreign keys found to check");
  return { integrity: problems.length ? problems.join("; ") : "ok", foreignKeyViolations };
}
