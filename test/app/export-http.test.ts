import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { darkPixels, decodePng, pngHeader } from "./export-png-decode";
import { PAYLOADS, parseCsv } from "./export-csv-read";
import { one } from "./server-db";

/**
 * The report's downloads over HTTP from the built app on the demo study (id 1): the workbook's
 * figures are the page's, every chart downloads as SVG and PNG (2x, text drawn), the raw data
 * has one row per analysed respondent, filters carry over, every export is audited, and
 * researcher text with formulas or markup is inert in every file.
 */
let server: AppServer;
/** A second connection to the server's database (SQLite or PostgreSQL). */
let db: Db;
let researcher: Client;
const STUDY = "/studies/1";

const fmt = (v: number, d: number) => new Intl.NumberFormat("en", { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
/** The text of each <td> of the table row `<tr ... attr="value">` in server-rendered HTML. */
function rowCells(html: string, attr: string, value: string): string[] {
  const row = new RegExp(`<tr[^>]*${attr}="${value}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`no row ${attr}=${value}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").trim());
}
const testIdText = (html: string, id: string) =>
  new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`).exec(html)?.[1]?.replace(/<!-- -->/g, "").trim();

/** The day the server names its downloads after (UTC). */
const today = () => new Date().toISOString().slice(0, 10);

async function download(path: string): Promise<Response> {
  const res = await researcher.request(path);
  expect(res.status, path).toBe(200);
  return res;
}
async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await (await download(path)).arrayBuffer()) as unknown as ArrayBuffer);
  return wb;
}
/** A sheet's rows as header-keyed records. */
function records(sheet: ExcelJS.Worksheet): Array<Record<string, unknown>> {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  researcher = new Client(server.url);
  const res = await researcher.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
  expect(res.status).toBe(302);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("report downloads", () => {
  it("the XLSX workbook holds the page's figures: scores, value-map points and the quality profile", async () => {
    const html = await (await download(`${STUDY}/report`)).text();
    const wb = await workbook(`${STUDY}/report/export/tables.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Quality profile",
      "Price profile",
      "Value map points",
      "Head to head",
      "Won and lost",
      "What who",
      "Importance",
      "n per offer",
      // The tools of issue 19 the demo has (no MaxDiff, no price block): quadrant, Best, Kotler.
      "Importance quadrant",
      "Best difference method",
      "Kotler delivered value",
    ]);
    const summary = new Map(records(wb.getWorksheet("Summary")!).map((r) => [r.Item, r.Value]));
    expect(fmt(summary.get("Relative quality") as number, 1)).toBe(testIdText(html, "score-q"));
    expect(fmt(summary.get("Price satisfaction") as number, 1)).toBe(testIdText(html, "score-s"));
    expect(fmt(summary.get("Relative price") as number, 1)).toBe(testIdText(html, "score-rp"));

    const points = records(wb.getWorksheet("Value map points")!);
    expect(points.length).toBe(3);
    for (const p of points) {
      const cells = rowCells(html, "data-offer", String(p["Offer code"]));
      expect(cells[0]).toContain(String(p.Offer));
      expect(cells[1]).toBe(fmt(p["Relative quality Q"] as number, 1));
      expect(cells[3]).toBe(fmt(p["Relative price RP"] as number, 1));
      expect(cells[5]).toBe(fmt(p["Distance to fair-value line"] as number, 1));
      expect(cells[7]).toContain(String(p.n));
      expect(typeof p["Q 95% lower"]).toBe("number");
      expect(p["Q 95% lower"] as number).toBeLessThan(p["Relative quality Q"] as number);
    }
    const profile = records(wb.getWorksheet("Quality profile")!);
    for (const r of profile.filter((x) => x["Attribute code"] !== null)) {
      const cells = rowCells(html, "data-attribute", String(r["Attribute code"]));
      expect(cells[1]).toBe(fmt(r.Weight as number, 1));
      expect(cells[2]).toBe(fmt(r["Own mean"] as number, 2));
      expect(cells[3]).toBe(fmt(r["Competitors' mean"] as number, 2));
      expect(cells[4]).toBe(fmt(r.Ratio as number, 2));
    }
    const total = profile.find((x) => x["Attribute code"] === null)!;
    expect(fmt(total["Weight × ratio"] as number, 1)).toBe(testIdText(html, "quality-profile-total"));
  });

  it("the workbook's quadrant, Best and Kotler sheets hold the page's figures", async () => {
    const html = await (await download(`${STUDY}/report`)).text();
    const wb = await workbook(`${STUDY}/report/export/tables.xlsx`);
    const quadrant = /<svg[^>]*id="quadrant"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    const placed = Object.fromEntries([...quadrant.matchAll(/<g data-attribute="(\w+)" data-quadrant="([\w-]+)"/g)].map((m) => [m[1], m[2]]));
    const sheet = records(wb.getWorksheet("Importance quadrant")!);
    expect(sheet.length).toBeGreaterThan(0);
    expect(Object.fromEntries(sheet.map((r) => [r["Attribute code"], r["Quadrant code"]]))).toEqual(placed);
    const delivered = /data-testid="delivered-value"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const cell = (key: string) => new RegExp(`data-figure="${key}"><th scope="row">[^<]*</th><td>([^<]*)<`).exec(delivered)?.[1];
    const kotler = Object.fromEntries(records(wb.getWorksheet("Kotler delivered value")!).map((r) => [r["Figure code"], r.Value as number]));
    expect(fmt(kotler.totalValue!, 1)).toBe(cell("value"));
    expect(fmt(kotler.totalCost!, 1)).toBe(cell("cost"));
    expect(fmt(kotler.deliveredValue!, 1)).toBe(cell("delivered"));
    expect(fmt(kotler.deliveredValueRatio!, 1)).toBe(cell("ratio"));
    const best = /data-testid="difference-by-offer"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    for (const r of records(wb.getWorksheet("Best difference method")!)) {
      const shown = new RegExp(`<tr data-offer="${String(r["Offer code"])}">[\\s\\S]*?data-value="([-\\d.]+)"`).exec(best)?.[1];
      expect(Number(shown)).toBeCloseTo(r["Customer value (benefit − cost)"] as number, 4);
    }
    for (const name of ["quadrant", "difference", "delivered-value"]) {
      const text = await (await download(`${STUDY}/report/export/${name}.csv`)).text();
      expect(parseCsv(text.replace(/^\uFEFF/, "")).length, name).toBeGreaterThan(1);
    }
    // Not asked in the demo: no MaxDiff or price research table.
    expect((await researcher.request(`${STUDY}/report/export/maxdiff.csv`)).status).toBe(404);
  });

  it("each table as CSV: UTF-8 with BOM, the same figures as the workbook", async () => {
    const wb = await workbook(`${STUDY}/report/export/tables.xlsx`);
    const res = await download(`${STUDY}/report/export/value-map.csv`);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="home-espresso-machines-2026-value-map-${today()}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    const sheet = records(wb.getWorksheet("Value map points")!);
    expect(rows.length).toBe(sheet.length + 1);
    expect(rows[1]![1]).toBe(sheet[0]!["Offer code"]);
    expect(Number(rows[1]![3])).toBe(sheet[0]!["Relative quality Q"]);
    for (const name of ["summary", "quality-profile", "price-profile", "head-to-head", "won-lost", "what-who", "importance", "n-per-offer"]) {
      const text = await (await download(`${STUDY}/report/export/${name}.csv`)).text();
      expect(parseCsv(text.replace(/^\uFEFF/, "")).length, name).toBeGreaterThan(1);
    }
  });

  it("in Chinese: headers and labels in Chinese, numbers unchanged", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
    await zh.form("/lang", { locale: "zh-CN", next: "/studies" });
    const text = await (await zh.request(`${STUDY}/report/export/value-map.csv`)).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]![0]).toBe("产品");
    expect(rows.slice(1).map((r) => r[0])).toContain("紫菀");
    const en = parseCsv((await (await download(`${STUDY}/report/export/value-map.csv`)).text()).replace(/^\uFEFF/, ""));
    expect(rows.slice(1).map((r) => r[3])).toEqual(en.slice(1).map((r) => r[3]));
  });

  it("every chart as a standalone SVG and as a PNG twice its size with its labels drawn", async () => {
    for (const chart of ["value-map", "head-to-head", "timeline", "importance", "what-who"]) {
      const svgRes = await download(`${STUDY}/report/export/${chart}.svg`);
      expect(svgRes.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
      const svg = await svgRes.text();
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
      expect(/^<svg[^>]*>/m.exec(svg)![0]).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(svg).toMatch(/<title>[^<]+Home espresso machines 2026<\/title>/);
      expect(svg).toContain("font-family=\"&#x27;DejaVu Sans&#x27;, &#x27;Noto Sans CJK SC&#x27;, sans-serif\"".replace(/&#x27;/g, "'"));
      const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
      const height = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
      const pngRes = await download(`${STUDY}/report/export/${chart}.png`);
      expect(pngRes.headers.get("Content-Type")).toBe("image/png");
      const png = new Uint8Array(await pngRes.arrayBuffer());
      expect(pngHeader(png), chart).toMatchObject({ width: width * 2, height: height * 2 });
      const image = decodePng(png);
      expect(darkPixels(image, { x: 0, y: 0, w: image.width, h: image.height }, 80), chart).toBeGreaterThan(1000);
    }
  });

  it("the value map PNG draws the Chinese offer names: blanking them in the database removes dark pixels at the labels", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
    await zh.form("/lang", { locale: "zh-CN", next: "/studies" });
    const render = async () => decodePng(new Uint8Array(await (await zh.request(`${STUDY}/report/export/value-map.png`)).arrayBuffer()));
    const withNames = await render();
    const saved = await db.rows<{ id: number; name_zh: string }>(sql`select id, name_zh from offers where study_id = 1`);
    // Ideographic spaces, one per hanzi: blank names of the same width, so every label keeps its place.
    for (const o of saved) await db.run(sql`update offers set name_zh = ${"\u3000".repeat([...o.name_zh].length)} where id = ${o.id}`);
    const blank = await render();
    for (const o of saved) await db.run(sql`update offers set name_zh = ${o.name_zh} where id = ${o.id}`);
    // Six hanzi at 13 px (26 px in the PNG), drawn over a white halo: each leaves at least ten
    // dark pixels where the blank names leave white (about 100 in all on the demo). Counted pixel
    // by pixel: the labels keep their places, so nothing else turns from white to dark.
    expect(darkPixels(withNames, { x: 0, y: 0, w: withNames.width, h: withNames.height })).toBeGreaterThan(1000);
    let inkOnlyWithNames = 0;
    for (let i = 0; i < withNames.rgba.length; i += 4) {
      const a = (withNames.rgba[i]! + withNames.rgba[i + 1]! + withNames.rgba[i + 2]!) / 3;
      const b = (blank.rgba[i]! + blank.rgba[i + 1]! + blank.rgba[i + 2]!) / 3;
      if (a < 128 && b > 200) inkOnlyWithNames++;
    }
    expect(inkOnlyWithNames).toBeGreaterThan(60);
  });

  it("raw data: one wide row per analysed respondent, long rows per rating, both as CSV and XLSX, filters applied", async () => {
    const html = await (await download(`${STUDY}/report`)).text();
    const analysed = Number(/(\d+) of (\d+) complete responses analysed/.exec(html.replace(/<!-- -->/g, ""))![1]);
    const wide = parseCsv((await (await download(`${STUDY}/report/export/raw-wide.csv`)).text()).replace(/^\uFEFF/, ""));
    const header = wide[0]!;
    expect(header.slice(0, 9)).toEqual(["respondent_id", "wave", "locale", "questionnaire_version", "started_at", "completed_at", "duration_s", "flags", "review"]);
    expect(header).toContain("rating_aster_reliability");
    expect(header).toContain("weight_reliability");
    expect(header).toContain("overall_birch");
    expect(header).toContain("considered_cedar");
    expect(wide.length - 1).toBe(analysed);
    const long = parseCsv((await (await download(`${STUDY}/report/export/raw-long.csv`)).text()).replace(/^\uFEFF/, ""));
    expect(long[0]).toEqual(["respondent_id", "wave", "offer", "attribute", "kind", "score"]);
    // Every long row is the wide file's rating of the same respondent, offer and attribute.
    const col = new Map(header.map((h, i) => [h, i]));
    const byId = new Map(wide.slice(1).map((r) => [r[0], r]));
    let ratings = 0;
    for (const r of wide.slice(1)) for (const h of header) if (h.startsWith("rating_") && r[col.get(h)!] !== "") ratings++;
    expect(long.length - 1).toBe(ratings);
    for (const [id, , offer, attribute, , score] of long.slice(1, 50)) expect(byId.get(id)![col.get(`rating_${offer}_${attribute}`)!]).toBe(score);

    const xlsx = await workbook(`${STUDY}/report/export/raw-wide.xlsx`);
    const sheet = xlsx.worksheets[0]!;
    expect(sheet.rowCount).toBe(wide.length);
    expect(sheet.getCell("A2").value).toBe(Number(wide[1]![0]));
    const longXlsx = await workbook(`${STUDY}/report/export/raw-long.xlsx`);
    expect(longXlsx.worksheets[0]!.rowCount).toBe(long.length);

    // The flagged filter: "in" keeps every complete response.
    const all = parseCsv((await (await download(`${STUDY}/report/export/raw-wide.csv?flagged=in`)).text()).replace(/^\uFEFF/, ""));
    const complete = Number(/(\d+) of (\d+) complete responses analysed/.exec(html.replace(/<!-- -->/g, ""))![2]);
    expect(all.length - 1).toBe(complete);
  });

  it("records every export in the audit log (who, what, with the filters)", async () => {
    await download(`${STUDY}/report/export/importance.csv?flagged=in`);
    const events = await db.rows<{ actor_email: string; detail: string }>(
      sql`select actor_email, action, detail from audit_events where study_id = 1 and action = 'export' order by id`,
    );
    expect(events.length).toBeGreaterThan(10);
    expect(events.at(-1)).toMatchObject({ actor_email: "demo@valuemap.example", detail: expect.stringMatching(/^importance\.csv\?flagged=in$/) });
  });

  it("unknown names and bad filters: a 404 with a plain message, or the defaults", async () => {
    for (const name of ["nope.csv", "value-map.exe", "raw-wide.png", "tables.csv", "..%2F..%2Fetc%2Fpasswd"]) {
      const res = await researcher.request(`${STUDY}/report/export/${name}`);
      expect(res.status, name).toBe(404);
      const text = await res.text();
      expect(text, name).not.toMatch(/at .*\.js:\d+/);
    }
    const res = await researcher.request(`${STUDY}/report/export/value-map.csv?line=bogus&wave=-1`);
    expect(res.status).toBe(200);
  });
});

