/**
 * The start both report benches share (bench/report.ts, bench/profile-report.ts): a fresh demo
 * database in a new temporary directory (DATABASE_URL and DEMO set before the app's modules
 * load, so the process's database is that one), the demo study and its rating questionnaire.
 * Growing the data and the plain-SQL baseline use better-sqlite3 directly (SQLite only).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoRatingQuestionnaire, growDemoResponses } from "./grow-demo";

export async function openDemoReportBench(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.DATABASE_URL = `file:${path.join(dir, "report.db")}`;
  process.env.DEMO = "on";
  const { appDb: db } = await import("../app/lib/platform/db.server");
  const { loadReport, reportCache } = await import("../app/lib/report/report.server");
  const { getStudyByToken } = await import("../db/queries/studies");
  const study = (await getStudyByToken(db, "demo"))!;
  const sqlite = db.sqlite!;
  const questionnaireId = demoRatingQuestionnaire(sqlite, study.id);
  return {
    db,
    sqlite,
    study,
    loadReport,
    reportCache,
    /** Grows the demo's rating questionnaire to `total` complete synthetic responses. */
    grow: (total: number) => growDemoResponses(sqlite, questionnaireId, total),
    /** Removes the temporary directory (after the database is closed or no longer used). */
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
