/**
 * Scenario page benchmark: the server time of `loadScenarioPage` (app/lib/report/scenario-page.server.ts)
 * on the demo study and on 1000 and 10 000 synthetic complete responses, with two saved
 * scenarios compared side by side, beside the report alone (`loadReport`) on the same data.
 *
 *   npm run bench:scenarios          # SCENARIO_SIZES=1000 for a quicker run
 *
 * - report cold: the report's own first request after new data (its cache cleared);
 * - page cold: the scenario page's first request after new data: the report (cold), the
 *   respondents from the report's cache, β of the share of preference, and the bootstrap of
 *   the shares for each of the two scenarios (`shareReplicates`: 1000 replicates up to 1000
 *   respondents, 10⁶ / n above, at least 200; the base columns come with them), value leads share;
 * - page warm: the same again (the report's figures and the shares come from their caches).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-scenarios-"));
process.env.DATABASE_URL = `file:${path.join(dir, "scenarios.db")}`;
process.env.DEMO = "on";
const sizes = (process.env.SCENARIO_SIZES ?? "1000,10000").split(",").map(Number);

const { appDb: db } = await import("../app/lib/platform/db.server");
const { loadReport, reportCache } = await import("../app/lib/report/report.server");
const { loadScenarioPage, parseScenarioPageQuery } = await import("../app/lib/report/scenario-page.server");
const { saveStudyScenario } = await import("../app/lib/report/scenario-store.server");
const { getStudyByToken } = await import("../db/queries/studies");
const { demoRatingQuestionnaire, growDemoResponses } = await import("./grow-demo");

const study = (await getStudyByToken(db, "demo"))!;
const sqlite = db.sqlite!;
const questionnaireId = demoRatingQuestionnaire(sqlite, study.id);
const owner = study.ownerId;
const ids: number[] = [];
for (const scenario of [
  { name: "Reliability +1, birch answers", changes: [{ offer: "aster", attribute: "reliability", delta: 1 }], respond: [{ competitor: "birch", copies: "aster" }] },
  { name: "Taste to 9", changes: [{ offer: "aster", attribute: "taste", value: 9 }] },
]) {
  const saved = await saveStudyScenario(db, study, owner, scenario);
  if (saved.ok) ids.push(saved.id);
}
const options = parseScenarioPageQuery(new URLSearchParams(ids.map((id) => `compare=${id}`).join("&")), study);

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`bench/scenarios: demo study, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}`);
console.log("responses   report cold ms   page cold ms   page warm ms   β method");
async function row(label: string) {
  reportCache.clear();
  const reportCold = await time(() => loadReport(db, study, "en", options.report));
  reportCache.clear();
  let method = "";
  // A new data version for the shares' cache: one more review decision would do; clearing the
  // report cache and asking for another flagged filter gives the same cold path.
  const flagged = { ...options, report: { ...options.report, flagged: label === "demo" ? ("out" as const) : ("in" as const) } };
  const pageCold = await time(async () => {
    const page = await loadScenarioPage(db, study, "en", flagged);
    method = page.shareModel.ok ? page.shareModel.fit.method : `none (${page.shareModel.choices})`;
  });
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) warm.push(await time(() => loadScenarioPage(db, study, "en", flagged)));
  console.log(`${label.padStart(9)} ${reportCold.toFixed(0).padStart(16)} ${pageCold.toFixed(0).padStart(14)} ${median(warm).toFixed(0).padStart(14)}   ${method}`);
}
await row("demo");
for (const n of sizes) {
  growDemoResponses(sqlite, questionnaireId, n);
  await row(String(n));
}
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
