import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { parseCsv } from "./export-csv-read";
import { checkRSyntax, hasProgram, readDtaWithHaven, readSavWithPspp, readTripleSWithPspp, readWithRScript, type ReadBack } from "./labelled-read";
import { readZip } from "./zip-read";

/**
 * The labelled exports of the demo study (id 1) downloaded from the built server and read back
 * by independent programs: the SPSS file by PSPP, the Stata file by R's haven, the R script by R
 * (its syntax checked when R is missing), the Triple-S data by PSPP at the XML's positions. Each
 * must give the database's values, the variable labels, the value labels and "don't know" /
 * "not asked" as distinct declared missing values, in the language asked for.
 */
let server: AppServer;
let db: Db;
let researcher: Client;
let dir: string;
const STUDY = "/studies/1";

/** The labels the export promises (exports.*.ts, questionnaire-texts.ts), spelled out here. */
const WORDS = {
  en: { dontKnow: "Don't know", notAsked: "Not asked", yes: "Yes", no: "No", veryPoor: "Very poor", excellent: "Excellent", veryDissatisfied: "Very dissatisfied", verySatisfied: "Very satisfied", notAtAll: "Not at all", completely: "Completely", respondent: "Respondent id" },
  "zh-CN": { dontKnow: "不知道", notAsked: "未询问", yes: "是", no: "否", veryPoor: "非常差", excellent: "非常好", veryDissatisfied: "非常不满意", verySatisfied: "非常满意", notAtAll: "完全不是", completely: "完全是", respondent: "受访者编号" },
} as const;
type Lang = keyof typeof WORDS;
const ratingLabel = (lang: Lang, offer: string, attribute: string) => (lang === "en" ? `${offer}: ${attribute} (1-10)` : `${offer}：${attribute}（1-10）`);

type Expected = number | null | "dontKnow" | "notAsked";

/** What the database holds, read with plain SQL (not through the app's queries). */
interface Truth {
  offers: Array<{ code: string; name: string; name_zh: string }>;
  attributes: Array<{ code: string; name: string; name_zh: string; kind: "quality" | "price" }>;
  segment: { code: string; text: string; text_zh: string | null; choices: Array<{ code: string; label: string; labelZh?: string | null }> };
  rows: Array<Map<string, Expected>>;
}

async function readTruth(): Promise<Truth> {
  const offers = await db.rows<Truth["offers"][number] & { is_own: unknown }>(sql`select code, name, name_zh, is_own from offers where study_id = 1 order by sort, id`);
  const own = offers.find((o) => Number(o.is_own))!.code;
  const attributes = await db.rows<Truth["attributes"][number]>(
    sql`select code, name, name_zh, kind from attributes where study_id = 1 order by case kind when 'quality' then 0 else 1 end, sort, id`,
  );
  const [q] = await db.rows<{ code: string; text: string; text_zh: string | null; choices_json: string }>(
    sql`select code, text, text_zh, choices_json from profile_questions where study_id = 1 order by sort, id`,
  );
  const responses = await db.rows<{ id: number; wave: number; quality_share: number }>(
    sql`select r.id, r.wave, r.quality_share from responses r join questionnaires q on q.id = r.questionnaire_id
        where q.study_id = 1 and q.stage = 'rating' and r.status = 'complete' order by r.id`,
  );
  const ids = new Set(responses.map((r) => Number(r.id)));
  const ratings = await db.rows<{ response_id: number; offer_code: string; attribute_code: string; score: number }>(sql`select * from response_ratings`);
  const answers = await db.rows<{ response_id: number; offer_code: string; known: unknown; worth: number | null; overall: number | null; chose: unknown; considered: unknown }>(
    sql`select response_id, offer_code, known, worth, overall, chose, considered from response_offers`,
  );
  const weights = await db.rows<{ response_id: number; attribute_code: string; weight: number }>(sql`select * from response_weights`);
  const profile = await db.rows<{ response_id: number; question_code: string; value: string }>(sql`select * from response_profile`);
  const rows = new Map(responses.map((r) => [Number(r.id), new Map<string, Expected>([["respondent_id", Number(r.id)], ["wave", Number(r.wave)], ["quality_share", Number(r.quality_share)]])]));
  const knows = new Map<number, Set<string>>();
  for (const a of answers) {
    const row = rows.get(Number(a.response_id));
    if (!row) continue;
    const known = Boolean(Number(a.known));
    if (known) (knows.get(Number(a.response_id)) ?? knows.set(Number(a.response_id), new Set()).get(Number(a.response_id))!).add(a.offer_code);
    row.set(`known_${a.offer_code}`, known ? 1 : 0);
    row.set(`considered_${a.offer_code}`, Number(a.considered) ? 1 : 0);
    // An offer the respondent does not know was not asked; a known one without a score is "don't know".
    row.set(`overall_${a.offer_code}`, a.overall ?? (known ? "dontKnow" : "notAsked"));
    row.set(`worth_${a.offer_code}`, a.worth ?? (known ? "dontKnow" : "notAsked"));
    if (Number(a.chose)) row.set("chose", offers.findIndex((o) => o.code === a.offer_code) + 1);
  }
  const considered = new Map<number, string[]>();
  for (const a of answers) if (Number(a.considered)) (considered.get(Number(a.response_id)) ?? considered.set(Number(a.response_id), []).get(Number(a.response_id))!).push(a.offer_code);
  for (const [id, row] of rows) {
    if (!row.has("chose")) row.set("chose", null);
    // The report's won/lost groups (method.md, the tools (d)), numbered 1-5 in that order: won,
    // lost, bought a competitor without considering the own offer, considered set unknown, no purchase.
    const chose = row.get("chose") === null ? null : offers[(row.get("chose") as number) - 1]!.code;
    const set = considered.get(id) ?? [];
    row.set("won_lost", chose === null ? 5 : chose === own ? 1 : set.includes(own) ? 2 : set.length > 0 ? 3 : 4);
    for (const o of offers) for (const a of attributes) row.set(`rating_${o.code}_${a.code}`, knows.get(id)?.has(o.code) ? "dontKnow" : "notAsked");
  }
  for (const r of ratings) if (ids.has(Number(r.response_id))) rows.get(Number(r.response_id))!.set(`rating_${r.offer_code}_${r.attribute_code}`, Number(r.score));
  for (const w of weights) rows.get(Number(w.response_id))?.set(`weight_${w.attribute_code}`, Number(w.weight));
  const choices = JSON.parse(q!.choices_json) as Truth["segment"]["choices"];
  for (const p of profile) {
    if (p.question_code === q!.code) rows.get(Number(p.response_id))?.set(`profile_${q!.code}`, choices.findIndex((c) => c.code === p.value) + 1);
  }
  return { offers, attributes, segment: { ...q!, choices }, rows: [...rows.values()] };
}

