/**
 * Report benchmark: the server time of the study report (app/lib/report/report.server.ts `loadReport`)
 * for 10k and 100k synthetic complete responses of the demo study, against one plain SQL
 * aggregate over the same ratings (mean score per offer and attribute), measured in the same run.
 *
 *   npm run bench:report              # REPORT_SIZES=1000,10000 for a quicker run
 *
 * Figures per size, each the median of a few runs:
 * - cold: the first request after a restart (every cache dropped): reading every response (one
 *   row each, one column per answer kind, walked row by row: db/queries/analysis-respondents-sqlite.ts),
 *   flags, analyzeStudy with its intervals (the
 *   bootstrap up to 1000 respondents, the delta method above: app/lib/report/report-intervals.ts),
 *   the per-wave positions;
 * - warm: the same data version again (another reader, a reload): the computed figures come
 *   from the in-memory cache; the data version query, names, events, what/who and the value
 *   map for the requested line still run;
 * - warm, other line: a different fair-value line on the same data (cache hit, map recomputed);
 * - other filter: flagged responses in instead of out on the same data: the figures are computed
 *   afresh from the respondents the report's store holds (no read);
 * - after one new response: one more response completes, then the first request: the store
 *   catches up by difference (one index pass, the new response read alone, flags recomputed:
 *   app/lib/report/report-respondent-store.server.ts), the report's sufficient statistics take
 *   the new response into its wave's cell (app/lib/report/report-statistics.server.ts), and the
 *   figures are computed from the cells (analyzeStudyFromStatistics: no pass over every
 *   respondent above the bootstrap threshold).
 * Where the time goes: bench/profile-report.ts (CPU profiles of the cold and the after-one report).
 * Issue 23's targets at 100k responses: after one new response <= 0.3x the plain aggregate, cold
 * (after a restart) <= 2x; the last line prints per size `<n>: cold X (warm Y, after one new
 * response Z)`, each a ratio to the plain aggregate measured in the same run.
 */
import os from "node:os";
import { openDemoReportBench } from "./demo-report-bench";

const sizes = (process.env.REPORT_SIZES ?? "10000,100000").split(",").map(Number);
const { db, sqlite, study, loadReport, reportCache, grow, remove } = await openDemoReportBench("valuemap-bench-report-");

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
/** Runs `fn` `n` times one after another; the durations. */
async function times(n: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(fn));
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const weights = { line: "weights" as const, flagged: "out" as const };
const parity = { line: "parity" as const, flagged: "out" as const };
const plain = sqlite.prepare(
  `select r.offer_code, r.attribute_code, avg(r.score), count(*) from response_ratings r
   join responses s on s.id = r.response_id where s.status = 'complete' group by r.offer_code, r.attribute_code`,
);
console.log(`bench/report: demo study, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}`);
{
  // The demo study as seeded (~58 complete responses): what a reader of the demo waits for.
  reportCache.clear();
  const demoCold = await time(() => loadReport(db, study, "en", weights));
  const demoWarm = median(await times(5, () => loadReport(db, study, "en", weights)));
  console.log(`demo report: cold ${demoCold.toFixed(0)} ms, warm ${demoWarm.toFixed(1)} ms`);
}
console.log("responses   cold ms   warm ms   warm other line ms   other filter ms   after one new ms   plain SQL ms   cold/plain   warm/plain   after one/plain");
const ratios: string[] = [];
for (const n of sizes) {
  grow(n);
  await time(() => plain.all()); // warm the page cache
  const plainMs = median(await times(3, () => plain.all()));
  const coldRuns = n >= 50_000 ? 1 : 3;
  const cold: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    reportCache.clear();
    cold.push(await time(() => loadReport(db, study, "en", weights)));
  }
  const warm = median(await times(5, () => loadReport(db, study, "en", weights)));
  const other = median(await times(3, () => loadReport(db, study, "zh-CN", parity)));
  const otherFilter = await time(() => loadReport(db, study, "en", { ...weights, flagged: "in" }));
  // One more response at a time (the store holds the previous version), then the first request.
  const afterOne: number[] = [];
  for (let i = 1; i <= (n >= 50_000 ? 3 : 5); i++) {
    grow(n + i);
    afterOne.push(await time(() => loadReport(db, study, "en", weights)));
  }
  const afterOneMs = median(afterOne);
  const coldMs = median(cold);
  ratios.push(`${n}: cold ${(coldMs / plainMs).toFixed(2)} (warm ${(warm / plainMs).toFixed(2)}, after one new response ${(afterOneMs / plainMs).toFixed(2)})`);
  console.log(
    `${String(n).padStart(9)} ${coldMs.toFixed(0).padStart(9)} ${warm.toFixed(1).padStart(9)} ${other.toFixed(1).padStart(20)} ${otherFilter.toFixed(0).padStart(17)} ${afterOneMs.toFixed(0).padStart(18)} ${plainMs.toFixed(1).padStart(14)} ${(coldMs / plainMs).toFixed(1).padStart(12)} ${(warm / plainMs).toFixed(2).padStart(12)} ${(afterOneMs / plainMs).toFixed(2).padStart(17)}`,
  );
}
await db.close();
remove();
console.log(
  `ratio report / plain SQL aggregate (issue 23 targets at 100k: after one new response <= 0.3, cold <= 2; cold = first request after a restart, warm = cached figures for this data version, after one new response = first request after one more completion): ${ratios.join(", ")}`,
);