describe("downloads people paste into slides", () => {
  it("names files by the study's slug, the figure and the day", async () => {
    for (const [name, file] of [
      ["value-map.png", "value-map"],
      ["timeline.svg", "timeline"],
      ["tables.xlsx", "tables"],
      ["raw-long.csv", "raw-long"],
    ] as const) {
      const res = await download(`${STUDY}/report/export/${name}`);
      const extension = name.split(".")[1];
      expect(res.headers.get("Content-Disposition"), name).toBe(`attachment; filename="home-espresso-machines-2026-${file}-${today()}.${extension}"`);
    }
  });

  it("each chart carries its title, n, the filters in words and the day above the drawing", async () => {
    const html = await (await download(`${STUDY}/report?flagged=in&line=parity`)).text();
    const analysed = /(\d+) of (\d+) complete responses analysed/.exec(html.replace(/<!-- -->/g, ""))![1];
    const svg = await (await download(`${STUDY}/report/export/value-map.svg?flagged=in&line=parity`)).text();
    const header = svg.slice(0, svg.indexOf("<g transform="));
    expect(header).toContain("Value map · Home espresso machines 2026");
    const subtitle = [...header.matchAll(/<text[^>]*data-chart-subtitle=""[^>]*>([^<]*)</g)].map((m) => m[1]).join(" ");
    expect(subtitle).toContain(`n = ${analysed}`);
    expect(subtitle).toContain("Fair-value line: Parity (slope 1)");
    expect(subtitle).toContain("flagged responses included");
    const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(Date.now());
    expect(subtitle).toContain(day);
    // The chart itself sits below the band, whole.
    const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
    const height = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
    expect(/<svg[^>]*viewBox="([^"]*)"/.exec(svg)![1]).toBe(`0 0 ${width} ${height}`);
    expect(width).toBe(640);
    const band = Number(/<g transform="translate\(0 (\d+)\)">/.exec(svg)![1]);
    expect(svg.slice(svg.indexOf("<g transform="))).toContain(`<rect x="0" y="0" width="640" height="${height - band}" fill="#ffffff">`);
  });

  it("the workbook: numbers keep every digit, shown with 1 decimal for indices and 3 for ratios; widths, frozen headers, filters in words, real dates", async () => {
    const wb = await workbook(`${STUDY}/report/export/tables.xlsx`);
    const map = wb.getWorksheet("Value map points")!;
    const header = (map.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    const q = map.getRow(2).getCell(col("Relative quality Q"));
    expect(q.numFmt).toBe("0.0");
    expect(String(q.value)).toMatch(/\.\d{4,}/); // unrounded underneath
    expect(map.getRow(2).getCell(col("Distance to fair-value line")).numFmt).toBe("0.0");
    expect(map.getRow(2).getCell(col("n")).numFmt).toBe("0");
    const profile = wb.getWorksheet("Quality profile")!;
    const pHeader = (profile.getRow(1).values as unknown[]).slice(1).map(String);
    expect(profile.getRow(2).getCell(pHeader.indexOf("Ratio") + 1).numFmt).toBe("0.000");
    expect(profile.getRow(2).getCell(pHeader.indexOf("Own mean") + 1).numFmt).toBe("0.00");
    expect(profile.getRow(2).getCell(pHeader.indexOf("Weight") + 1).numFmt).toBe("0.0");
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0]?.state, sheet.name).toBe("frozen");
      expect(sheet.getColumn(1).width, sheet.name).toBeGreaterThanOrEqual(8);
    }
    // "Offer" is the widest of its column's texts plus a margin.
    expect(map.getColumn(col("Offer")).width).toBeGreaterThanOrEqual("Offer".length + 2);
    const summary = new Map(records(wb.getWorksheet("Summary")!).map((r) => [r.Item, r.Value]));
    expect(summary.get("Filters")).toBe("Fair-value line: Quality share (weights); all respondents; all waves; flagged responses left out");
    const rows = wb.getWorksheet("Summary")!;
    rows.eachRow((row) => {
      if (row.getCell(1).value === "Relative quality") expect(row.getCell(2).numFmt).toBe("0.0");
      if (row.getCell(1).value === "Respondents analysed") expect(row.getCell(2).numFmt).toBe("0");
    });
    const raw = await workbook(`${STUDY}/report/export/raw-wide.xlsx`);
    const sheet = raw.worksheets[0]!;
    const rawHeader = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const completed = sheet.getRow(2).getCell(rawHeader.indexOf("completed_at") + 1);
    expect(completed.value).toBeInstanceOf(Date);
    expect(completed.numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    const csv = parseCsv((await (await download(`${STUDY}/report/export/raw-wide.csv`)).text()).replace(/^\uFEFF/, ""));
    expect((completed.value as Date).toISOString()).toBe(csv[1]![csv[0]!.indexOf("completed_at")]);
  });
});

