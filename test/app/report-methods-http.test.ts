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

/**
 * Kotler's cost groups and the lost reasons split by kind (issue 19), on a second study of the
 * same server: Ours and Rival; quality "Cleaning"; price "Price" (money, the default) and
 * "Waiting" (cost group time, chosen on the design form). Three respondents, each with quality
 * share 60 and weights Cleaning 100, Price 50, Waiting 50 (so the market weights are those):
 *            Cleaning (O/R)  Price (O/R)  Waiting (O/R)  bought  considered
 *   R1 won        8 / 6         6 / 8        9 / 6        Ours    Ours
 *   R2 lost       8 / 6         4 / 8        9 / 6        Rival   Ours, Rival
 *   R3 lost       8 / 9         5 / 8        6 / 6        Rival   Ours, Rival
 * Means: Cleaning 8 / 7, Price 5 / 8, Waiting 8 / 6.
 * Kotler (docs/method.md §4 (e)): Q = 100 × 8/7 = 114.29; S = 50 × 5/8 + 50 × 8/6 = 97.92,
 * RP = 10000 / 97.92 = 102.13; cost groups: money = 100 / (5/8) = 160, time = 100 / (8/6) = 75
 * (their weighted harmonic mean, 100 / (.5 × .625 + .5 × 1.333), is RP again); delivered value
 * 114.29 − 102.13 = 12.16; ratio 100 × 114.29 / 102.13 = 111.90.
 * Lost split by kind (§3 (d)), lead of Rival in each lost customer's own value:
 *   R2 quality 100 × (6 − 8) / 100 = −2 → part 60 × −2 / 100 = −1.2; price (50 × 4 + 50 × −3) / 100 = .5 → 40 × .5 / 100 = .2
 *   R3 quality 100 × (9 − 8) / 100 = 1 → .6; price (50 × 3 + 50 × 0) / 100 = 1.5 → 40 × 1.5 / 100 = .6
 *   means: quality (−1.2 + .6) / 2 = −.3, price (.2 + .6) / 2 = .4, total .1: price carried the losses.
 * Win rate 1 / (1 + 2) = 33.3 %.
 */
