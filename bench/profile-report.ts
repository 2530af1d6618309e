/**
 * Profiles bench/report.ts's two phases at one size (PROFILE_SIZE, default 100000): the cold
 * report (every cache dropped) and the first report after one new response, each written as a
 * V8 CPU profile to PROFILE_DIR (default the OS temp dir) and summarised by self time per
 * function and per file, with the process' memory after each (rss, heapUsed: the store and the
 * cells held, and what the last collection has not yet taken).
 *
 *   PROFILE_SIZE=100000 npx tsx bench/profile-report.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";

import { openDemoReportBench } from "./demo-report-bench";

const out = process.env.PROFILE_DIR ?? os.tmpdir();
const size = Number(process.env.PROFILE_SIZE ?? 100_000);
const { db, study, loadReport, reportCache, grow, remove } = await openDemoReportBench("valuemap-profile-report-");
const weights = { line: "weights" as const, flagged: "out" as const };
grow(size);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

function summarise(name: string, profile: Profile): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const f = byNode.get(id)!.callFrame;
    const file = f.url.replace(/^file:\/\/.*?\/(wt-[^/]+|main)\//, "") || "(native)";
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${key}`).join("\n");
  console.log(`${name}: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled\nby file:\n${top(byFile, 15)}\nby function:\n${top(byFunction, 25)}`);
}

const session = new Session();
session.connect();
await session.post("Profiler.enable");
async function profiled(name: string, fn: () => Promise<unknown>): Promise<void> {
  await session.post("Profiler.start");
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
  fs.writeFileSync(path.join(out, `report-${name}-${size}.cpuprofile`), JSON.stringify(profile));
  const memory = process.memoryUsage();
  console.log(
    `\n== ${name} at ${size}: ${ms.toFixed(0)} ms (load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}); after it rss ${(memory.rss / 1e6).toFixed(0)} MB, heapUsed ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
  );
  summarise(name, profile);
}
reportCache.clear();
await profiled("cold", () => loadReport(db, study, "en", weights));
grow(size + 1);
await profiled("after-one", () => loadReport(db, study, "en", weights));
grow(size + 2);
await profiled("after-one-again", () => loadReport(db, study, "en", weights));
await db.close();
remove();
