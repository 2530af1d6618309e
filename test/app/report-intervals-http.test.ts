import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { demoRatingQuestionnaireDb, growDemoResponsesDb } from "../../bench/grow-demo";

/**
 * The report's intervals switch from the percentile bootstrap to the delta method above
 * BOOTSTRAP_UP_TO (1000) analysed respondents (app/lib/report/report-intervals.ts), and the legend
 * says which one the whiskers show, in both languages.
 */
let server: AppServer;
let en: Client;
let zh: Client;

const analysed = (html: string) => Number(/(\d+) of (\d+) complete responses analysed/.exec(html)?.[1]);
/** The own offer's Q, with the interval printed beside it. */
function scoreWithInterval(html: string): { q: number; lower: number; upper: number } {
  const m = /data-testid="score-q">([\d.,]+)<\/strong><span class="small muted interval">95% interval ([\d.,]+) to ([\d.,]+)</.exec(html);
  if (!m) throw new Error("no Q with an interval on the page");
  const num = (s: string | undefined) => Number((s ?? "").replaceAll(",", ""));
  return { q: num(m[1]), lower: num(m[2]), upper: num(m[3]) };
}

beforeAll(async () => {
  server = await startAppServer();
  en = new Client(server.url);
  zh = new Client(server.url);
  for (const client of [en, zh]) {
    expect((await client.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
  }
  await zh.form("/lang", { locale: "zh-CN", back: "/studies/1/report" });
});
afterAll(async () => {
  await server?.stop();
});

describe("report intervals by sample size", () => {
  it("shows bootstrap whiskers for the demo, then delta-method ones above 1000 respondents", async () => {
    const small = await (await en.request("/studies/1/report")).text();
    expect(analysed(small)).toBeLessThanOrEqual(1000);
    expect(small).toContain("95% bootstrap intervals of relative quality and relative price (1000 replicates)");
    expect(small).not.toContain("delta-method");
    const before = scoreWithInterval(small);
    expect(before.lower).toBeLessThan(before.q);
    expect(before.upper).toBeGreaterThan(before.q);

    const db = await server.openDb();
    try {
      await growDemoResponsesDb(db, await demoRatingQuestionnaireDb(db, 1), 1600);
    } finally {
      await db.close();
    }

    const large = await (await en.request("/studies/1/report")).text();
    expect(analysed(large)).toBeGreaterThan(1000);
    expect(large).toContain("95% large-sample (delta-method) intervals of relative quality and relative price, used above 1,000 respondents");
    expect(large).not.toContain("bootstrap intervals");
    const after = scoreWithInterval(large);
    expect(after.lower).toBeLessThan(after.q);
    expect(after.upper).toBeGreaterThan(after.q);

    const chinese = await (await zh.request("/studies/1/report")).text();
    expect(chinese).toContain("大样本（Delta 法）区间；受访者超过 1,000 人时代替自助法区间");
  });
});
