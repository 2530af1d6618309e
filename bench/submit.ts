/**
 * Submission benchmark: completed responses per second and p50/p99 latency of
 * POST /s/demo/responses {intent: "complete"} (a unique responseId per request) at 16 and 64
 * connections, for the real server (production build under app/server.js) and for a bare
 * node:http + better-sqlite3 server doing the same insert (bench/bare-server.ts), each with
 * synchronous FULL and NORMAL in WAL. Every run gets a fresh server and database file, a short
 * warm-up, then BENCH_SECONDS (default 10) of load from autocannon on 127.0.0.1.
 *
 *   npm run bench:submit                    # builds first
 *   BENCH_SECONDS=5 npx tsx bench/submit.ts # a quicker run on the current build
 *
 * The last line printed holds the ratio real / bare (FULL) throughput; the goal is >= 0.5.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import type { Synchronous } from "../db/client";
import { demoAnswers } from "../test/fixtures/answers";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = [16, 64];

type Kind = "real" | "bare";
interface Row {
  kind: Kind;
  synchronous: Synchronous;
  connections: number;
  completedPerSecond: number;
  p50: number;
  p99: number;
  acknowledged: number;
  stored: number;
  failures: number;
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

interface Server {
  url: string;
  databaseFile: string;
  stop(): Promise<void>;
}

async function startServer(kind: Kind, synchronous: Synchronous): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-"));
  const databaseFile = path.join(dir, "bench.db");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${databaseFile}`,
    DB_SYNCHRONOUS: synchronous,
    SESSION_SECRET: "bench-secret-0123456789abcdef",
    DEMO: "on",
    // Every request comes from 127.0.0.1 for one link: the respondent rate limit would refuse
    // nearly all of them (the bare server has none).
    RESPONDENT_RATE_LIMIT: "0",
  };
  const args =
    kind === "real"
      ? [path.join(root, "app/server.js")]
      : ["--import", "tsx", path.join(root, "bench/bare-server.ts")];
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
    databaseFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Load with a unique responseId per request (`<tag>-<n>`). */
function load(url: string, connections: number, seconds: number, tag: string): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/s/demo/responses",
        headers: { "Content-Type": "application/json" },
        setupRequest: (req) => ({
          ...req,
          body: `{"intent":"complete","responseId":"${tag}-${String(n++).padStart(8, "0")}","answers":${ANSWERS_JSON}}`,
        }),
      },
    ],
  });
}

function storedCompletions(databaseFile: string, tag: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare("select count(*) from responses where status = 'complete' and client_id like ?").pluck().get(`${tag}-%`) as number;
  } finally {
    db.close();
  }
}

async function run(kind: Kind, synchronous: Synchronous, connections: number): Promise<Row> {
  const server = await startServer(kind, synchronous);
  try {
    await load(server.url, connections, WARMUP_SECONDS, `warm${connections}`);
    const tag = `bench${connections}`;
    const result = await load(server.url, connections, SECONDS, tag);
    const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
    const acknowledged = result["2xx"];
    return {
      kind,
      synchronous,
      connections,
      completedPerSecond: acknowledged / seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      acknowledged,
      stored: storedCompletions(server.databaseFile, tag),
      failures: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    await server.stop();
  }
}

const pad = (v: string | number, n: number) => String(v).padStart(n);

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) throw new Error("build/server/index.js is missing: run `npm run build` first");
  const load1 = () => os.loadavg()[0]!.toFixed(2);
  console.log(
    `bench/submit: ${SECONDS} s per run after ${WARMUP_SECONDS} s of warm-up, ${os.cpus().length} CPUs, node ${process.version}, ` +
      `load average ${load1()} at start (other work on the machine skews the figures)`,
  );
  console.log(`${"server".padEnd(6)} ${"sync".padEnd(6)} ${pad("conns", 5)} ${pad("completed/s", 11)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("acked", 7)} ${pad("stored", 7)} ${pad("failed", 6)}`);
  const rows: Row[] = [];
  for (const connections of CONNECTIONS) {
    for (const [kind, synchronous] of [["real", "FULL"], ["bare", "FULL"], ["real", "NORMAL"], ["bare", "NORMAL"]] as const) {
      const r = await run(kind, synchronous, connections);
      rows.push(r);
      console.log(
        `${r.kind.padEnd(6)} ${r.synchronous.padEnd(6)} ${pad(r.connections, 5)} ${pad(r.completedPerSecond.toFixed(0), 11)} ` +
          `${pad(r.p50, 7)} ${pad(r.p99, 7)} ${pad(r.acknowledged, 7)} ${pad(r.stored, 7)} ${pad(r.failures, 6)}`,
      );
      if (r.stored < r.acknowledged) console.log(`  !! ${r.acknowledged - r.stored} acknowledged completions are not stored`);
    }
  }
  const find = (kind: Kind, synchronous: Synchronous, connections: number) =>
    rows.find((r) => r.kind === kind && r.synchronous === synchronous && r.connections === connections)!;
  for (const kind of ["bare", "real"] as const) {
    const parts = CONNECTIONS.map((c) => {
      const full = find(kind, "FULL", c);
      const normal = find(kind, "NORMAL", c);
      return `${c} connections ${(full.completedPerSecond / normal.completedPerSecond).toFixed(2)} (p99 ${full.p99} vs ${normal.p99} ms)`;
    });
    console.log(`synchronous FULL / NORMAL throughput, ${kind}: ${parts.join(", ")}`);
  }
  console.log(`load average ${load1()} at the end`);
  const ratios = CONNECTIONS.map((c) => `${c} connections ${(find("real", "FULL", c).completedPerSecond / find("bare", "FULL", c).completedPerSecond).toFixed(2)}`);
  console.log(`ratio real / bare throughput (synchronous FULL): ${ratios.join(", ")} (goal >= 0.50)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
