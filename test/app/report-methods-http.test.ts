import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethodAnswers } from "../../db/queries/method-answers";
import { saveStudyMethods } from "../../db/queries/study-methods";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { publishedStudy } from "../helpers/published-study";
import { insertId, one } from "./server-db";

/**
 * The report page's MaxDiff and price research sections (issue 19), over HTTP, in English and
 * Chinese. Two respondents (the price case of test/services/report/report-methods.test.ts):
 *   R1: too cheap 10, cheap 20, expensive 30, too expensive 40; likelihood 5 / 3; ladder 30 yes, 50 yes
 *   R2: too cheap 20, cheap 30, expensive 40, too expensive 50; likelihood 4 / 2; ladder 30 no, 20 yes
 * By hand (method-more.md §4): PMC 25, PME 35, OPP 30, IPP 30, acceptable range 25 to 35;
 * Newton–Miller–Smith demand peaks at 20 (.6), revenue at 25 (D = 1 − .02p between 20 and 30);
 * Gabor–Granger on 20, 30, 50: demand 100 %, 50 %, 50 %, revenue 20, 15, 25 → 50.
 * MaxDiff (quality by MaxDiff): both choose Speed most and Noise least important in each task,
 * so Speed has the largest share and Noise the smallest. n = 2 < 30: small-sample marks.
 */
let server: AppServer;
let owner: Client;
let studyPath: string;

beforeAll(async () => {
  server = await startAppServer();
  owner = new Client(server.url);
  studyPath = await publishedStudy(owner, {
    email: "methods-report@example.com",
    title: "Espresso machines",
    attributes: [...["Speed", "Taste", "Noise"].map((name) => ({ kind: "quality" as const, name })), { kind: "price", name: "Purchase" }],
  });

  const studyId = Number(studyPath.split("/")[2]);
  const db = await server.openDb();
  try {
    await saveStudyMethods(
      db,
      studyId,
      StudyMethodsSchema.parse({
        importance: { rating: { quality: "maxdiff" } },
        priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [20, 30, 50] },
      }),
      1_790_000_000_000,
    );
    await db.transaction(async (tx) => {
      const code = async (table: "offers" | "attributes", name: string) =>
        (await one<{ code: string }>(tx, sql`select code from ${sql.identifier(table)} where study_id = ${studyId} and name = ${name}`)).code;
      const [ours, rival] = [await code("offers", "Ours"), await code("offers", "Rival")];
      const [speed, taste, noise, purchase] = [await code("attributes", "Speed"), await code("attributes", "Taste"), await code("attributes", "Noise"), await code("attributes", "Purchase")];
      const questionnaire = (await one<{ id: number }>(tx, sql`select id from questionnaires where study_id = ${studyId} and stage = 'rating'`)).id;
      const answers = [
        {
          prices: { tooCheap: 10, cheap: 20, expensive: 30, tooExpensive: 40, likelihoodCheap: 5, likelihoodExpensive: 3 },
          ladder: [{ price: 30, buy: true }, { price: 50, buy: true }],
        },
        {
          prices: { tooCheap: 20, cheap: 30, expensive: 40, tooExpensive: 50, likelihoodCheap: 4, likelihoodExpensive: 2 },
          ladder: [{ price: 30, buy: false }, { price: 20, buy: true }],
        },
      ];
      for (const [i, a] of answers.entries()) {
        const at = 1_790_000_000_000 + i * 600_000;
        const id = await insertId(
          tx,
          // Identical ratings look like straight-lining: the researcher has included these two.
          sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at, review)
              values (${`methods-${i}`}, ${questionnaire}, 'complete', '[]', 60, ${at}, ${at + 300_000}, ${at + 300_000}, 'include') returning id`,
        );
        await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${purchase}, 100)`);
        for (const attribute of [speed!, taste!, noise!, purchase!]) {
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${ours}, ${attribute}, 7)`);
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${rival}, ${attribute}, 6)`);
        }
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known) values (${id}, ${ours}, 0, ${true})`);
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known) values (${id}, ${rival}, 1, ${true})`);
        await insertMethodAnswers(tx, id, {
          ...a,
          maxDiff: [
            { kind: "quality", task: 1, items: [speed!, taste!, noise!], best: speed!, worst: noise! },
            { kind: "quality", task: 2, items: [noise!, speed!, taste!], best: speed!, worst: noise! },
          ],
        });
      }
    });
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

const figure = (html: string, table: string, key: string) =>
  new RegExp(`data-testid="${table}"[\\s\\S]*?<tr data-figure="${key}"><th scope="row">[^<]*</th><td>([^<]*)</td>`).exec(html)?.[1];

