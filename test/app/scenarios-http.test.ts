import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { one } from "./server-db";

/**
 * The scenario page over HTTP (built app, demo study 1: aster (own), birch, cedar; prices 549,
 * 499, 379): saving, replacing, previewing and deleting scenarios with conform's field names,
 * refused input answered in the page's language with nothing stored, market data, the shared
 * read-only page and the downloads (audited).
 */
let server: AppServer;
let db: Db;
let owner: Client;
let viewer: Client;

const count = async (query: ReturnType<typeof sql>) => (await one<{ n: number }>(db, query)).n;
const scenarios = () => count(sql`select count(*) as "n" from scenarios`);
const audits = (action: string) => count(sql`select count(*) as "n" from audit_events where action = ${action}`);

/** The editor's fields for one scenario (conform's names: changes[0].offer ...). */
function editor(name: string, changes: Array<[string, string, string, string]>, respond: Array<[string, string]> = [], intent = "save") {
  const fields: Record<string, string> = { intent, name };
  changes.forEach(([offer, target, mode, amount], i) => Object.assign(fields, { [`changes[${i}].offer`]: offer, [`changes[${i}].target`]: target, [`changes[${i}].mode`]: mode, [`changes[${i}].amount`]: amount }));
  respond.forEach(([competitor, copies], i) => Object.assign(fields, { [`respond[${i}].competitor`]: competitor, [`respond[${i}].copies`]: copies }));
  return fields;
}

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  owner = new Client(server.url);
  expect((await owner.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
  viewer = new Client(server.url);
  expect((await viewer.form("/signup", { email: "viewer@example.com", password: "correct horse battery" })).status).toBe(302);
  const page = await (await owner.form("/studies/1/members", { intent: "invite", email: "viewer@example.com", role: "viewer" })).text();
  expect((await viewer.form(/\/invitations\/[A-Za-z0-9_-]+/.exec(page)![0], {})).status).toBe(302);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("scenarios over HTTP", () => {
  it("saves a scenario and shows it side by side on the page it redirects to, with an audit event", async () => {
    const res = await owner.form("/studies/1/scenarios", editor("Reliability up", [["aster", "reliability", "delta", "0.5"]], [["birch", "aster"]]));
    expect(res.status).toBe(302);
    const id = (await one<{ id: number }>(db, sql`select id from scenarios where name = 'Reliability up'`)).id;
    const location = res.headers.get("Location")!;
    expect(location).toContain(`compare=${id}`);
    expect(location).toContain(`saved=${id}`);
    const html = await (await owner.request(location)).text();
    expect(html).toContain("Scenario “Reliability up” saved.");
    expect(html).toContain(`data-testid="scenario-s${id}"`);
    // The competitor response copies the change: birch's reliability moves by the same +0.5.
    expect(html).toMatch(/Birch, Reliability: mean [\d.]+ → [\d.]+ \(Birch copies Aster\)/);
    expect(await audits("scenario.save")).toBe(1);
  });

  it("replaces the scenario saved under the same name (one row, the new changes)", async () => {
    expect((await owner.form("/studies/1/scenarios", editor("Reliability up", [["aster", "reliability", "value", "9"]]))).status).toBe(302);
    const rows = await db.rows<{ changes: string }>(sql`select changes_json as "changes" from scenarios where name = 'Reliability up'`);
    expect(rows.map((r) => JSON.parse(r.changes))).toEqual([[{ offer: "aster", attribute: "reliability", value: 9 }]]);
  });

  it("previews a scenario without storing it", async () => {
    const before = await scenarios();
    const res = await owner.form("/studies/1/scenarios", editor("Just looking", [["birch", "price", "factor", "0.9"]], [], "preview"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="scenario-preview"');
    expect(html).toContain("Birch: actual price 499.00 → 449.10");
    expect(await scenarios()).toBe(before);
  });

  it("refuses an amount out of range, a missing name and a mismatched price change, in the page's language, storing nothing", async () => {
    const before = await scenarios();
    const bad = await owner.form("/studies/1/scenarios", editor("", [["aster", "taste", "delta", "12"], ["aster", "price", "delta", "1"]]));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("A name requires 1 to 80 characters.");
    expect(html).toContain("Points to add require a number from −9 to 9, other than 0.");
    expect(html).toContain("A price change requires “Multiply the price by”");
    const zh = await owner.form("/studies/1/scenarios", editor("价格", [["aster", "taste", "value", "11"]]), { "Accept-Language": "zh-CN" });
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain("新的平均分需要 1 到 10 之间的数字。");
    expect(await scenarios()).toBe(before);
  });

  it("refuses offers and attributes the study does not have, under their fields, storing nothing", async () => {
    const before = await scenarios();
    const res = await owner.form("/studies/1/scenarios", editor("Ghost", [["oak", "reliability", "delta", "1"], ["aster", "warp", "delta", "1"]]));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Choose an offer of this study.");
    expect(html).toContain("Choose an attribute of this study, or the actual price.");
    expect(await scenarios()).toBe(before);
  });

  it("adds a change row in place without JavaScript (conform's insert request) and stores nothing", async () => {
    const fields = { ...editor("Rows", [["aster", "taste", "delta", "1"]]), __intent__: JSON.stringify({ type: "insert", payload: { name: "changes" } }) };
    delete (fields as Record<string, string>).intent;
    const res = await owner.form("/studies/1/scenarios", fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="change-1"');
    expect(await count(sql`select count(*) as "n" from scenarios where name = 'Rows'`)).toBe(0);
  });

  it("deletes a scenario only with the confirmation, and audits it", async () => {
    const id = (await one<{ id: number }>(db, sql`select id from scenarios where name = 'Reliability up'`)).id;
    expect((await owner.form("/studies/1/scenarios", { intent: "delete", id: String(id) })).status).toBe(400);
    expect(await count(sql`select count(*) as "n" from scenarios where id = ${id}`)).toBe(1);
    const res = await owner.form(`/studies/1/scenarios?compare=${id}`, { intent: "delete", id: String(id), confirm: "yes" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).not.toContain(`compare=${id}`);
    expect(await count(sql`select count(*) as "n" from scenarios where id = ${id}`)).toBe(0);
    expect(await audits("scenario.delete")).toBe(1);
    expect((await owner.form("/studies/1/scenarios", { intent: "delete", id: String(id), confirm: "yes" })).status).toBe(404);
  });

  it("saves the actual prices and the shares per wave, and refuses a negative price and a wave over 100 %", async () => {
    const prices = await owner.form("/studies/1/scenarios", { intent: "prices", "prices.aster": "529", "prices.birch": "499", "prices.cedar": "" });
    expect(prices.status).toBe(200);
    expect(await db.rows<{ code: string; price: number | null }>(sql`select code, price from offers where study_id = 1 order by sort, id`)).toEqual([
      { code: "aster", price: 529 },
      { code: "birch", price: 499 },
      { code: "cedar", price: null },
    ]);
    expect((await owner.form("/studies/1/scenarios", { intent: "prices", "prices.aster": "-1" })).status).toBe(400);
    const shares = await owner.form("/studies/1/scenarios", {
      intent: "waveShares",
      "waves[0].wave": "3",
      "waves[0].shares.aster": "36",
      "waves[0].shares.birch": "40",
      "waves[0].shares.cedar": "24",
    });
    expect(shares.status).toBe(200);
    expect(await count(sql`select count(*) as "n" from market_shares where wave = 3`)).toBe(3);
    const over = await owner.form("/studies/1/scenarios", { intent: "waveShares", "waves[0].wave": "4", "waves[0].shares.aster": "60", "waves[0].shares.birch": "50" });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("The shares of one wave require a total of at most 100.");
    expect(await count(sql`select count(*) as "n" from market_shares where wave = 4`)).toBe(0);
    expect(await audits("market.prices")).toBe(1);
    expect(await audits("market.waveShares")).toBe(1);
    await owner.form("/studies/1/scenarios", { intent: "prices", "prices.aster": "549", "prices.birch": "499", "prices.cedar": "379" });
  });

  it("value leads share fits once three waves have shares, and the page says so", async () => {
    const html = await (await owner.request("/studies/1/scenarios")).text();
    expect(html).toContain('data-testid="vls-result"');
    expect(html).toContain("from 6 offer-waves");
  });

  it("lets a viewer read the scenarios without the editor or the market data forms", async () => {
    await owner.form("/studies/1/scenarios", editor("Cheaper birch", [["birch", "price", "factor", "0.9"]]));
    const id = (await one<{ id: number }>(db, sql`select id from scenarios where name = 'Cheaper birch'`)).id;
    const html = await (await viewer.request(`/studies/1/scenarios?compare=${id}`)).text();
    expect(html).toContain(`data-testid="scenario-s${id}"`);
    expect(html).not.toContain('data-testid="scenario-editor"');
    expect(html).not.toContain('data-testid="prices-form"');
    expect(html).toContain("You can read and download the saved scenarios; editors create them.");
  });

  it("downloads a scenario's map as SVG and PNG, the comparison as CSV and every table as XLSX, each audited", async () => {
    const id = (await one<{ id: number }>(db, sql`select id from scenarios where name = 'Cheaper birch'`)).id;
    const before = await audits("export");
    const svg = await owner.request(`/studies/1/scenarios/export/scenario-map-s${id}.svg?compare=${id}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(svg.headers.get("Content-Disposition")).toMatch(/home-espresso-machines-2026-scenario-map-s\d+-\d{4}-\d{2}-\d{2}\.svg/);
    const text = await svg.text();
    expect(text).toContain("<title>Value map: Cheaper birch · Home espresso machines 2026</title>");
    expect(text).toContain('data-chart="scenario-map"');
    const png = await owner.request(`/studies/1/scenarios/export/scenario-map-s${id}.png`);
    expect(png.status).toBe(200);
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const bytes = new Uint8Array(await (await owner.request(`/studies/1/scenarios/export/scenarios.csv?compare=${id}`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split("\r\n")[0]).toBe("Scenario,Offer,Figure,Today,Scenario,Change");
    expect(csv).toContain("Cheaper birch,Birch,actual price,499,449.1");
    const xlsx = await owner.request(`/studies/1/scenarios/export/scenarios.xlsx?compare=${id}`);
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(await audits("export")).toBe(before + 4);
    expect((await owner.request("/studies/1/scenarios/export/nothing.svg")).status).toBe(404);
  });

  it("shows the scenarios read-only under a share link, with downloads audited under the link; a revoked link answers 404", async () => {
    const page = await (await owner.form("/studies/1/share", { intent: "create" })).text();
    const path = /data-testid="share-url">(?:[^<]*?)(\/r\/[A-Za-z0-9_-]{43})</.exec(page)![1]!;
    const visitor = new Client(server.url);
    const id = (await one<{ id: number }>(db, sql`select id from scenarios where name = 'Cheaper birch'`)).id;
    const res = await visitor.request(`${path}/scenarios?compare=${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
    const html = await res.text();
    expect(html).toContain(`data-testid="scenario-s${id}"`);
    expect(html).not.toContain('data-testid="scenario-editor"');
    expect(html).not.toContain("/studies/1");
    const csv = await visitor.request(`${path}/scenarios/export/scenarios.csv?compare=${id}`);
    expect(csv.status).toBe(200);
    expect(await count(sql`select count(*) as "n" from audit_events where action = 'export' and actor_email like 'share link #%'`)).toBe(1);
    // The shared report links to the shared scenarios.
    expect(await (await visitor.request(path)).text()).toContain(`${path}/scenarios?`);
    const linkId = (await one<{ id: number }>(db, sql`select max(id) as "id" from share_links`)).id;
    expect((await owner.form("/studies/1/share", { intent: "revoke", linkId: String(linkId), confirm: "yes" })).status).toBe(200);
    expect((await visitor.request(`${path}/scenarios`)).status).toBe(404);
    expect((await visitor.request(`${path}/scenarios/export/scenarios.csv`)).status).toBe(404);
  });

  it("shows the report's fair price with the link to the price at the fair line", async () => {
    const html = await (await owner.request("/studies/1/report")).text();
    expect(html).toContain('data-testid="fair-price-money"');
    expect(html).toMatch(/href="\/studies\/1\/scenarios\?[^"]*try=fair-price&amp;basis=prices"/);
    const tried = await (await owner.request("/studies/1/scenarios?try=fair-price&basis=prices")).text();
    expect(tried).toContain('data-testid="scenario-fair-price"');
    expect(tried).toContain("Price at the fair line");
  });
});
