import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethodAnswers } from "../../db/queries/method-answers";
import { setPublishedMethods } from "../helpers/published-methods";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { publishedStudy } from "../helpers/published-study";
import { insertId, one } from "./server-db";
import { parseCsv } from "./export-csv-read";

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
    await setPublishedMethods(
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
      // Actual prices, for the fair price in the price evidence table.
      await tx.run(sql`update offers set price = 45 where study_id = ${studyId} and code = ${ours}`);
      await tx.run(sql`update offers set price = 40 where study_id = ${studyId} and code = ${rival}`);
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

  it("puts the fair price beside the revenue-maximising prices, the acceptable range, OPP and IPP, each with its reading", async () => {
    // Fair price by hand (method-more.md §1): Ours 7 and Rival 6 on every attribute, so
    // Q = 100 × 7/6 = 116.67 whatever the weights; q = 60, so the weights line has slope
    // 60 / 40 = 1.5 through (100, 100): RP* = 100 + 1.5 × 16.67 = 125; the reference price is
    // Rival's 40, so the fair price is 125 / 100 × 40 = 50. The price block's figures are those
    // computed by hand above: NMS 25, Gabor–Granger 50, range 25 to 35, OPP 30, IPP 30.
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const table = /data-testid="price-evidence"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(table).toContain("Price evidence");
    const rows = [...table.matchAll(/<tr data-evidence="(\w+)"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ["fair", "Fair price (value map)", "50 EUR"],
      ["nms", "Revenue-maximising price (Newton–Miller–Smith)", "25 EUR"],
      ["gg", "Revenue-maximising price (Gabor–Granger)", "50 EUR"],
      ["range", "Acceptable price range (Van Westendorp)", "25 EUR to 35 EUR"],
      ["opp", "Optimal price point (OPP)", "30 EUR"],
      ["ipp", "Indifference price point (IPP)", "30 EUR"],
    ]);
    expect(table).toContain("As many call it too cheap as too expensive.");
    expect(table).toContain("The price at which Ours would sit on the fair-value line at its quality.");
    expect(table).toContain('data-n="2"');
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

  it("exports the method tables as CSV and as sheets of the workbook, with the hand-computed figures", async () => {
    const csv = async (name: string) => {
      const res = await owner.request(`${studyPath}/report/export/${name}.csv`);
      expect(res.status, name).toBe(200);
      return parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    };
    // Price research: figure code (column 2) -> value (3), n (4).
    const price = await csv("price-research");
    expect(price[0]).toEqual(["Method", "Figure", "Figure code", "Value", "n", "Note"]);
    const byCode = (rows: string[][], method: string) => Object.fromEntries(rows.filter((r) => r[0] === method).map((r) => [r[2], [r[3], r[4]]]));
    expect(byCode(price, "Van Westendorp price sensitivity")).toEqual({
      pmc: ["25", "2"],
      opp: ["30", "2"],
      ipp: ["30", "2"],
      pme: ["35", "2"],
      rangeLower: ["25", "2"],
      rangeUpper: ["35", "2"],
    });
    const nms = byCode(price, "Newton–Miller–Smith demand and revenue");
    expect(nms.demandMax).toEqual(["20", "2"]);
    expect(Number(nms.revenueMax![0])).toBeCloseTo(25, 6);
    expect(byCode(price, "Gabor–Granger demand")).toEqual({ "demand-20": ["1", "2"], "demand-30": ["0.5", "2"], "demand-50": ["0.5", "2"], revenueMax: ["50", "2"] });
    // The fair price of the price evidence table: 125 / 100 × 40 = 50.
    expect(Number(byCode(price, "Fair price (value map)").fairPrice![0])).toBeCloseTo(50, 9);

    // MaxDiff: three quality attributes, shares summing to 100, Speed first and Noise last, each with its interval.
    const maxdiff = await csv("maxdiff");
    expect(maxdiff[0]).toEqual(["Attribute", "Attribute code", "MaxDiff share", "Share lower 95 %", "Share upper 95 %", "Utility", "Stated weight", "n"]);
    const shares: Record<string, number> = Object.fromEntries(maxdiff.slice(1).map((r) => [r[0]!, Number(r[2])]));
    expect(Object.keys(shares).sort()).toEqual(["Noise", "Speed", "Taste"]);
    expect(Object.values(shares).reduce((x, y) => x + y, 0)).toBeCloseTo(100, 6);
    expect(shares.Speed!).toBeGreaterThan(shares.Taste!);
    expect(shares.Taste!).toBeGreaterThan(shares.Noise!);
    for (const r of maxdiff.slice(1)) {
      expect(r[7]).toBe("2");
      if (r[3] !== "") expect(Number(r[3])).toBeLessThanOrEqual(Number(r[2]));
    }

    // Quadrant (as on the page): Speed keep, Noise over-invested; ratio 7/6 everywhere.
    const quadrant = await csv("quadrant");
    const placed = Object.fromEntries(quadrant.slice(1).map((r) => [r[1], r[5]]));
    expect(placed.speed).toBe("keep");
    expect(placed.noise).toBe("over-invested");
    for (const r of quadrant.slice(1)) expect(Number(r[3])).toBeCloseTo(7 / 6, 9);

    // Kotler by hand (above): 116.67, 85.71, 30.95, 136.11.
    const kotler = Object.fromEntries((await csv("delivered-value")).slice(1).map((r) => [r[1], Number(r[2])]));
    expect(kotler.totalValue).toBeCloseTo(700 / 6, 6);
    expect(kotler.totalCost).toBeCloseTo(600 / 7, 6);
    expect(kotler.deliveredValue).toBeCloseTo(700 / 6 - 600 / 7, 6);
    expect(kotler.deliveredValueRatio).toBeCloseTo((100 * 700) / 6 / (600 / 7), 6);

    // Best: Ours beats Rival.
    const difference = Object.fromEntries((await csv("difference")).slice(1).map((r) => [r[1], Number(r[5])]));
    expect(difference.ours).toBeGreaterThan(0);
    expect(difference.rival).toBeLessThan(0);

    // The workbook holds the same tables as sheets after the report's own.
    const res = await owner.request(`${studyPath}/report/export/tables.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(-5)).toEqual(["MaxDiff shares", "Price research", "Importance quadrant", "Best difference method", "Kotler delivered value"]);
    const sheet = wb.getWorksheet("Price research")!;
    const values: Record<string, unknown> = {};
    sheet.eachRow((row, n) => {
      if (n > 1) values[String(row.getCell(3).value)] = row.getCell(4).value;
    });
    expect(values.opp).toBe(30);
    expect(values["demand-30"]).toBe(0.5);

    // The page links each table's CSV.
    const html = await (await owner.request(`${studyPath}/report`)).text();
    for (const name of ["maxdiff", "price-research", "quadrant", "difference", "delivered-value"]) expect(html).toContain(`data-export="${name}.csv"`);
  });

  it("prints the method tables on paper: MaxDiff shares with intervals, price evidence, quadrant, Best and Kotler", async () => {
    const html = await (await owner.request(`${studyPath}/report`)).text();
    // The tables hidden behind the charts' toggles on screen are printed.
    const printed = (id: string) => new RegExp(`data-print-table="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
    expect([...printed("maxdiff").matchAll(/<tr data-attribute="(\w+)">/g)].map((m) => m[1])).toEqual(["speed", "taste", "noise"]);
    expect([...printed("quadrant").matchAll(/<tr data-attribute="(\w+)">/g)].map((m) => m[1]).sort()).toEqual(["noise", "speed", "taste"]);
    const res = await owner.request(`${studyPath}/report/export/report.pdf`);
    expect(res.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-pdf-")), "report.pdf");
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    let text = "";
    try {
      text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    for (const words of ["MaxDiff share", "Stated weight", "Price evidence", "Fair price (value map)", "50 EUR", "Revenue-maximising price (Gabor–Granger)", "25 EUR to 35 EUR", "Keep up", "Possibly over-invested", "Relative benefit", "136.1"]) {
      expect(text, words).toContain(words);
    }
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
    expect(html).toContain("价格证据");
    expect(html).toContain("认为太便宜与认为太贵的人一样多。");
    expect(html).not.toContain("report.evidence.");
    expect(html).toContain("MaxDiff 重要性");
    expect(html).toContain("重要性 × 表现");
    expect(html).toContain("Best 差值法与 Kotler 让渡价值");
    expect(html).not.toContain("report.price.");
    expect(html).not.toContain("report.maxDiff.");
    expect(html).not.toMatch(/report\.(quadrant|difference|delivered)\./);
  });

  it("says so when responses were collected under versions with different methods (the newest applies), last: it changes the study", async () => {
    // A version 2 frozen without any methods (points, no price block) and one response moved under it.
    const studyId = Number(studyPath.split("/")[2]);
    const db = await server.openDb();
    try {
      const v1 = await one<{ definitionJson: string; surveyJson: string; publishedAt: number }>(
        db,
        sql`select definition_json as "definitionJson", survey_json as "surveyJson", published_at as "publishedAt" from questionnaires where study_id = ${studyId} and stage = 'rating' and version = 1`,
      );
      const { methods: _frozen, ...points } = JSON.parse(v1.definitionJson) as Record<string, unknown>;
      const v2 = await insertId(
        db,
        sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at)
            values (${studyId}, 'rating', 2, ${JSON.stringify(points)}, ${v1.surveyJson}, ${v1.publishedAt + 1}) returning id`,
      );
      await db.run(sql`update responses set questionnaire_id = ${v2} where client_id = 'methods-1'`);
    } finally {
      await db.close();
    }
    const html = await (await owner.request(`${studyPath}/report`)).text();
    expect(/data-testid="methods-mixed"[^>]*>([^<]*)</.exec(html)?.[1]).toBe(
      "The responses were collected under questionnaire versions with different research methods; all are analysed with the methods of version 2, the newest of them.",
    );
    expect(html).not.toContain('data-section="maxdiff"');
  });
});
