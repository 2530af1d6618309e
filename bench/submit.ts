/**
 * Submission benchmark: completed responses per second and p50/p99 latency of
 * POST /s/demo/responses, each response a `start` then a `complete` (a unique responseId per
 * pair, as the page sends them: a phone's User-Agent, the device cookie and the page proof
 * `GET /s/demo` gave, issue 14; the latency is per request) at 16 and 64
 * connections, for the real server (production build under app/server.js) and for a bare
 * node:http + better-sqlite3 server doing the same insert (bench/bare-server.ts), each with
 * synchronous FULL and NORMAL in WAL, the real one with group commit on (SQLITE_GROUP_COMMIT,
 * the default: one COMMIT for the transactions of an event-loop turn) and, at FULL, off (one
 * COMMIT per transaction, as the bare server does); and for the real server on PostgreSQL
 * (DATABASE_URL=postgres://...) with synchronous_commit on (the commit waits for the WAL's
 * fsync, like FULL) and off (like NORMAL: a server crash may lose the last commits). Every run
 * gets a fresh server and database, a short warm-up, then BENCH_SECONDS (default 10) of load
 * from autocannon on 127.0.0.1. On PostgreSQL the baseline is bench/bare-server-postgres.ts:
 * the bare server's completion as one plain node-postgres transaction on the same PostgreSQL.
 *
 * PostgreSQL: the server named by BENCH_POSTGRES_URL (a role that may create databases; one
 * database per run, dropped after), else one the bench starts itself (test/helpers/postgres.ts:
 * Debian's package, a fresh cluster on a free port, fsync on as in production).
 *
 *   npm run bench:submit                    # builds first
 *   BENCH_SECONDS=5 npx tsx bench/submit.ts # a quicker run on the current build
 *   BENCH_ENGINES=postgres npx tsx bench/submit.ts # only the PostgreSQL rows (or sqlite; default both)
 *
 * Each row also gives the CPU milliseconds per completion of the server process, of PostgreSQL's
 * processes (its runs) and of the load generator (autocannon runs in this process and shares the
 * machine's CPUs), and the machine's idle share (bench/process-cpu.ts; Linux /proc, "-" elsewhere).
 * From them the `ceiling` line gives what the machine allows the real server's work: completions/s
 * with every CPU busy at the measured CPU per completion (server + database + load generator),
 * over the bare server's throughput. No split of the same work over threads or processes can pass
 * it (a split adds work); only less CPU per completion, or more CPUs, raises it.
 *
 * The last line printed holds the ratio real / bare (FULL) throughput, the goal being >= 0.5
 * (issue 23's target with group commit: >= 1.5 at 64 connections, p99 < 50 ms), the same ratio
 * with group commit off, and then the ratio of the real server on PostgreSQL to the bare server
 * on the same PostgreSQL (synchronous_commit on; issue 23's target >= 0.5).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import type { Synchronous } from "../db/client";
import { demoAnswers } from "../test/fixtures/answers";
import { startPostgres, type PostgresServer } from "../test/helpers/postgres";
import { cpuSeconds, idleShare, machineTicks, postgresCpuSeconds, procStat } from "./process-cpu";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = [16, 64];

type Kind = "real" | "bare";
type Engine = "sqlite" | "postgres";
/** SQLite's `synchronous` (FULL, NORMAL) or PostgreSQL's `synchronous_commit` (on, off). */
type Durability = Synchronous | "on" | "off";
/** The real server's SQLITE_GROUP_COMMIT; "-" where it does not apply (bare server, PostgreSQL). */
type Group = "on" | "off" | "-";
interface Row {
  kind: Kind;
  engine: Engine;
  synchronous: Durability;
  group: Group;
  connections: number;
  completedPerSecond: number;
  p50: number;
  p99: number;
  acknowledged: number;
  stored: number;
  failures: number;
  /**
   * CPU milliseconds per completion (start + complete) over the measured load, from /proc (null
   * elsewhere): the server process, PostgreSQL's processes (null on SQLite), and this process,
   * which runs autocannon (the load generator shares the machine's CPUs); and the machine's idle
   * share over the same time.
   */
  cpu: { server: number | null; database: number | null; client: number | null; idle: number | null };
}