describe("Kotler's cost groups and the lost reasons split by kind", () => {
  const email = "cost-groups@example.com";
  let kotler: Client;
  let path2: string;

  beforeAll(async () => {
    kotler = new Client(server.url);
    path2 = await publishedStudy(kotler, {
      email,
      title: "Dry cleaning",
      attributes: [
        { kind: "quality", name: "Cleaning" },
        { kind: "price", name: "Price" },
        { kind: "price", name: "Waiting", costGroup: "time" },
      ],
    });
    const studyId = Number(path2.split("/")[2]);
    const db = await server.openDb();
    try {
      await db.transaction(async (tx) => {
        const code = async (table: "offers" | "attributes", name: string) =>
          (await one<{ code: string }>(tx, sql`select code from ${sql.identifier(table)} where study_id = ${studyId} and name = ${name}`)).code;
        const [ours, rival] = [await code("offers", "Ours"), await code("offers", "Rival")];
        const [cleaning, price, waiting] = [await code("attributes", "Cleaning"), await code("attributes", "Price"), await code("attributes", "Waiting")];
        const questionnaire = (await one<{ id: number }>(tx, sql`select id from questionnaires where study_id = ${studyId} and stage = 'rating'`)).id;
        const respondents = [
          { ratings: { [cleaning]: [8, 6], [price]: [6, 8], [waiting]: [9, 6] }, chose: ours },
          { ratings: { [cleaning]: [8, 6], [price]: [4, 8], [waiting]: [9, 6] }, chose: rival },
          { ratings: { [cleaning]: [8, 9], [price]: [5, 8], [waiting]: [6, 6] }, chose: rival },
        ];
        for (const [i, r] of respondents.entries()) {
          const at = 1_790_000_000_000 + i * 600_000;
          const id = await insertId(
            tx,
            sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at, review)
                values (${`kotler-${i}`}, ${questionnaire}, 'complete', '[]', 60, ${at}, ${at + 300_000}, ${at + 300_000}, 'include') returning id`,
          );
          for (const [attribute, weight] of [[cleaning, 100], [price, 50], [waiting, 50]] as const) {
            await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${attribute}, ${weight})`);
          }
          for (const [attribute, [own, other]] of Object.entries(r.ratings) as Array<[string, [number, number]]>) {
            await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${ours}, ${attribute}, ${own})`);
            await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${rival}, ${attribute}, ${other})`);
          }
          // Ours is considered by all three; the bought offer counts as considered.
          await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, chose, considered) values (${id}, ${ours}, 0, ${true}, ${r.chose === ours}, ${true})`);
          await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, chose, considered) values (${id}, ${rival}, 1, ${true}, ${r.chose === rival}, ${r.chose === rival})`);
        }
      });
    } finally {
      await db.close();
    }
  });

  it("offers the cost group on price attributes of the design page, with its hint, and refuses an unknown one changing nothing", async () => {
    const html = await (await kotler.request(path2)).text();
    const selects = [...html.matchAll(/<select[^>]*data-testid="cost-group"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => m[1]!);
    // Two price attributes (Price, Waiting), none on the quality one.
    expect(selects).toHaveLength(2);
    const chosen = selects.map((s) => /<option value="(\w+)" selected="">/.exec(s)?.[1]);
    expect(chosen).toEqual(["money", "time"]);
    expect([...selects[0]!.matchAll(/<option value="\w+"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["Money", "Time", "Energy", "Psychic"]);
    expect(html).toContain("What the customer gives up: money, time, effort, or worry.");
    const zh = await (await kotler.request(`${path2}?lang=zh-CN`)).text();
    const zhSelect = /<select[^>]*data-testid="cost-group"[^>]*>([\s\S]*?)<\/select>/.exec(zh)?.[1] ?? "";
    expect([...zhSelect.matchAll(/<option value="\w+"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["金钱", "时间", "精力", "心理"]);
    expect(zh).toContain("成本类别");

    const studyId = Number(path2.split("/")[2]);
    const db = await server.openDb();
    const attributeId = async () => (await one<{ id: number }>(db, sql`select id from attributes where study_id = ${studyId} and name = 'Waiting'`)).id;
    const groups = async () => (await db.rows<{ cost_group: string }>(sql`select cost_group from attributes where study_id = ${studyId} order by sort`)).map((r) => r.cost_group);
    try {
      const id = String(await attributeId());
      const refused = await kotler.form(path2, { intent: "updateAttribute", attributeId: id, name: "Waiting", costGroup: "fuel" });
      expect(await refused.text()).toContain("Choose a cost group: money, time, energy or psychic.");
      expect(await groups()).toEqual(["money", "money", "time"]);
    } finally {
      await db.close();
    }
  });

  it("gives the total customer cost per cost group beside Kotler's figures, as computed by hand", async () => {
    const html = await (await kotler.request(`${path2}/report`)).text();
    const delivered = /data-testid="delivered-value"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const rows = [...delivered.matchAll(/<tr data-figure="([\w-]+)"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ["value", "Total customer value", "114.3"],
      ["cost", "Total customer cost", "102.1"],
      ["cost-money", "Customer cost: money", "160.0"],
      ["cost-time", "Customer cost: time", "75.0"],
      ["delivered", "Delivered value (value − cost)", "12.2"],
      ["ratio", "Value to cost (100 = parity)", "111.9"],
    ]);
    expect(html).toContain("Each cost group is the own offer&#x27;s total customer cost in that group relative to the competitors");
  });

  it("splits the losses into a quality part and a price part with a one-line reading", async () => {
    const html = (await (await kotler.request(`${path2}/report`)).text()).replace(/<!-- -->/g, "");
    expect(/data-testid="win-rate">([^<]*)</.exec(html)?.[1]).toBe("33.3%");
    const split = /data-testid="lost-by-kind"[\s\S]*?data-testid="lost-by-kind-reading">([^<]*)</.exec(html);
    expect(split).not.toBeNull();
    const values = Object.fromEntries([...split![0].matchAll(/<tr data-kind="(\w+)">[\s\S]*?data-value="([-\d.]+)"/g)].map((m) => [m[1], m[2]]));
    expect(values).toEqual({ quality: "-0.3000", price: "0.4000", total: "0.1000" });
    expect(split![0]).toContain('data-n="2"');
    expect(split![1]).toBe("Price carried the losses: on quality, the lost customers rated us at least as well as the competitor they chose.");
  });

  it("exports the cost groups' rows in the Kotler table", async () => {
    const res = await kotler.request(`${path2}/report/export/delivered-value.csv`);
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, "")).slice(1);
    expect(rows.map((r) => r[1])).toEqual(["totalValue", "totalCost", "cost.money", "cost.time", "deliveredValue", "deliveredValueRatio"]);
    const value = Object.fromEntries(rows.map((r) => [r[1], Number(r[2])]));
    expect(value["cost.money"]).toBeCloseTo(160, 9);
    expect(value["cost.time"]).toBeCloseTo(75, 9);
    expect(value.totalCost).toBeCloseTo(10000 / (50 * (5 / 8) + 50 * (8 / 6)), 9);
    expect(rows.find((r) => r[1] === "cost.time")?.[0]).toBe("Customer cost: time");
  });

  it("reads in Chinese", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email, password: "correct horse battery" });
    await zh.form("/lang", { locale: "zh-CN", back: `${path2}/report` });
    const html = await (await zh.request(`${path2}/report`)).text();
    expect(html).toContain("顾客成本：金钱");
    expect(html).toContain("顾客成本：时间");
    expect(html).toContain("流失按质量与价格拆分");
    expect(html).toContain("价格是流失的主因：在质量上，流失顾客对我们的评价不低于他们所选的竞品。");
    expect(html).not.toMatch(/report\.(delivered|wonLost)\./);
    const csv = parseCsv((await (await zh.request(`${path2}/report/export/delivered-value.csv`)).text()).replace(/^\uFEFF/, ""));
    expect(csv.find((r) => r[1] === "cost.time")?.[0]).toBe("顾客成本：时间");
  });
});