/** Every value, label, value label and missing value of the read-back file against the database. */
function expectSameAsDatabase(back: ReadBack, truth: Truth, lang: Lang, format: string) {
  const w = WORDS[lang];
  const name = (x: { name: string; name_zh: string | null }) => (lang === "en" ? x.name : x.name_zh || x.name);
  expect(back.rows.length, format).toBe(truth.rows.length);
  expect(back.labels.get("respondent_id"), format).toBe(w.respondent);
  expect(back.labels.get(`profile_${truth.segment.code}`), format).toBe(lang === "en" ? truth.segment.text : truth.segment.text_zh || truth.segment.text);
  truth.segment.choices.forEach((c, i) => expect(back.valueLabels.get(`profile_${truth.segment.code}`)?.get(String(i + 1)), format).toBe(lang === "en" ? c.label : c.labelZh || c.label));
  truth.offers.forEach((o, i) => expect(back.valueLabels.get("chose")?.get(String(i + 1)), format).toBe(name(o)));
  expect(back.valueLabels.get("won_lost")?.get("1"), format).toBe(lang === "en" ? "Won: bought the own offer last" : "赢得：最近一次购买的是本产品");
  for (const o of truth.offers) {
    for (const a of truth.attributes) {
      const v = `rating_${o.code}_${a.code}`;
      expect(back.labels.get(v), `${format} ${v}`).toBe(ratingLabel(lang, name(o), name(a)));
      const labels = back.valueLabels.get(v)!;
      // The scale's ends as the respondent read them: price attributes are rated as satisfaction.
      expect(labels.get("1"), format).toBe(a.kind === "price" ? w.veryDissatisfied : w.veryPoor);
      expect(labels.get("10"), format).toBe(a.kind === "price" ? w.verySatisfied : w.excellent);
      // Two distinct declared missing values, each with its label.
      const missing = [...back.missing.get(v)!];
      expect(missing.map((k) => labels.get(k)).sort(), `${format} ${v}`).toEqual([w.dontKnow, w.notAsked].sort());
    }
    if (back.valueLabels.has(`known_${o.code}`)) expect(Object.fromEntries(back.valueLabels.get(`known_${o.code}`)!), format).toEqual({ 0: w.no, 1: w.yes });
    expect(back.valueLabels.get(`worth_${o.code}`)?.get("10"), format).toBe(w.completely);
  }
  const counts = { dontKnow: 0, notAsked: 0 };
  truth.rows.forEach((expected, r) => {
    const got = back.rows[r]!;
    for (const [variable, value] of expected) {
      const cell = got.get(variable);
      const where = `${format} row ${r + 1} ${variable}`;
      if (value === "dontKnow" || value === "notAsked") {
        counts[value]++;
        expect(back.missing.get(variable)!.has(cell!), `${where}: ${cell} is a declared missing value`).toBe(true);
        expect(back.valueLabels.get(variable)!.get(cell!), where).toBe(value === "dontKnow" ? w.dontKnow : w.notAsked);
      } else if (value === null) expect(cell, where).toBe("");
      else expect(Number(cell), where).toBeCloseTo(value, 9);
    }
  });
  // The demo has both kinds (about 4 % "don't know" ratings; offers some respondents do not know).
  expect(counts.dontKnow, format).toBeGreaterThan(0);
  expect(counts.notAsked, format).toBeGreaterThan(0);
}

