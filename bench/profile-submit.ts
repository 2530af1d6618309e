/**
 * Where the CPU of a completion goes (issue 23): starts the built server (app/server.js) as
 * bench/submit.ts does, under `node --cpu-prof`, on SQLite (FULL, group commit on) or on the
 * PostgreSQL named by PROFILE_POSTGRES_URL, loads POST /s/demo/responses with start + complete
 * pairs for PROFILE_SECONDS (default 10) at PROFILE_CONNECTIONS (default 64), stops it and prints
 * the functions with the most self time and the share of each package / source area. The
 * profiler's busy time counts wall-clock time on the main thread (an fsync, or the process
 * waiting for a CPU on a loaded machine, counts as busy); the first line also gives the server
 * process's CPU time (user and system, from /proc on Linux) per completion over the load, which
 * other work on the machine does not inflate, and on PostgreSQL the CPU of the machine's
 * `postgres` processes beside it (the database's share of a completion, when it runs here).
 *
 *   npm run build && npx tsx bench/profile-submit.ts
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { demoAnswers } from "../test/fixtures/answers";
import { type CpuTime, postgresCpuSeconds, procStat } from "./process-cpu";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 64);
const TOP = Number(process.env.PROFILE_TOP ?? 40);
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

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

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a script URL: a package under node_modules, a source area of the build, node's own. */
function areaOf(url: string): string {
  if (url === "") return "(native / VM)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/build/server/")) return "app build";
  return url.replace(/^file:\/\//, "").replace(root, ".");
}

/** `0.55 ms (user 0.40, system 0.15)`: a process's CPU between two readings, per completion. */
function cpuPerCompletion(completed: number) {
  return (before: CpuTime, after: CpuTime) => {
    const ms = (seconds: number) => ((1000 * seconds) / Math.max(1, completed)).toFixed(2);
    const user = after.user - before.user;
    const system = after.system - before.system;
    return `${ms(user + system)} ms (user ${ms(user)}, system ${ms(system)})`;
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-profile-"));
  const port = await freePort();
  const postgresUrl = process.env.PROFILE_POSTGRES_URL;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: postgresUrl ?? `file:${path.join(dir, "bench.db")}`,
    DB_SYNCHRONOUS: "FULL",
    SESSION_SECRET: "bench-secret-0123456789abcdef",
    DEMO: "on",
    RESPONDENT_RATE_LIMIT: "0",
    RESPONDENT_COMPLETIONS_PER_DEVICE: "0",
    RESPONDENT_COMPLETIONS_PER_ADDRESS: "0",
  };
  const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, path.join(root, "app/server.js")], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {
      /* not yet */
    }
    if (i > 600) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const page = await fetch(`${url}/s/demo`, { headers: { "User-Agent": PHONE } });
  const html = await page.text();
  const cookie = page.headers.getSetCookie().find((c) => c.startsWith("vm_device="))?.split(";")[0] ?? "";
  const proof = /data-page-proof="([^"]+)"/.exec(html)?.[1] ?? "";
  const headers = { "Content-Type": "application/json", "User-Agent": PHONE, Cookie: cookie };
  const answers = JSON.stringify(demoAnswers());
  let n = 0;
  let completed = 0;
  const cpuBefore = procStat(child.pid);
  const postgresBefore = postgresUrl ? postgresCpuSeconds() : null;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        path: "/s/demo/responses",
        headers,
        setupRequest: (req, context: { id?: string }) => {
          context.id = `prof-${process.pid}-${String(n++).padStart(8, "0")}`;
          return { ...req, body: `{"intent":"start","responseId":"${context.id}","proof":"${proof}"}` };
        },
      },
      {
        method: "POST",
        path: "/s/demo/responses",
        headers,
        setupRequest: (req, context: { id?: string }) => ({
          ...req,
          body: `{"intent":"complete","responseId":"${context.id}","proof":"${proof}","answers":${answers}}`,
        }),
        onResponse: (status: number) => {
          if (status === 200) completed++;
        },
      },
    ],
  });
  const cpuAfter = procStat(child.pid);
  const postgresAfter = postgresUrl ? postgresCpuSeconds() : null;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile written");
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const fnSelf = new Map<string, number>();
  const areaSelf = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url: scriptUrl, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const key = `${functionName || "(anonymous)"} ${areaOf(scriptUrl)}:${lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
    const area = areaOf(scriptUrl);
    areaSelf.set(area, (areaSelf.get(area) ?? 0) + t);
  }
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const perCompletion = cpuPerCompletion(completed);
  console.log(
    `profile-submit: ${CONNECTIONS} connections, ${seconds.toFixed(1)} s, ${completed} completions (${(completed / seconds).toFixed(0)}/s), ` +
      `p99 ${result.latency.p99} ms, server busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s profiled, ` +
      `${(busy / 1e3 / Math.max(1, completed)).toFixed(2)} ms busy per completion (start + complete)` +
      (cpuBefore !== null && cpuAfter !== null ? `, ${perCompletion(cpuBefore, cpuAfter)} process CPU per completion` : "") +
      (postgresBefore !== null && postgresAfter !== null ? `, PostgreSQL processes ${perCompletion(postgresBefore, postgresAfter)}` : "") +
      `, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const share = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
  console.log("self time by area:");
  for (const [area, t] of [...areaSelf].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${share(t)}  ${area}`);
  console.log("self time by function:");
  for (const [key, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${share(t)}  ${key}`);
  console.log(`profile kept in ${path.join(dir, file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
