import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { demoDb } from "../demo-db";
import { scalar } from "../../db/fixtures";

/** The report service on a temporary database, without a build or a server. */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

describe("loadReport (service, no server)", () => {
  it("analyses every complete, unflagged response of the demo and places the three offers on the map", async () => {
    reportCache.clear();
    const report = await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    const complete = await scalar(demo.db, sql`select count(*) as "v" from responses r join questionnaires q on q.id = r.questionnaire_id where r.status = 'complete' and q.stage = 'rating' and q.study_id = ${demo.study.id}`);
    expect(report.counts.complete).toBe(complete);
    expect(report.counts.analysed + report.counts.leftOut).toBe(complete);
    const map = report.analysis?.valueMap;
    expect(map?.ok && map.points.map((p) => p.offer).sort()).toEqual(["aster", "birch", "cedar"]);
  });

  it("answers the same figures from its cache until the data changes", async () => {
    const first = await loadReport(demo.db, demo.study, "zh-CN", { line: "weights", flagged: "out" });
    const second = await loadReport(demo.db, demo.study, "zh-CN", { line: "weights", flagged: "out" });
    expect(second.analysis?.qualityProfile).toEqual(first.analysis?.qualityProfile);
    expect(second.dataVersion).toBe(first.dataVersion);
  });
});