async function download(name: string, lang: Lang): Promise<{ bytes: Uint8Array; filename: string }> {
  const res = await researcher.request(`${STUDY}/report/export/${name}?flagged=in&labels=${lang}`);
  expect(res.status, name).toBe(200);
  const filename = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")![1]!;
  return { bytes: new Uint8Array(await res.arrayBuffer()), filename };
}

let truth: Truth;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  researcher = new Client(server.url);
  const res = await researcher.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
  expect(res.status).toBe(302);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-labelled-"));
  truth = await readTruth();
  // The demo's questionnaire versions all ask every offer and attribute: "not asked" is exactly
  // "does not know the offer" (the rule above).
  const definitions = await db.rows<{ definition_json: string }>(sql`select definition_json from questionnaires where study_id = 1 and stage = 'rating'`);
  for (const d of definitions) {
    const def = JSON.parse(d.definition_json) as { offers: Array<{ code: string }>; attributes: Array<{ code: string }> };
    expect(def.offers.map((o) => o.code).sort()).toEqual(truth.offers.map((o) => o.code).sort());
    expect(def.attributes.map((a) => a.code).sort()).toEqual(truth.attributes.map((a) => a.code).sort());
  }
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("labelled exports read back by independent programs", () => {
  it.each(["en", "zh-CN"] as const)("SPSS .sav (%s labels) read by PSPP: values, labels and missing values as in the database", async (lang) => {
    const { bytes, filename } = await download("raw-wide.sav", lang);
    expect(filename).toMatch(new RegExp(`^home-espresso-machines-2026-raw-wide-${lang}-\\d{4}-\\d{2}-\\d{2}\\.sav$`));
    const file = path.join(dir, filename);
    fs.writeFileSync(file, bytes);
    const back = readSavWithPspp(dir, file);
    expectSameAsDatabase(back, truth, lang, "sav");
  });

  it.each(["en", "zh-CN"] as const)("Stata .dta (%s labels) read by R haven: values, labels and .a/.b missing values as in the database", async (lang) => {
    expect(hasProgram("Rscript"), "Rscript with haven is required (.ci/run installs r-base-core and r-cran-haven)").toBe(true);
    const { bytes, filename } = await download("raw-wide.dta", lang);
    const file = path.join(dir, filename);
    fs.writeFileSync(file, bytes);
    const back = readDtaWithHaven(dir, file);
    expect([...back.missing.get("rating_aster_reliability")!].sort()).toEqual([".a", ".b"]);
    expectSameAsDatabase(back, truth, lang, "dta");
  });

  it.each(["en", "zh-CN"] as const)("R: the CSV and its labelling script (%s labels), run by R, give the database's values and labels", async (lang) => {
    const { bytes, filename } = await download("raw-wide-r.zip", lang);
    const day = /-(\d{4}-\d{2}-\d{2})\.zip$/.exec(filename)?.[1];
    expect(filename).toBe(`home-espresso-machines-2026-raw-wide-${lang}-r-${day}.zip`);
    const files = readZip(bytes);
    const base = `home-espresso-machines-2026-raw-wide-${lang}-${day}`;
    expect([...files.keys()].sort()).toEqual([`${base}.R`, `${base}.csv`]);
    const script = files.get(`${base}.R`)!.toString("utf8");
    expect(script).toMatch(/^[\x20-\x7e\n]*$/); // ASCII: non-ASCII labels are \u escapes
    const folder = fs.mkdtempSync(path.join(dir, "r-"));
    for (const [name, content] of files) fs.writeFileSync(path.join(folder, name), content);
    if (!hasProgram("Rscript")) {
      checkRSyntax(script);
      return;
    }
    const back = readWithRScript(folder, `${base}.R`);
    expect([...back.missing.get("rating_aster_reliability")!].sort()).toEqual(["98", "99"]);
    expectSameAsDatabase(back, truth, lang, "R");
    // The CSV itself is the one CSV writer's: the same rows as the download's row count.
    const csv = parseCsv(files.get(`${base}.csv`)!.toString("utf8").replace(/^\uFEFF/, ""));
    expect(csv.length - 1).toBe(truth.rows.length);
  });

  it.each(["en", "zh-CN"] as const)("Triple-S XML and data (%s labels): the data read by PSPP at the XML's positions give the database's values", async (lang) => {
    const { bytes, filename } = await download("raw-wide-sss.zip", lang);
    const day = /-(\d{4}-\d{2}-\d{2})\.zip$/.exec(filename)?.[1];
    expect(filename).toBe(`home-espresso-machines-2026-raw-wide-${lang}-sss-${day}.zip`);
    const base = `home-espresso-machines-2026-raw-wide-${lang}-${day}`;
    const files = readZip(bytes);
    const xml = files.get(`${base}.sss`)!.toString("utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sss version="2.0">/);
    expect(xml).toContain(`href="${base}.asc"`);
    const file = path.join(dir, `${base}.asc`);
    fs.writeFileSync(file, files.get(`${base}.asc`)!);
    const back = readTripleSWithPspp(dir, xml, file);
    expect(back.types.get("respondent_id")).toBe("quantity");
    expect(xml).toMatch(/<variable ident="1" type="quantity" use="serial">\s*<name>respondent_id<\/name>/);
    expect(back.types.get("known_aster")).toBe("logical");
    expect(back.types.get("chose")).toBe("single");
    // Ratings are quantities 1-10 with two labelled special values.
    expect(xml).toMatch(/<name>rating_aster_reliability<\/name>[\s\S]*?<range from="1" to="10"\/>\s*<value code="98">[^<]+<\/value>\s*<value code="99">/);
    // The scale's end labels are not in Triple-S (a quantity labels only its special values).
    for (const o of truth.offers) {
      for (const a of truth.attributes) {
        const [low, high] = a.kind === "price" ? [WORDS[lang].veryDissatisfied, WORDS[lang].verySatisfied] : [WORDS[lang].veryPoor, WORDS[lang].excellent];
        back.valueLabels.get(`rating_${o.code}_${a.code}`)!.set("1", low).set("10", high);
      }
    }
    for (const o of truth.offers) back.valueLabels.get(`worth_${o.code}`)!.set("10", WORDS[lang].completely);
    expectSameAsDatabase(back, truth, lang, "Triple-S");
  });

  it("the report's downloads panel links every labelled format in both languages, with the page's filters", async () => {
    const html = await (await researcher.request(`${STUDY}/report?flagged=in`)).text();
    for (const name of ["raw-wide.sav", "raw-wide.dta", "raw-wide-r.zip", "raw-wide-sss.zip"]) {
      for (const lang of ["en", "zh-CN"]) {
        const href = new RegExp(`<a href="([^"]*/export/${name.replace(/\./g, "\\.")}\\?[^"]*)"[^>]*data-export="${name}:${lang}"`).exec(html)?.[1];
        expect(href, `${name} ${lang}`).toBeDefined();
        const url = new URL(href!.replace(/&amp;/g, "&"), server.url);
        expect(url.searchParams.get("labels")).toBe(lang);
        expect(url.searchParams.get("flagged")).toBe("in");
      }
    }
  });

  it("the default filter leaves out flagged respondents, as the raw CSV does, and labels follow the reader's language", async () => {
    const csv = parseCsv((await (await researcher.request(`${STUDY}/report/export/raw-wide.csv`)).text()).replace(/^\uFEFF/, ""));
    const res = await researcher.request(`${STUDY}/report/export/raw-wide.sav`);
    const file = path.join(dir, "default.sav");
    fs.writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    const back = readSavWithPspp(dir, file);
    expect(back.names).toEqual(csv[0]);
    expect(back.rows.length).toBe(csv.length - 1);
    expect(back.rows.map((r) => Number(r.get("respondent_id")))).toEqual(csv.slice(1).map((r) => Number(r[0])));
    // Labels follow the reader's language without `labels=` (English here).
    expect(back.labels.get("respondent_id")).toBe("Respondent id");
    const audit = await db.rows<{ detail: string }>(sql`select detail from audit_events where study_id = 1 and action = 'export' order by id desc limit 1`);
    expect(audit[0]!.detail).toBe("raw-wide.sav");
  });
});