const ANSWERS_JSON = JSON.stringify(demoAnswers());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Where the PostgreSQL runs' databases are made: BENCH_POSTGRES_URL's server or one of our own. */
interface PostgresTarget {
  /** Server version and settings, for the header. */
  description: string;
  /** A fresh database with this synchronous_commit for the sessions opened on it; its URL. */
  createDatabase(name: string, synchronousCommit: "on" | "off"): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): void;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresTarget(): Promise<PostgresTarget> {
  const given = process.env.BENCH_POSTGRES_URL;
  const own: PostgresServer | null = given ? null : await startPostgres({ fsync: true });
  const url = given ?? own!.url;
  const setting = async (name: string) =>
    withClient(url, async (c) => String((await c.query<Record<string, string>>(`show ${name}`)).rows[0]![name]));
  const version = (await setting("server_version")).split(" ")[0];
  const description =
    `PostgreSQL ${version} (${given ? "BENCH_POSTGRES_URL" : "started by the bench"}, fsync ${await setting("fsync")}, ` +
    `shared_buffers ${await setting("shared_buffers")}), pool of 10 connections per app instance`;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return {
    description,
    async createDatabase(name, synchronousCommit) {
      await withClient(url, async (c) => {
        await c.query(`create database ${quote(name)}`);
        await c.query(`alter database ${quote(name)} set synchronous_commit = ${synchronousCommit}`);
      });
      const at = new URL(url);
      at.pathname = `/${name}`;
      return at.toString();
    },
    async dropDatabase(name) {
      await withClient(url, async (c) => void (await c.query(`drop database if exists ${quote(name)} with (force)`)));
    },
    stop: () => own?.stop(),
  };
}

interface Server {
  url: string;
  pid: number | undefined;
  /** Completions stored under the tag (`<tag>-<n>` client ids). */
  storedCompletions(tag: string): Promise<number>;
  stop(): Promise<void>;
}

let databases = 0;