describe("the report's research method sections", () => {
  it("shows the price points, the acceptable range and the revenue-maximising prices computed by hand, with n and the small-sample mark", async () => {
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const section = /<section[^>]*data-section="price"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(section).toContain("Van Westendorp price sensitivity");
    expect(figure(section, "psm-points", "pmc")).toBe("25 EUR");
    expect(figure(section, "psm-points", "pme")).toBe("35 EUR");
    expect(figure(section, "psm-points", "opp")).toBe("30 EUR");
    expect(figure(section, "psm-points", "ipp")).toBe("30 EUR");
    expect(figure(section, "psm-points", "range")).toBe("25 EUR to 35 EUR");
    expect(figure(section, "nms-points", "demandMax")).toBe("20 EUR");
    expect(figure(section, "nms-points", "revenueMax")).toBe("25 EUR");
    expect(figure(section, "gg-points", "demand-20")).toBe("100%");
    expect(figure(section, "gg-points", "demand-30")).toBe("50%");
    expect(figure(section, "gg-points", "demand-50")).toBe("50%");
    expect(figure(section, "gg-points", "revenueMax")).toBe("50 EUR");
    // The four curves and the four points on the chart, the range shaded.
    const psm = /<svg[^>]*id="psm"[\s\S]*?<\/svg>/.exec(section)?.[0] ?? "";
    expect([...psm.matchAll(/data-series="(\w+)"/g)].map((m) => m[1])).toEqual(["tooCheap", "notCheap", "notExpensive", "tooExpensive"]);
    expect([...psm.matchAll(/data-marker="(\w+)" data-price="([\d.]+)"/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual(["pmc=25", "opp=30", "ipp=30", "pme=35"]);
    expect(psm).toContain('data-range="acceptable"');
    expect(section).toMatch(/<svg[^>]*id="nms"/);
    expect(section).toMatch(/<svg[^>]*id="gg"/);
    expect(section).toContain('data-n="2"');
    expect(section).toContain('class="small-n"');
  });

  it("shows the MaxDiff shares beside the stated weights, the always-best attribute first", async () => {
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const section = /<section[^>]*data-section="maxdiff"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(section).toContain("MaxDiff importance");
    expect(section).toContain('data-n="2"');
    const chart = /<svg[^>]*id="maxdiff"[\s\S]*?<\/svg>/.exec(section)?.[0] ?? "";
    const rows = [...chart.matchAll(/<g data-attribute="(\w+)" data-share="([\d.]+)"/g)];
    expect(rows).toHaveLength(3);
    const shares = rows.map((r) => Number(r[2]));
    expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 0);
    expect(chart).toContain("Stated weight");
    expect(chart.indexOf(">Speed<")).toBeLessThan(chart.indexOf(">Taste<"));
    expect(chart.indexOf(">Taste<")).toBeLessThan(chart.indexOf(">Noise<"));
  });

  it("places the attributes in the importance × performance quadrants and gives Best's and Kotler's figures", async () => {
    // Every attribute: Ours 7, Rival 6, so every ratio is 7/6 (above parity). Kotler whatever the
    // weights: Q = 100 × 7/6 = 116.7; S = 116.67, RP = 10000 / S = 85.7; delivered 116.67 − 85.71
    // = 31.0; ratio 100 × 116.67 / 85.71 = 136.1. Quadrants: all perform above parity, Speed (the
    // largest weight) is important (keep), Noise (the smallest) is not (possibly over-invested).
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const quadrant = /<svg[^>]*id="quadrant"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    const placed = Object.fromEntries([...quadrant.matchAll(/<g data-attribute="(\w+)" data-quadrant="([\w-]+)"/g)].map((m) => [m[1], m[2]]));
    expect(placed.speed).toBe("keep");
    expect(placed.noise).toBe("over-invested");
    expect(Object.values(placed)).not.toContain("fix-first");
    const delivered = /data-testid="delivered-value"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const cell = (key: string) => new RegExp(`data-figure="${key}"><th scope="row">[^<]*</th><td>([^<]*)<`).exec(delivered)?.[1];
    expect([cell("value"), cell("cost"), cell("delivered"), cell("ratio")]).toEqual(["116.7", "85.7", "31.0", "136.1"]);
    // Best: Ours beats Rival on every attribute, price satisfaction included.
    const table = /data-testid="difference-by-offer"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const value = (offer: string) => Number(new RegExp(`<tr data-offer="${offer}">[\\s\\S]*?data-value="([-\\d.]+)"`).exec(table)?.[1]);
    expect(value("ours")).toBeGreaterThan(0);
    expect(value("rival")).toBeLessThan(0);
  });

  it("reads in Chinese", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email: "methods-report@example.com", password: "correct horse battery" });
    await zh.form("/lang", { locale: "zh-CN", back: `${studyPath}/report` });
    const html = await (await zh.request(`${studyPath}/report`)).text();
    expect(html).toContain("价格研究");
    expect(html).toContain("边际便宜点（PMC）");
    expect(html).toContain("可接受价格区间");
    expect(figure(html, "psm-points", "range")).toBe("25 EUR 至 35 EUR");
    expect(html).toContain("收入最大化价格");
    expect(html).toContain("MaxDiff 重要性");
    expect(html).toContain("重要性 × 表现");
    expect(html).toContain("Best 差值法与 Kotler 让渡价值");
    expect(html).not.toContain("report.price.");
    expect(html).not.toContain("report.maxDiff.");
    expect(html).not.toMatch(/report\.(quadrant|difference|delivered)\./);
  });
});
