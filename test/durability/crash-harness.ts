import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";

/**
 * Crash harness: drives the production server with concurrent respondents, kills it with
 * SIGKILL at seeded random moments, restarts it on the same SQLite file, and records every
 * request the server acknowledged (HTTP 200 with `ok: true`). `verifyDatabase` then checks that
 * each acknowledged submission survived.
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
  databaseFile: string;
  kills: number;
  requests: number;
  /** Requests that got no complete answer (connection refused or cut by a kill): expected. */
  connectionErrors: number;
  /** Answers other than 200 `ok: true`: the harness only sends valid requests, so none expected. */
  unexpectedAnswers: string[];
  ledger: Ledger;
  verdict: Verdict;
  durationMs: number;
}

export interface Verdict {
  /** Acknowledged completions with no stored row. */
  lostCompletions: string[];
  /** Acknowledged completions stored but not complete, or with missing or wrong ratings/weights. */
  damagedCompletions: string[];
  /** Acknowledged drafts stored with an older seq, or the same seq with other answers. */
  damagedDrafts: string[];
  /** `PRAGMA integrity_check`: "ok" when the file is sound. */
  integrity: string;
  /** Rows `PRAGMA foreign_key_check` reports. */
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

async function post(url: string, body: unknown): Promise<Answer | null> {
  try {
    const res = await fetch(`${url}/s/demo/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT },
      body: JSON.stringify(body),
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

/**
 * Runs the harness: `kills` rounds of start, load, SIGKILL on one database file, then one last
 * start (the server must come up on the crashed file and answer /healthz), a graceful stop,
 * and the check of the file against what was acknowledged.
 */
export async function runCrashTest(options: CrashRunOptions): Promise<CrashReport> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-crash-"));
  const databaseFile = path.join(dir, "valuemap.db");
  const random = seededRandom(options.seed);
  const ledger: Ledger = { completions: new Set(), drafts: new Map(), completionsSent: new Set() };
  const availability = new Availability();
  const unexpectedAnswers: string[] = [];
  let requests = 0;
  let connectionErrors = 0;

  /** Sends one request; true when the server acknowledged it. */
  async function send(body: { intent: string; responseId: string; [field: string]: unknown }): Promise<boolean> {
    const url = await availability.next();
    if (url === null) return false;
    requests++;
    const answer = await post(url, body);
    if (answer === null) {
      connectionErrors++;
      return false;
    }
    if (answer.status === 200 && answer.body?.ok === true) return true;
    unexpectedAnswers.push(`${body.intent} ${body.responseId}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return false;
  }

  /** One respondent after another: a few drafts with increasing seq, then (usually) a completion. */
  async function client(index: number) {
    const rand = seededRandom(options.seed * 7919 + index);
    for (let n = 0; ; n++) {
      if ((await availability.next()) === null) return;
      const id = `crash-${options.seed}-${index}-${n}`;
      const drafts = Math.floor(rand() * 4);
      for (let seq = 1; seq <= drafts; seq++) {
        const answers = draftAnswers(id, seq);
        if (await send({ intent: "draft", responseId: id, seq, pageNo: seq, answers })) {
          ledger.drafts.set(id, { seq, answers });
        }
      }
      if (rand() < 0.75) {
        ledger.completionsSent.add(id);
        if (await send({ intent: "complete", responseId: id, answers: demoAnswers() })) ledger.completions.add(id);
      }
    }
  }

  const clients = Array.from({ length: options.clients }, (_, i) => client(i));
  let server: AppServer | null = null;
  try {
    for (let k = 0; k < options.kills; k++) {
      server = await startAppServer(options.env ?? {}, { databaseFile });
      availability.up(server.url);
      const [min, max] = options.uptimeMs;
      await sleep(min + random() * (max - min));
      availability.down();
      const exited = new Promise((r) => server!.process.once("exit", r));
      server.process.kill("SIGKILL");
      await exited;
      server = null;
    }
    availability.finish();
    await Promise.all(clients);
    // The server must come up on the crashed file and answer its health check.
    server = await startAppServer(options.env ?? {}, { databaseFile });
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    if (health.status !== 200) unexpectedAnswers.push(`healthz after the last restart: HTTP ${health.status}`);
    await server.stop();
    server = null;
  } finally {
    availability.finish();
    if (server && server.process.exitCode === null && server.process.signalCode === null) server.process.kill("SIGKILL");
  }
  const verdict = verifyDatabase(databaseFile, ledger);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    databaseFile,
    kills: options.kills,
    requests,
    connectionErrors,
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

/** Checks a database file against what the server acknowledged (the file is opened, not changed). */
export function verifyDatabase(databaseFile: string, ledger: Ledger): Verdict {
  const db = new Database(databaseFile);
  try {
    const integrity = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
    const foreignKeyViolations = (db.pragma("foreign_key_check") as unknown[]).length;
    const byClientId = db.prepare("select id, status, seq, answers_json from responses where client_id = ?");
    const countByClientId = db.prepare("select count(*) as n from responses where client_id = ?").pluck();
    const ratingsOf = db.prepare("select offer_code, attribute_code, score from response_ratings where response_id = ?");
    const weightsOf = db.prepare("select count(*) from response_weights where response_id = ?").pluck();
    const expected = expectedRatings();

    const lostCompletions: string[] = [];
    const damagedCompletions: string[] = [];
    for (const id of ledger.completions) {
      const row = byClientId.get(id) as { id: number; status: string } | undefined;
      if (!row) {
        lostCompletions.push(id);
        continue;
      }
      const copies = countByClientId.get(id) as number;
      if (copies !== 1) damagedCompletions.push(`completion ${id} stored ${copies} times`);
      if (row.status !== "complete") damagedCompletions.push(`completion ${id} stored with status ${row.status}`);
      const ratings = ratingsOf.all(row.id) as Array<{ offer_code: string; attribute_code: string; score: number }>;
      const wrong = ratings.filter((r) => expected.get(`${r.offer_code}/${r.attribute_code}`) !== r.score);
      if (ratings.length !== expected.size || wrong.length) {
        damagedCompletions.push(`completion ${id} has ${ratings.length} ratings (${wrong.length} wrong), expected ${expected.size}`);
      }
      const weights = weightsOf.get(row.id) as number;
      if (weights !== 8) damagedCompletions.push(`completion ${id} has ${weights} weights, expected 8`);
    }

    const damagedDrafts: string[] = [];
    for (const [id, acked] of ledger.drafts) {
      const row = byClientId.get(id) as { status: string; seq: number; answers_json: string } | undefined;
      if (!row) {
        damagedDrafts.push(`draft ${id} seq ${acked.seq} lost`);
        continue;
      }
      if (row.seq < acked.seq) damagedDrafts.push(`draft ${id} stored seq ${row.seq} < acknowledged ${acked.seq}`);
      const completed = row.status !== "draft" && ledger.completionsSent.has(id);
      if (row.seq === acked.seq && !completed && row.answers_json !== JSON.stringify(acked.answers)) {
        damagedDrafts.push(`draft ${id} seq ${acked.seq} stored other answers: ${row.answers_json}`);
      }
    }
    return { lostCompletions, damagedCompletions, damagedDrafts, integrity, foreignKeyViolations };
  } finally {
    db.close();
  }
}
