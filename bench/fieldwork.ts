/**
 * Fieldwork benchmark: the server time of the live dashboard (`getFieldworkStats`: SQL
 * aggregates, the data-quality flags written as SQL; and `loadDashboard` refreshing with the flag
 * counts cached) and of one page of the responses list (`loadResponses`,
 * 100 rows with flags) for 10k and 100k synthetic complete responses of the demo study, against
 * loading every complete response with its answers and flagging it in JavaScript
 * (`listAnalysisRespondents`, what the report reads), measured in the same run.
 *
 *   npm run bench:fieldwork              # FIELDWORK_SIZES=1000,10000 for a quicker run
 *
 * The dashboard polls every 10 s, so it must stay well under loading everything: the last line
 * prints the ratio dashboard / load-all (goal < 1).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-fieldwork-"));
process.env.DATABASE_URL = `file:${path.join(dir, "fieldwork.db")}`;
process.env.DEMO = "on";
const sizes = (process.env.FIELDWORK_SIZES ?? "10000,100000").split(",").map(Number);

const { appDb: db } = await import("../app/lib/platform/db.server");
const { loadDashboard } = await import("../app/lib/fieldwork/dashboard.server");
const { getFieldworkStats } = await import("../db/queries/fieldwork-stats");
const { loadResponses } = await import("../app/lib/fieldwork/responses.server");
const { listAnalysisRespondents } = await import("../db/queries/analysis-respondents");
const { getStudyByToken } = await import("../db/queries/studies");
const { seededRandom } = await import("../surveys/seeded-random");
const { demoRatingQuestionnaire } = await import("./grow-demo");

const study = (await getStudyByToken(db, "demo"))!;
// Growing the data uses better-sqlite3 directly (SQLite only).
const sqlite = db.sqlite!;
const questionnaireId = demoRatingQuestionnaire(sqlite, study.id);
const offers = ["aster", "birch", "cedar"];
const attributes = ["reliability", "taste", "ease", "service", "design", "purchase", "running", "terms"];

/** Adds synthetic complete responses until the study has `total` of them (raw inserts, one transaction). */
function growTo(total: number) {
  const have = (sqlite.prepare("select count(*) as n from responses where status = 'complete'").get() as { n: number }).n;
  const rnd = seededRandom(total);
  const response = sqlite.prepare(
    `insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, device_id, started_at, updated_at, completed_at)
     values (?, ?, 'complete', '[]', 60, ?, ?, ?, ?)`,
  );
  const rating = sqlite.prepare("insert into response_ratings values (?, ?, ?, ?)");
  const known = sqlite.prepare("insert into response_offers (response_id, offer_code, position, known) values (?, ?, ?, ?)");
  const profile = sqlite.prepare("insert into response_profile values (?, 'segment', ?)");
  const start = Date.UTC(2026, 10, 1);
  sqlite.transaction(() => {
    for (let i = have; i < total; i++) {
      const started = start + Math.floor(rnd() * 20 * 86_400_000);
      const done = started + 60_000 + Math.floor(rnd() * 900_000);
      const id = Number(response.run(`bench-${i}`, questionnaireId, rnd() < 0.02 ? "shared-device" : `device-${i}`, started, done, done).lastInsertRowid);
      profile.run(id, rnd() < 0.5 ? "home" : "office");
      const flat = rnd() < 0.05;
      offers.forEach((o, k) => {
        const knows = o === "aster" || rnd() < 0.7;
        known.run(id, o, k, knows ? 1 : 0);
        if (!knows) return;
        const level = 1 + Math.floor(rnd() * 10);
        for (const a of attributes) rating.run(id, o, a, flat ? level : 1 + Math.floor(rnd() * 10));
      });
    }
  })();
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
const best = async (fn: () => unknown) => Math.min(await time(fn), await time(fn));

console.log(`bench/fieldwork: demo study, ${os.cpus().length} CPUs, node ${process.version}`);
console.log("responses   dashboard ms   refresh (flags cached) ms   responses page ms (first, next)   load-all + flag ms   ratio dashboard / load-all");
const ratios: string[] = [];
for (const n of sizes) {
  growTo(n);
  await time(() => listAnalysisRespondents(db, study.id, "aster")); // warm the page cache
  const allMs = await best(() => listAnalysisRespondents(db, study.id, "aster"));
  // Every figure counted (what a refresh costs when the flags must be recounted)...
  const dashboardMs = await best(() => getFieldworkStats(db, { studyId: study.id, ownOffer: "aster" }));
  // ...and a refresh while the complete responses did not change (the flag counts cached).
  await loadDashboard(db, study);
  const refreshMs = await best(() => loadDashboard(db, study));
  // The first page view counts the flags; the next pages reuse them.
  const firstPageMs = await time(() => loadResponses(db, study, { page: 2, status: null, stage: null, show: null }));
  const pageMs = await best(() => loadResponses(db, study, { page: 3, status: null, stage: null, show: null }));
  const ratio = dashboardMs / allMs;
  ratios.push(`${n}: ${ratio.toFixed(2)}`);
  console.log(
    `${String(n).padStart(9)} ${dashboardMs.toFixed(0).padStart(14)} ${refreshMs.toFixed(0).padStart(28)} ${`${firstPageMs.toFixed(0)}, ${pageMs.toFixed(0)}`.padStart(33)} ${allMs.toFixed(0).padStart(20)} ${ratio.toFixed(2).padStart(28)}`,
  );
}
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`ratio dashboard / load-all-and-flag (goal < 1): ${ratios.join(", ")}`);