describe("formula and markup payloads in exported files", () => {
  const TITLE = `=HYPERLINK("http://evil","x")<script>alert(1)</script>`;
  const OFFER = "+cmd|' /C calc'!A0<img src=x onerror=alert(1)>";
  const ATTRIBUTE = "@SUM(1+1)";
  const PROFILE = "-2+3";
  beforeAll(async () => {
    await db.run(sql`update studies set title = ${TITLE} where id = 1`);
    await db.run(sql`update offers set name = ${OFFER} where study_id = 1 and is_own = ${true}`);
    await db.run(sql`update attributes set name = ${ATTRIBUTE} where study_id = 1 and code = 'reliability'`);
    await db.run(
      sql`insert into profile_questions (study_id, code, kind, text, text_zh, choices_json, is_segment, sort) values (1, 'remark', 'text', 'Remark', null, '[]', ${false}, 9)`,
    );
    const first = await one<{ id: number }>(
      db,
      sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
          where q.study_id = 1 and q.stage = 'rating' and r.status = 'complete' order by r.id limit 1`,
    );
    await db.run(sql`insert into response_profile (response_id, question_code, value) values (${first.id}, 'remark', ${PROFILE})`);
    await db.run(sql`insert into response_profile (response_id, question_code, value) values (${first.id}, 'remark2', ${PAYLOADS[0]!})`);
  });

  it("CSV and XLSX: every payload cell starts with an apostrophe and no cell is a formula", async () => {
    const csvs = await Promise.all(
      ["summary.csv", "value-map.csv", "quality-profile.csv", "head-to-head.csv", "raw-wide.csv"].map(async (n) => [n, (await (await download(`${STUDY}/report/export/${n}`)).text()).replace(/^\uFEFF/, "")] as const),
    );
    const cells = csvs.flatMap(([, text]) => parseCsv(text).flat());
    // Numbers stay numbers (a negative number is written as such); every other cell is inert.
    const isNumber = (cell: string) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);
    for (const cell of cells) if (cell.length && !isNumber(cell)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'${TITLE}`);
    expect(cells).toContain(`'${OFFER}`);
    expect(cells).toContain(`'${ATTRIBUTE}`);
    expect(cells).toContain(`'${PROFILE}`);

    for (const path of ["tables.xlsx", "raw-wide.xlsx"]) {
      const wb = await workbook(`${STUDY}/report/export/${path}`);
      const texts: string[] = [];
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.formula, path).toBeUndefined();
            expect(cell.type, path).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === "string") texts.push(cell.value);
          }),
        ),
      );
      for (const text of texts) expect(text, `${path}: ${text}`).not.toMatch(/^[=+\-@\t\r]/);
      if (path === "tables.xlsx") {
        expect(texts).toContain(`'${TITLE}`);
        expect(texts).toContain(`'${OFFER}`);
      } else expect(texts).toContain(`'${PROFILE}`);
    }
  });

  it("SVG: names with markup are escaped text, never elements", async () => {
    for (const chart of ["value-map", "head-to-head", "importance"]) {
      const svg = await (await download(`${STUDY}/report/export/${chart}.svg`)).text();
      expect(svg, chart).not.toContain("<script");
      expect(svg, chart).not.toContain("<img");
      // No event-handler attribute anywhere (escaped text may contain "onerror=", never as an attribute).
      expect(svg, chart).not.toMatch(/\son[a-z]+="/i);
    }
    const title = await (await download(`${STUDY}/report/export/value-map.svg`)).text();
    expect(title).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const map = await (await download(`${STUDY}/report/export/value-map.svg`)).text();
    expect(map).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
