import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { one } from "./server-db";

/*
 * Issue 14 on the researcher side, at the HTTP boundary of the built server: form routes answer
 * any content type with 400/415, never 500 (item 8); no audit event for an action that changed
 * nothing (item 8); share links made by an editor end when the editor is removed (item 6); a
 * response's raw answers render bounded (item 5).
 */
let server: AppServer;
let db: Db;
let owner: Client;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  owner = new Client(server.url);
  expect((await owner.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function researcher(email: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.form("/signup", { email, password: "correct horse battery" })).status).toBe(302);
  return client;
}
const auditCount = async (action: string) =>
  (await one<{ n: number }>(db, sql`select cast(count(*) as integer) as "n" from audit_events where study_id = 1 and action = ${action}`)).n;

describe("form routes and content types (item 8)", () => {
  const routes = ["/signin", "/signup", "/lang", "/reset/not-a-token", "/account/password", "/studies", "/studies/1/members", "/studies/1/share", "/studies/1/responses"];
  for (const [type, body] of [
    ["application/json", JSON.stringify({ email: "a@example.com", password: "x" })],
    ["text/plain", "email=a@example.com"],
    ["", "email=a@example.com"],
  ] as const) {
    it(`answers a ${type || "type-less"} body to every form route with 400 or 415 and a message, never 500`, async () => {
      for (const route of routes) {
        const res = await owner.request(route, { method: "POST", headers: { ...(type ? { "Content-Type": type } : {}), Origin: server.url }, body });
        expect([400, 415], `${route}: ${res.status}`).toContain(res.status);
        const text = await res.text();
        expect(text, route).toMatch(/could not be read|requires a form/);
        expect(text).not.toMatch(/at .*\.js:\d+|TypeError/);
      }
    });
  }
});

describe("audit events only for changes (item 8)", () => {
  it("records nothing for revoking an invitation that is not open, or giving a member the role they have", async () => {
    const editor = await researcher("audit-editor@example.com");
    const page = await (await owner.form("/studies/1/members", { intent: "invite", email: "audit-editor@example.com", role: "editor" })).text();
    expect((await editor.form(/\/invitations\/[A-Za-z0-9_-]+/.exec(page)![0], {})).status).toBe(302);
    const { id } = await one<{ id: number }>(db, sql`select id from users where email = 'audit-editor@example.com'`);
    const [revokes, roles] = [await auditCount("revoke"), await auditCount("role")];
    expect((await owner.form("/studies/1/members", { intent: "revoke", invitationId: "999999", confirm: "yes" })).status).toBeLessThan(500);
    expect((await owner.form("/studies/1/members", { intent: "role", userId: String(id), role: "editor" })).status).toBeLessThan(500);
    expect([await auditCount("revoke"), await auditCount("role")]).toEqual([revokes, roles]);
    // A real change is recorded.
    await owner.form("/studies/1/members", { intent: "role", userId: String(id), role: "viewer" });
    expect(await auditCount("role")).toBe(roles + 1);
  });
});

describe("share links of a removed editor (item 6)", () => {
  it("end when the editor who made them is removed; the owner's own links stay; the log says so", async () => {
    const editor = await researcher("share-editor@example.com");
    const page = await (await owner.form("/studies/1/members", { intent: "invite", email: "share-editor@example.com", role: "editor" })).text();
    expect((await editor.form(/\/invitations\/[A-Za-z0-9_-]+/.exec(page)![0], {})).status).toBe(302);
    const linkOf = async (client: Client) => /(\/r\/[A-Za-z0-9_-]{43})</.exec(await (await client.form("/studies/1/share", { intent: "create" })).text())![1]!;
    const editorLink = await linkOf(editor);
    const ownerLink = await linkOf(owner);
    const visitor = new Client(server.url);
    expect((await visitor.request(editorLink)).status).toBe(200);
    const { id } = await one<{ id: number }>(db, sql`select id from users where email = 'share-editor@example.com'`);
    expect((await owner.form("/studies/1/members", { intent: "remove", userId: String(id), confirm: "yes" })).status).toBeLessThan(400);
    expect((await visitor.request(editorLink)).status).toBe(404);
    expect((await visitor.request(ownerLink)).status).toBe(200);
    const events = await db.rows<{ detail: string }>(sql`select detail from audit_events where study_id = 1 and action = 'shareRevoke' order by id desc limit 1`);
    expect(events[0]?.detail).toMatch(/^#\d+ \(share-editor@example\.com removed\)$/);
  });
});

describe("bounded rendering of raw answers (item 5)", () => {
  it("renders a stored response of deeply nested answers (20 KB) as a bounded page, not 50 MB or a 500", async () => {
    // 5,000 levels pretty-printed take 2 x (1 + ... + 5,000) spaces of indentation: 50 MB.
    const nested = "[".repeat(5_000) + "]".repeat(5_000);
    const answers = `{"note":${nested},"wide":[${Array.from({ length: 1000 }, () => "[[[[1]]]]").join(",")}]}`;
    const questionnaire = await one<{ id: number }>(db, sql`select id from questionnaires where study_id = 1 and stage = 'rating' order by version desc limit 1`);
    await db.run(
      sql`insert into responses (client_id, questionnaire_id, answers_json, offer_order, started_at, updated_at)
          values ('stored-deep-0001', ${questionnaire.id}, ${answers}, '[]', ${Date.now()}, ${Date.now()})`,
    );
    const { id } = await one<{ id: number }>(db, sql`select id from responses where client_id = 'stored-deep-0001'`);
    const res = await owner.request(`/studies/1/responses?show=${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.length).toBeLessThan(1_000_000);
    expect(html).toContain('data-testid="response-detail"');
    expect(html).toContain("… (");
  });
});
