import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { one } from "./server-db";

/**
 * Read-only share links over HTTP (built app, demo study 1): an owner or editor creates one, a
 * signed-out visitor reads the report through it (noindex, no-referrer), filters still work, a
 * viewer cannot create one, revoking ends it, an unknown token answers exactly like a revoked
 * one, only the token's SHA-256 is stored, creation and revocation are audited.
 */
let server: AppServer;
/** A second connection to the server's database (SQLite or PostgreSQL). */
let db: Db;
let owner: Client;
let viewer: Client;

const lastLinkId = async () => (await one<{ id: number }>(db, sql`select max(id) as "id" from share_links`)).id;
const activeLinks = async () => (await one<{ n: number }>(db, sql`select count(*) as "n" from share_links where revoked_at is null`)).n;

async function createLink(client: Client): Promise<string> {
  const res = await client.form("/studies/1/share", { intent: "create" });
  expect(res.status).toBe(200);
  const html = await res.text();
  const path = /data-testid="share-url">(?:[^<]*?)(\/r\/[A-Za-z0-9_-]{43})</.exec(html)?.[1];
  expect(path, "the new link is shown once").toBeDefined();
  return path!;
}

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  owner = new Client(server.url);
  expect((await owner.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
  viewer = new Client(server.url);
  expect((await viewer.form("/signup", { email: "viewer@example.com", password: "correct horse battery" })).status).toBe(302);
  const page = await (await owner.form("/studies/1/members", { intent: "invite", email: "viewer@example.com", role: "viewer" })).text();
  const invitation = /\/invitations\/[A-Za-z0-9_-]+/.exec(page)![0];
  expect((await viewer.form(invitation, {})).status).toBe(302);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe("share links", () => {
  it("a signed-out visitor reads the report through a link; filters work; the page is noindex and sends no referrer", async () => {
    const path = await createLink(owner);
    const visitor = new Client(server.url);
    const res = await visitor.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    const html = await res.text();
    expect(html).toContain("Home espresso machines 2026");
    expect(html).toContain('data-testid="value-map"');
    expect(html).toContain('data-shared="true"');
    expect(html).not.toContain("/studies/1");
    // Its downloads go through the link, without the raw data.
    expect(html).toContain('data-testid="export-panel"');
    expect(html).toContain(`href="${path}/export/value-map.png?line=`);
    expect(html).not.toContain("raw-wide");
    const parity = await (await visitor.request(`${path}?line=parity`)).text();
    expect(parity).toMatch(/data-line="parity"/);
    expect(html).not.toMatch(/data-line="parity"/);
  });

  it("charts and tables download through the link (audited under it); raw data does not; revoked links download nothing", async () => {
    const path = await createLink(owner);
    const visitor = new Client(server.url);
    const png = await visitor.request(`${path}/export/value-map.png?line=parity`);
    expect(png.status).toBe(200);
    expect(png.headers.get("Content-Type")).toBe("image/png");
    expect(png.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
    expect((await visitor.request(`${path}/export/tables.xlsx`)).status).toBe(200);
    expect((await visitor.request(`${path}/export/quality-profile.csv`)).status).toBe(200);
    for (const raw of ["raw-wide.csv", "raw-long.xlsx", "raw-wide.sav", "raw-wide.dta", "raw-wide-r.zip", "raw-wide-sss.zip"]) expect((await visitor.request(`${path}/export/${raw}`)).status, raw).toBe(404);
    const id = await lastLinkId();
    const events = await db.rows(sql`select user_id, actor_email, detail from audit_events where action = 'export' order by id desc limit 3`);
    expect(events).toEqual([
      { user_id: null, actor_email: `share link #${id}`, detail: "quality-profile.csv" },
      { user_id: null, actor_email: `share link #${id}`, detail: "tables.xlsx" },
      { user_id: null, actor_email: `share link #${id}`, detail: "value-map.png?line=parity" },
    ]);
    await owner.form("/studies/1/share", { intent: "revoke", linkId: String(id), confirm: "yes" });
    expect((await visitor.request(`${path}/export/value-map.png`)).status).toBe(404);
    expect((await visitor.request(`/r/${crypto.randomBytes(32).toString("base64url")}/export/value-map.png`)).status).toBe(404);
  });

  it("stores only the token's SHA-256, lists the link with its creator, and audits creation and revocation", async () => {
    const path = await createLink(owner);
    const token = path.slice(3);
    const rows = await db.rows<{ id: number; token_hash: string }>(sql`select id, token_hash from share_links where study_id = 1`);
    expect(rows.map((r) => r.token_hash)).toContain(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await db.rows(sql`select * from share_links`))).not.toContain(token);
    const list = await (await owner.request("/studies/1/share")).text();
    expect(list).toContain("demo@valuemap.example");
    expect(list).not.toContain(token);
    const id = rows.find((r) => r.token_hash === crypto.createHash("sha256").update(token).digest("hex"))!.id;
    expect((await owner.form("/studies/1/share", { intent: "revoke", linkId: String(id), confirm: "yes" })).status).toBe(200);
    const actions = await db.rows(sql`select action, detail from audit_events where study_id = 1 and action like 'share%' order by id`);
    expect(actions).toEqual(expect.arrayContaining([{ action: "shareCreate", detail: `#${id}` }, { action: "shareRevoke", detail: `#${id}` }]));
  });

  it("stops working after revocation, with the same 404 as a token that never existed", async () => {
    const path = await createLink(owner);
    const visitor = new Client(server.url);
    expect((await visitor.request(path)).status).toBe(200);
    const id = await lastLinkId();
    expect((await owner.form("/studies/1/share", { intent: "revoke", linkId: String(id), confirm: "yes" })).status).toBe(200);
    const revoked = await visitor.request(path);
    const unknown = await visitor.request(`/r/${crypto.randomBytes(32).toString("base64url")}`);
    const malformed = await visitor.request("/r/not-a-token");
    for (const res of [revoked, unknown, malformed]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    }
    const [a, b, c] = await Promise.all([revoked.text(), unknown.text(), malformed.text()]);
    // The same page but for the address itself (the language switch sends the visitor back to it).
    const strip = (html: string) =>
      html.replace(/nonce="[^"]+"/g, "").replace(/<script[\s\S]*?<\/script>/g, "").replace(/\/r\/[A-Za-z0-9_-]+/g, "/r/TOKEN");
    expect(strip(a)).toBe(strip(b));
    expect(strip(a)).toBe(strip(c));
    expect(a).toContain("This link does not open a report");
    expect(a).toContain("此链接无法打开报告");
    expect(a).not.toContain("Home espresso machines");
    // Revoking twice, or another study's link id, changes nothing.
    const twice = await owner.form("/studies/1/share", { intent: "revoke", linkId: String(id), confirm: "yes" });
    expect(twice.status).toBe(400);
    const text = await twice.text();
    expect(text).not.toContain("no longer opens");
    expect(text).toContain("This link is already revoked, or it is not a link of this study.");
  });

  it("asks before revoking: without confirm=yes, 400 with the reason and the link keeps working", async () => {
    const path = await createLink(owner);
    const id = await lastLinkId();
    const before = await activeLinks();
    const page = await (await owner.request("/studies/1/share")).text();
    expect(page).toContain(`data-testid="revoke-link-${id}"`);
    expect(page).toContain("Whoever has this link can no longer open the report.");
    for (const confirm of [undefined, "no"]) {
      const res = await owner.form("/studies/1/share", { intent: "revoke", linkId: String(id), ...(confirm ? { confirm } : {}) });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("This action requires confirmation");
    }
    expect(await activeLinks()).toBe(before);
    expect((await new Client(server.url).request(path)).status).toBe(200);
  });

  it("a viewer can neither create nor revoke links nor see the list", async () => {
    const before = await activeLinks();
    expect((await viewer.form("/studies/1/share", { intent: "create" })).status).toBe(403);
    const id = await lastLinkId();
    expect((await viewer.form("/studies/1/share", { intent: "revoke", linkId: String(id) })).status).toBe(403);
    expect((await viewer.request("/studies/1/share")).status).toBe(403);
    expect(await activeLinks()).toEqual(before);
    // The viewer's report has the downloads but no share link.
    const report = await (await viewer.request("/studies/1/report")).text();
    expect(report).toContain('data-testid="export-panel"');
    expect(report).not.toContain('data-testid="share-manage"');
  });
});