async function startServer(kind: Kind, engine: Engine, synchronous: Durability, group: Group, postgres: PostgresTarget | null): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-"));
  const databaseFile = path.join(dir, "bench.db");
  const pgName = `valuemap_bench_${process.pid}_${++databases}`;
  const databaseUrl =
    engine === "postgres" ? await postgres!.createDatabase(pgName, synchronous === "off" ? "off" : "on") : `file:${databaseFile}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DB_SYNCHRONOUS: engine === "sqlite" ? synchronous : "FULL",
    SQLITE_GROUP_COMMIT: group === "off" ? "off" : "on",
    SESSION_SECRET: "bench-secret-0123456789abcdef",
    DEMO: "on",
    // Every request comes from 127.0.0.1 for one link and one device: the respondent rate limit
    // and the per-device and per-address completion caps would refuse nearly all of them (the
    // bare server has none). These are operator settings (README, Configuration).
    RESPONDENT_RATE_LIMIT: "0",
    RESPONDENT_COMPLETIONS_PER_DEVICE: "0",
    RESPONDENT_COMPLETIONS_PER_ADDRESS: "0",
  };
  const args =
    kind === "real"
      ? [path.join(root, "app/server.js")]
      : ["--import", "tsx", path.join(root, engine === "postgres" ? "bench/bare-server-postgres.ts" : "bench/bare-server.ts")];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr?.on("data", (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited early:\n${errors}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${kind} server did not start:\n${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    storedCompletions: (tag) =>
      engine === "postgres" ? storedOnPostgres(databaseUrl, tag) : Promise.resolve(storedOnSqlite(databaseFile, tag)),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (engine === "postgres") await postgres!.dropDatabase(pgName);
    },
  };
}

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

/** The device cookie and page proof the questionnaire page gives a phone (the bare server has none). */
async function openPage(url: string): Promise<{ cookie: string; proof: string }> {
  const res = await fetch(`${url}/s/demo`, { headers: { "User-Agent": PHONE } });
  const html = res.status === 200 ? await res.text() : "";
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("vm_device="))?.split(";")[0] ?? "";
  return { cookie, proof: /data-page-proof="([^"]+)"/.exec(html)?.[1] ?? "" };
}

/**
 * Load: per connection a `start` then a `complete` of a unique responseId (`<tag>-<n>`), over and
 * over; `completed` counts the completions answered 200.
 */
async function load(url: string, connections: number, seconds: number, tag: string): Promise<{ result: autocannon.Result; completed: number }> {
  let n = 0;
  let completed = 0;
  const { cookie, proof } = await openPage(url);
  const headers = { "Content-Type": "application/json", "User-Agent": PHONE, ...(cookie ? { Cookie: cookie } : {}) };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/s/demo/responses",
        headers,
        setupRequest: (req, context: { id?: string }) => {
          context.id = `${tag}-${String(n++).padStart(8, "0")}`;
          return { ...req, body: `{"intent":"start","responseId":"${context.id}","proof":"${proof}"}` };
        },
      },
      {
        method: "POST",
        path: "/s/demo/responses",
        headers,
        setupRequest: (req, context: { id?: string }) => ({
          ...req,
          body: `{"intent":"complete","responseId":"${context.id}","proof":"${proof}","answers":${ANSWERS_JSON}}`,
        }),
        onResponse: (status: number) => {
          if (status === 200) completed += 1;
        },
      },
    ],
  });
  return { result, completed };
}

function storedOnSqlite(databaseFile: string, tag: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare("select count(*) from responses where status = 'complete' and client_id like ?").pluck().get(`${tag}-%`) as number;
  } finally {
    db.close();
  }
}

function storedOnPostgres(databaseUrl: string, tag: string): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ n: string }>("select count(*) as n from responses where status = 'complete' and client_id like $1", [`${tag}-%`]);
    return Number(rows[0]!.n);
  });
}

async function run(kind: Kind, engine: Engine, synchronous: Durability, group: Group, connections: number, postgres: PostgresTarget | null): Promise<Row> {
  const server = await startServer(kind, engine, synchronous, group, postgres);
  try {
    await load(server.url, connections, WARMUP_SECONDS, `warm${connections}`);
    const tag = `bench${connections}`;
    const before = { server: procStat(server.pid), database: engine === "postgres" ? postgresCpuSeconds() : null, client: process.cpuUsage(), machine: machineTicks() };
    const { result, completed } = await load(server.url, connections, SECONDS, tag);
    const client = process.cpuUsage(before.client);
    const after = { server: procStat(server.pid), database: engine === "postgres" ? postgresCpuSeconds() : null, machine: machineTicks() };
    const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
    const acknowledged = completed;
    const perCompletion = (cpu: number | null) => (cpu === null || acknowledged === 0 ? null : (1000 * cpu) / acknowledged);
    return {
      kind,
      engine,
      synchronous,
      group,
      connections,
      completedPerSecond: acknowledged / seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      acknowledged,
      stored: await server.storedCompletions(tag),
      failures: result.non2xx + result.errors + result.timeouts,
      cpu: {
        server: perCompletion(cpuSeconds(before.server, after.server)),
        database: perCompletion(cpuSeconds(before.database, after.database)),
        client: perCompletion((client.user + client.system) / 1e6),
        idle: idleShare(before.machine, after.machine),
      },
    };
  } finally {
    await server.stop();
  }
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
/** A figure with `digits` decimals, or "-" when it was not measured. */
const fixed = (v: number | null, digits: number) => (v === null ? "-" : v.toFixed(digits));

/** The runs, per connection count: SQLite's real and bare servers as before, then the real server on PostgreSQL. */
const RUNS: Array<[Kind, Engine, Durability, Group]> = [
  ["real", "sqlite", "FULL", "on"],
  ["real", "sqlite", "FULL", "off"],
  ["bare", "sqlite", "FULL", "-"],
  ["real", "sqlite", "NORMAL", "on"],
  ["bare", "sqlite", "NORMAL", "-"],
  ["real", "postgres", "on", "-"],
  ["real", "postgres", "off", "-"],
  ["bare", "postgres", "on", "-"],
];

/** BENCH_ENGINES: a comma-separated subset of `sqlite,postgres` (default both); the summary lines then cover only those. */
const ENGINES = (process.env.BENCH_ENGINES ?? "sqlite,postgres").split(",").map((e) => e.trim().toLowerCase());
for (const e of ENGINES) if (e !== "sqlite" && e !== "postgres") throw new Error(`BENCH_ENGINES: unknown engine ${e} (sqlite, postgres)`);
const SELECTED = RUNS.filter(([, engine]) => ENGINES.includes(engine));
const has = (engine: Engine) => ENGINES.includes(engine);

const engineName = (e: Engine) => (e === "sqlite" ? "SQLite" : "PostgreSQL");

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) throw new Error("build/server/index.js is missing: run `npm run build` first");
  const load1 = () => os.loadavg()[0]!.toFixed(2);
  const postgres = has("postgres") ? await postgresTarget() : null;
  try {
    console.log(
      `bench/submit: ${SECONDS} s per run after ${WARMUP_SECONDS} s of warm-up, ${os.cpus().length} CPUs, node ${process.version}, ` +
        `load average ${load1()} at start (other work on the machine skews the figures)`,
    );
    if (postgres) console.log(`${postgres.description}; sync is SQLite's synchronous or PostgreSQL's synchronous_commit`);
    console.log(
      `${"server".padEnd(6)} ${"engine".padEnd(10)} ${"sync".padEnd(6)} ${"group".padEnd(5)} ${pad("conns", 5)} ${pad("completed/s", 11)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("acked", 7)} ${pad("stored", 7)} ${pad("failed", 6)} ${pad("srv ms", 6)} ${pad("db ms", 6)} ${pad("load ms", 7)} ${pad("idle", 5)}`,
    );
    console.log(
      `(srv / db / load ms: CPU milliseconds per completion of the server process, of PostgreSQL's processes and of the load generator ` +
        `(autocannon, in this process); idle: the machine's idle CPU share over the run)`,
    );
    const rows: Row[] = [];
    for (const connections of CONNECTIONS) {
      for (const [kind, engine, synchronous, group] of SELECTED) {
        const r = await run(kind, engine, synchronous, group, connections, postgres);
        rows.push(r);
        console.log(
          `${r.kind.padEnd(6)} ${engineName(r.engine).padEnd(10)} ${r.synchronous.padEnd(6)} ${r.group.padEnd(5)} ${pad(r.connections, 5)} ${pad(r.completedPerSecond.toFixed(0), 11)} ` +
            `${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.acknowledged, 7)} ${pad(r.stored, 7)} ${pad(r.failures, 6)} ` +
            `${pad(fixed(r.cpu.server, 2), 6)} ${pad(fixed(r.cpu.database, 2), 6)} ${pad(fixed(r.cpu.client, 2), 7)} ${pad(r.cpu.idle === null ? "-" : `${Math.round(100 * r.cpu.idle)}%`, 5)}`,
        );
        if (r.stored < r.acknowledged) console.log(`  !! ${r.acknowledged - r.stored} acknowledged completions are not stored`);
      }
    }
    /** The row of a run; the real server on SQLite with group commit on unless `group` says off. */
    const find = (kind: Kind, engine: Engine, synchronous: Durability, connections: number, group: "on" | "off" = "on") =>
      rows.find(
        (r) =>
          r.kind === kind &&
          r.engine === engine &&
          r.synchronous === synchronous &&
          r.connections === connections &&
          (r.group === "-" || r.group === group),
      )!;
    for (const [kind, engine, strict, relaxed] of [
      ["bare", "sqlite", "FULL", "NORMAL"],
      ["real", "sqlite", "FULL", "NORMAL"],
      ["real", "postgres", "on", "off"],
    ] as const) {
      if (!has(engine)) continue;
      const parts = CONNECTIONS.map((c) => {
        const a = find(kind, engine, strict, c);
        const b = find(kind, engine, relaxed, c);
        return `${c} connections ${(a.completedPerSecond / b.completedPerSecond).toFixed(2)} (p99 ${a.p99} vs ${b.p99} ms)`;
      });
      const setting = engine === "sqlite" ? "synchronous FULL / NORMAL" : "synchronous_commit on / off";
      console.log(`${setting} throughput, ${kind} ${engineName(engine)}: ${parts.join(", ")}`);
    }
    if (has("sqlite")) {
      const grouped = CONNECTIONS.map((c) => {
        const on = find("real", "sqlite", "FULL", c, "on");
        const off = find("real", "sqlite", "FULL", c, "off");
        return `${c} connections ${(on.completedPerSecond / off.completedPerSecond).toFixed(2)} (p99 ${on.p99} vs ${off.p99} ms)`;
      });
      console.log(`group commit on / off throughput, real SQLite FULL: ${grouped.join(", ")}`);
    }
    // Both engines side by side: the real server's completed/s (p50 / p99 ms) at each durability.
    const columns = (
      [
        ["real SQLite FULL", "real", "sqlite", "FULL"],
        ["real PostgreSQL on", "real", "postgres", "on"],
        ["real SQLite NORMAL", "real", "sqlite", "NORMAL"],
        ["real PostgreSQL off", "real", "postgres", "off"],
        ["bare SQLite FULL", "bare", "sqlite", "FULL"],
        ["bare PostgreSQL on", "bare", "postgres", "on"],
      ] as Array<[string, Kind, Engine, Durability]>
    ).filter(([, , engine]) => has(engine));
    const width = 21;
    console.log(`engines side by side, completed/s (p50 / p99 ms):`);
    console.log(`${pad("conns", 5)} ${columns.map(([title]) => pad(title, width)).join(" ")}`);
    for (const c of CONNECTIONS) {
      const cells = columns.map(([, kind, engine, synchronous]) => {
        const r = find(kind, engine, synchronous, c);
        return pad(`${r.completedPerSecond.toFixed(0)} (${r.p50} / ${r.p99})`, width);
      });
      console.log(`${pad(c, 5)} ${cells.join(" ")}`);
    }
    if (has("sqlite") && has("postgres")) {
      const postgresVsSqlite = CONNECTIONS.map(
        (c) => `${c} connections ${(find("real", "postgres", "on", c).completedPerSecond / find("real", "sqlite", "FULL", c).completedPerSecond).toFixed(2)}`,
      );
      console.log(`real server PostgreSQL (synchronous_commit on) / SQLite (FULL) throughput: ${postgresVsSqlite.join(", ")}`);
    }
    // What the machine allows the real server's work: completions/s with every CPU busy at the
    // CPU per completion measured (server, database and load generator together), over the bare
    // server's measured throughput. Splitting the same work over threads or processes cannot do
    // better than this; it adds work of its own.
    const cpus = os.cpus().length;
    const ceiling = (engine: Engine, synchronous: Durability) =>
      CONNECTIONS.map((c) => {
        const real = find("real", engine, synchronous, c);
        const { server, database, client } = real.cpu;
        if (server === null || client === null || (engine === "postgres" && database === null)) return `${c} connections not measured`;
        const perSecond = (1000 * cpus) / (server + (database ?? 0) + client);
        return `${c} connections ${perSecond.toFixed(0)}/s, ${(perSecond / find("bare", engine, synchronous, c).completedPerSecond).toFixed(2)} x bare`;
      }).join(", ");
    console.log(
      `ceiling on these ${cpus} CPUs at the real server's CPU per completion (server + database + load generator, every CPU busy): ` +
        [has("sqlite") ? `SQLite FULL ${ceiling("sqlite", "FULL")}` : null, has("postgres") ? `PostgreSQL on ${ceiling("postgres", "on")}` : null]
          .filter((part) => part !== null)
          .join("; "),
    );
    console.log(`load average ${load1()} at the end`);
    /** The real server's throughput over the bare server's on the same engine and durability. */
    const ratio = (engine: Engine, synchronous: Durability, group: "on" | "off" = "on") =>
      CONNECTIONS.map(
        (c) =>
          `${c} connections ${(find("real", engine, synchronous, c, group).completedPerSecond / find("bare", engine, synchronous, c).completedPerSecond).toFixed(2)}`,
      ).join(", ");
    const postgresRatio = `PostgreSQL real / bare on the same PostgreSQL (synchronous_commit on): ${has("postgres") ? ratio("postgres", "on") : "not run"} (goal >= 0.50)`;
    if (has("sqlite")) {
      const at64 = find("real", "sqlite", "FULL", 64, "on");
      console.log(
        `ratio real / bare throughput (synchronous FULL): ${ratio("sqlite", "FULL")} (goal >= 0.50; group commit goal >= 1.50 at 64 ` +
          `connections with p99 < 50 ms: p99 ${at64.p99} ms); group commit off: ${ratio("sqlite", "FULL", "off")}; ` +
          postgresRatio,
      );
    } else {
      console.log(`ratio ${postgresRatio}`);
    }
  } finally {
    postgres?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
