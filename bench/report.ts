/**
 * Report benchmark: the server time of the study report (app/lib/report.server.ts `loadReport`:
 * reading the complete responses, aggregation, profiles, value map and 1000 bootstrap replicates)
 * for 10k and 100k synthetic complete responses of the demo study, against one plain SQL
 * aggregate over the same ratings (mean score per offer and attribute), measured in the same run.
 *
 *   npm run bench:report              # REPORT_SIZES=1000,10000 for a quicker run
 *
 * The report issue's target is at most 3x the plain aggregate; the last line prints the ratio.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-report-"));
process.env.DATABASE_URL = `file:${path.join(dir, "report.db")}`;
process.env.DEMO = "on";
const sizes = (process.env.REPORT_SIZES ?? "10000,100000").split(",").map(Number);

const { db } = await import("../app/lib/db.server");
const { loadReport } = await import("../app/lib/report.server");
const { getStudyByToken } = await import("../db/queries/studies");
const { seededRandom } = await import("../surveys/seeded-random");

const study = getStudyByToken(db, "demo")!;
const sqlite = db.$client;
const questionnaireId = (sqlite.prepare("select id from questionnaires where study_id = ?").get(study.id) as { id: number }).id;
const offers = ["aster", "birch", "cedar"];
const quality = ["reliability", "taste", "ease", "service", "design"];
const price = ["purchase", "running", "terms"];

/** Adds synthetic complete responses until the study has `total` of them (raw inserts, one transaction). */
function growTo(total: number) {
  const have = (sqlite.prepare("select count(*) as n from responses where status = 'complete'").get() as { n: number }).n;
  const rnd = seededRandom(total);
  const response = sqlite.prepare(
    `insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
     values (?, ?, 'complete', '[]', ?, 0, 0, 0)`,
  );
  const rating = sqlite.prepare("insert into response_ratings values (?, ?, ?, ?)");
  const weight = sqlite.prepare("insert into response_weights values (?, ?, ?)");
  sqlite.transaction(() => {
    for (let i = have; i < total; i++) {
      const id = Number(response.run(`bench-${i}`, questionnaireId, 40 + Math.floor(rnd() * 40)).lastInsertRowid);
      for (const [set, points] of [[quality, [30, 25, 15, 20, 10]], [price, [55, 30, 15]]] as const) {
        set.forEach((a, k) => weight.run(id, a, points[k]));
      }
      for (const o of offers) {
        if (o !== "aster" && rnd() < 0.3) continue;
        for (const a of [...quality, ...price]) rating.run(id, o, a, 1 + Math.floor(rnd() * 10));
      }
    }
  })();
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const plain = sqlite.prepare(
  `select r.offer_code, r.attribute_code, avg(r.score), count(*) from response_ratings r
   join responses s on s.id = r.response_id where s.status = 'complete' group by r.offer_code, r.attribute_code`,
);
console.log(`bench/report: demo study, ${os.cpus().length} CPUs, node ${process.version}`);
console.log("responses   report ms   plain SQL ms   ratio");
const ratios: string[] = [];
for (const n of sizes) {
  growTo(n);
  time(() => plain.all()); // warm the page cache
  const plainMs = Math.min(time(() => plain.all()), time(() => plain.all()));
  const reportMs = time(() => loadReport(study, "en", { line: "weights", flagged: "out" }));
  const ratio = reportMs / plainMs;
  ratios.push(`${n}: ${ratio.toFixed(1)}`);
  console.log(`${String(n).padStart(9)} ${reportMs.toFixed(0).padStart(11)} ${plainMs.toFixed(1).padStart(14)} ${ratio.toFixed(1).padStart(7)}`);
}
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`ratio report / plain SQL aggregate (target <= 3): ${ratios.join(", ")}`);
