import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { makeTrackedDemo } from "../e2e/report-fixture";
import { one } from "./server-db";

/**
 * The report over HTTP on the built server: filters change the figures, bad filter values are
 * named and replaced by the defaults, the computed figures follow new data (review decisions),
 * and the Events & functions page validates, saves and audits its changes.
 */
let server: AppServer;
/** A second connection to the server's database (SQLite or PostgreSQL). */
let db: Db;
let demo: Client;

const SECTIONS = ["scores", "value-map", "profiles", "head-to-head", "won-lost", "timeline", "what-who", "importance"];
const CHARTS = ["value-map", "head-to-head", "timeline", "importance", "what-who"];

const query = <T>(query: SQL): Promise<T> => one<T>(db, query);
const run = async (query: SQL): Promise<void> => {
  await db.run(query);
};

async function page(path: string): Promise<string> {
  const res = await demo.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
}
const analysed = (html: string) => Number(/(\d+) of (\d+) complete responses analysed/.exec(html)?.[1]);
const complete = (html: string) => Number(/(\d+) of (\d+) complete responses analysed/.exec(html)?.[2]);
const scoreQ = (html: string) => /data-testid="score-q">([\d.,]+)</.exec(html)?.[1];
const mapSvg = (html: string) => /<svg[^>]*id="value-map"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
const attr = (html: string, name: string) => new RegExp(`id="value-map"[^>]*${name}="([^"]*)"`).exec(html)?.[1] ?? /* attribute order */ new RegExp(`${name}="([^"]*)"[^>]*id="value-map"`).exec(html)?.[1];

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  await makeTrackedDemo(db);
  demo = new Client(server.url);
  expect((await demo.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("report page", () => {
  it("shows every section and chart of the demo study, each chart with its stable id", async () => {
    const html = await page("/studies/1/report");
    for (const section of SECTIONS) expect(html, section).toContain(`data-section="${section}"`);
    for (const chart of CHARTS) expect(html, chart).toMatch(new RegExp(`<svg[^>]*id="${chart}"[^>]*data-chart="${chart}"`));
    // Two waves: the map trails each offer across them; the timeline lists the demo's events.
    expect(mapSvg(html)).toContain('data-trail="aster"');
    expect(html).toContain("Cedar recalls a batch of grinders");
    expect(html).toContain("Engineering (R&amp;D)");
    const total = (
      await query<{ n: number }>(
        sql`select count(*) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = 1 and q.stage = 'rating' and r.status = 'complete'`,
      )
    ).n;
    expect(complete(html)).toBe(total);
  });

  it("places the quality attributes by derived importance too, marking those whose quadrant differs from the stated one", async () => {
    const html = await page("/studies/1/report");
    const listOf = (block: string) =>
      Object.fromEntries(
        [...block.replace(/<!-- -->/g, "").matchAll(/<li data-quadrant="([\w-]+)"><strong>[^<]*<\/strong>:\s*([^<]*)<\/li>/g)].map((m) => [m[1]!, m[2]!.trim() === "—" ? [] : m[2]!.split(", ")]),
      );
    const stated = listOf(/data-testid="quadrants"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "");
    const derived = listOf(/data-testid="quadrants-derived"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "");
    expect(Object.keys(derived).sort()).toEqual(["fix-first", "keep", "low-priority", "over-invested"]);
    const names = (lists: Record<string, string[]>) => Object.values(lists).flat().map((n) => n.replace(/ \*$/, "")).sort();
    // Every quality attribute exactly once in each grid.
    expect(names(derived)).toEqual(names(stated));
    expect(names(derived).length).toBeGreaterThan(0);
    // The star marks exactly the attributes in another quadrant than the stated grid's.
    for (const [quadrant, entries] of Object.entries(derived))
      for (const entry of entries) expect(entry.endsWith(" *"), entry).toBe(!stated[quadrant]!.includes(entry.replace(/ \*$/, "")));
  });

  it("filters every section by segment: the two channels add up to everyone and give different figures", async () => {
    const all = await page("/studies/1/report");
    const online = await page("/studies/1/report?segment=channel:online");
    const store = await page("/studies/1/report?segment=channel:store");
    expect(analysed(online)).toBeGreaterThan(0);
    expect(analysed(store)).toBeGreaterThan(0);
    expect(analysed(online) + analysed(store)).toBe(analysed(all));
    expect(scoreQ(online)).not.toBe(scoreQ(store));
    expect(mapSvg(online)).not.toBe(mapSvg(store));
    // The chosen segment is kept in the filter form.
    expect(online).toMatch(/<option value="channel:online" selected="">/);
  });

  it("filters by wave and by flagged responses", async () => {
    const all = await page("/studies/1/report");
    const w1 = await page("/studies/1/report?wave=1");
    const w2 = await page("/studies/1/report?wave=2");
    expect(analysed(w1) + analysed(w2)).toBe(analysed(all));
    expect(scoreQ(w1)).not.toBe(scoreQ(w2)); // wave 2 rates the own offer's service one point higher
    expect(mapSvg(w1)).not.toContain("data-trail"); // one wave: no movement to trail
    const flaggedIn = await page("/studies/1/report?flagged=in");
    expect(analysed(flaggedIn)).toBe(complete(flaggedIn));
    const leftOut = Number(/(\d+) left out by the data-quality filter/.exec(all)?.[1] ?? 0);
    expect(analysed(all)).toBe(complete(all) - leftOut);
  });

  it("draws the chosen fair-value line", async () => {
    const weights = await page("/studies/1/report");
    const parity = await page("/studies/1/report?line=parity");
    const slope = await page("/studies/1/report?line=slope&slope=0.5");
    const regression = await page("/studies/1/report?line=regression");
    expect(attr(weights, "data-line")).toBe("weights");
    expect([attr(parity, "data-line"), attr(parity, "data-slope")]).toEqual(["parity", "1.0000"]);
    expect([attr(slope, "data-line"), attr(slope, "data-slope")]).toEqual(["slope", "0.5000"]);
    expect(attr(regression, "data-line")).toBe("regression");
    expect(mapSvg(parity)).not.toBe(mapSvg(weights));
    // The line does not change the analysed figures.
    expect(scoreQ(parity)).toBe(scoreQ(weights));
  });

  it("draws the head-to-head chart against the chosen competitor", async () => {
    expect(await page("/studies/1/report")).toContain('data-versus="birch"');
    expect(await page("/studies/1/report?versus=cedar")).toContain('data-versus="cedar"');
  });

  it("names filter values it does not understand and shows the defaults instead", async () => {
    const defaults = await page("/studies/1/report");
    const bad = await page("/studies/1/report?line=zigzag&wave=99&segment=nope:x&flagged=maybe&versus=zeta&slope=abc");
    const message = /data-testid="ignored-params">([^<]*)</.exec(bad)?.[1] ?? "";
    expect(message).toContain("Some filter values were not understood");
    for (const param of ["line", "wave", "segment", "flagged", "versus"]) expect(message).toContain(param);
    expect(analysed(bad)).toBe(analysed(defaults));
    expect(scoreQ(bad)).toBe(scoreQ(defaults));
    expect(attr(bad, "data-line")).toBe("weights");
    expect(defaults).not.toContain('data-testid="ignored-params"');
  });

  it("follows new data: excluding responses changes the figures at once (no stale cache)", async () => {
    // Flagged responses kept in: every complete online response counts until the researcher excludes it.
    const before = await page("/studies/1/report?segment=channel:online&flagged=in");
    await run(sql`update responses set review = 'exclude' where id in (
           select r.id from responses r join response_profile p on p.response_id = r.id
             join questionnaires q on q.id = r.questionnaire_id
           where q.stage = 'rating' and r.status = 'complete' and p.question_code = 'channel' and p.value = 'online' order by r.id limit 5)`);
    const after = await page("/studies/1/report?segment=channel:online&flagged=in");
    expect(analysed(after)).toBe(analysed(before) - 5);
    await run(sql`update responses set review = null where review = 'exclude'`);
    expect(analysed(await page("/studies/1/report?segment=channel:online&flagged=in"))).toBe(analysed(before));
  });

  it("is in Chinese for a Chinese reader", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
    await zh.form("/lang", { locale: "zh-CN", back: "/studies/1/report" });
    const res = await zh.request("/studies/1/report");
    const html = await res.text();
    expect(html).toContain("关键事件时间线");
    expect(html).toContain("紫菀");
    expect(html).toContain("雪松召回一批磨豆器");
    expect(html).toMatch(/已分析 \d+ 份完整答卷中的 \d+ 份/);
  });
});

describe("events & functions page", () => {
  const count = async (table: string) => (await query<{ n: number }>(sql`select count(*) as "n" from ${sql.identifier(table)}`)).n;

  it("refuses a bad event with a clear message and stores nothing", async () => {
    const before = await count("key_events");
    const res = await demo.form("/studies/1/strategy", { intent: "addEvent", offerId: "1", date: "2026-02-30", label: "Impossible day" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Date requires a real calendar date (YYYY-MM-DD).");
    expect(await count("key_events")).toBe(before);
    const noLabel = await demo.form("/studies/1/strategy", { intent: "addEvent", offerId: "1", date: "2026-02-03", label: "" });
    expect(await noLabel.text()).toContain("Description requires 1 to 200 characters.");
    const foreign = await demo.form("/studies/1/strategy", { intent: "addEvent", offerId: "999", date: "2026-02-03", label: "x" });
    expect(await foreign.text()).toContain("Choose one of the study");
    expect(await count("key_events")).toBe(before);
  });

  it("adds an event that the report's timeline then shows, with an audit event", async () => {
    const res = await demo.form("/studies/1/strategy", { intent: "addEvent", offerId: "2", date: "2026-12-10", wave: "", label: "Birch opens flagship store", labelZh: "白桦开设旗舰店" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Saved.");
    expect(await page("/studies/1/report")).toContain("Birch opens flagship store");
    const audit = await query<{ action: string; detail: string; actor_email: string }>(sql`select action, detail, actor_email from audit_events order by id desc limit 1`);
    expect(audit).toEqual({ action: "strategy.addEvent", detail: "2026-12-10 birch: Birch opens flagship store", actor_email: "demo@valuemap.example" });
  });

  it("saves market shares within 0..100 and refuses others", async () => {
    const bad = await demo.form("/studies/1/strategy", { intent: "shares", share_1: "150", share_2: "20", share_3: "" });
    expect(await bad.text()).toContain("Market share requires a number from 0 to 100, or nothing.");
    const tooMuch = await demo.form("/studies/1/strategy", { intent: "shares", share_1: "60", share_2: "50", share_3: "" });
    expect(await tooMuch.text()).toContain("Market shares together require at most 100%.");
    expect((await query<{ s: number }>(sql`select market_share as "s" from offers where id = 1`)).s).toBe(34);
    await demo.form("/studies/1/strategy", { intent: "shares", share_1: "30", share_2: "45.5", share_3: "" });
    expect(
      await query<{ a: number; b: number; c: number | null }>(
        sql`select (select market_share from offers where id = 1) as "a", (select market_share from offers where id = 2) as "b", (select market_share from offers where id = 3) as "c"`,
      ),
    ).toEqual({ a: 30, b: 45.5, c: null });
    // Bubbles by market share on the map when chosen.
    const svg = mapSvg(await page("/studies/1/report?bubbles=1"));
    const radius = (offer: string) => Number(new RegExp(`data-offer="${offer}"[\\s\\S]*?<circle class="marker"[^>]*r="([\\d.]+)"`).exec(svg)?.[1]);
    expect(radius("birch")).toBeGreaterThan(radius("aster"));
    const plain = mapSvg(await page("/studies/1/report"));
    const plainRadius = (offer: string) => Number(new RegExp(`data-offer="${offer}"[\\s\\S]*?<circle class="marker"[^>]*r="([\\d.]+)"`).exec(plain)?.[1]);
    expect([plainRadius("aster"), plainRadius("birch")]).toEqual([8, 6]);
  });

  it("saves the what/who grid, and the report ranks functions by the shortfall they own", async () => {
    const functionId = (await query<{ id: number }>(sql`select id from firm_functions where name = 'Industrial design'`)).id;
    const design = (await query<{ id: number }>(sql`select id from attributes where code = 'design'`)).id;
    const bad = await demo.form("/studies/1/strategy", { intent: "cells", [`cell_${functionId}_${design}`]: "5" });
    expect(await bad.text()).toContain("Each cell requires 9, 3, 1 or 0.");
    const html = await page("/studies/1/report");
    const ranking = /data-testid="what-who-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    // The own offer is rated below its competitors on design only, so design owners come first.
    expect(/<tbody><tr><td>([^<]+)<\/td>/.exec(ranking)?.[1]).toBe("1. Industrial design");
  });

  it("sets the default fair-value line the report draws", async () => {
    const bad = await demo.form("/studies/1/strategy", { intent: "line", line: "slope", slope: "" });
    expect(await bad.text()).toContain("Slope requires a number above 0 and at most 100.");
    await demo.form("/studies/1/strategy", { intent: "line", line: "slope", slope: "0.75" });
    const html = await page("/studies/1/report");
    expect([attr(html, "data-line"), attr(html, "data-slope")]).toEqual(["slope", "0.7500"]);
    await demo.form("/studies/1/strategy", { intent: "line", line: "weights", slope: "" });
    expect(attr(await page("/studies/1/report"), "data-line")).toBe("weights");
  });
});

describe("waves that start on the same day", () => {
  it("are dated one day apart so the timeline still draws them in order", async () => {
    // Waves are dated by their first rating-stage completion (focus-group responses do not count).
    const rating = sql`status = 'complete' and questionnaire_id in (select id from questionnaires where stage = 'rating')`;
    const first = (await query<{ t: number }>(sql`select min(completed_at) as "t" from responses where wave = 1 and ${rating}`)).t;
    await run(sql`update responses set completed_at = ${first} + (completed_at % 1000) where wave = 2 and ${rating}`);
    // Complete responses never change in the product: the report's respondent store holds them
    // and follows new ones by id, so this rewrite behind its back reaches the report the way a
    // design edit does: the offers' market shares are part of what the store reads afresh for.
    await demo.form("/studies/1/strategy", { intent: "shares", share_1: "30", share_2: "45.5", share_3: "1" });
    expect((await query<{ s: number }>(sql`select market_share as "s" from offers where id = 3`)).s).toBe(1);
    const html = await page("/studies/1/report");
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const format = (iso: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(Date.parse(`${iso}T00:00:00Z`));
    const timeline = /<svg[^>]*id="timeline"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(timeline).toContain(format(day(first)));
    expect(timeline).toContain(format(day(first + 86_400_000)));
  });
});

describe("researcher text with markup on the report and the Events & functions page", () => {
  const EVENT = "<script>window.__xss = 'event'</script>Launch";
  const FUNCTION = `<img src=x onerror="window.__xss = 'function'">Ops`;
  const SEGMENT = `<svg onload="window.__xss = 'segment'">Retail`;
  const RAW = ["<script>window.__xss", "<img src=x onerror", "<svg onload"];

  it("stays text in the HTML of both pages (events, functions, segment labels)", async () => {
    await demo.form("/studies/1/strategy", { intent: "addEvent", offerId: "1", date: "2026-12-01", label: EVENT, labelZh: EVENT });
    await demo.form("/studies/1/strategy", { intent: "addFunction", name: FUNCTION, nameZh: FUNCTION });
    await run(
      sql`insert into profile_questions (study_id, code, kind, text, choices_json, is_segment, sort)
          values (1, 'payload', 'choice', ${SEGMENT}, ${JSON.stringify([{ code: "retail", label: SEGMENT, labelZh: null }])}, ${true}, 2)`,
    );
    for (const path of ["/studies/1/report", "/studies/1/strategy"]) {
      const html = await page(path);
      for (const raw of RAW) expect(html, `${path} holds ${raw}`).not.toContain(raw);
    }
    const report = await page("/studies/1/report");
    expect(report).toContain("&lt;script&gt;window.__xss = &#x27;event&#x27;&lt;/script&gt;Launch");
    expect(report).toContain("&lt;svg onload=");
  });
});
