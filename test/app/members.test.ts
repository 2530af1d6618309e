import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

async function researcher(email: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.form("/signup", { email, password: "correct horse battery" })).status).toBe(302);
  return client;
}

async function study(owner: Client, title: string): Promise<string> {
  return (await owner.form("/studies", { title })).headers.get("Location")!;
}

async function invite(owner: Client, studyPath: string, email: string, role: string): Promise<string> {
  const html = await (await owner.form(`${studyPath}/members`, { intent: "invite", email, role })).text();
  return /\/invitations\/[A-Za-z0-9_-]+/.exec(html)![0];
}

describe("study members", () => {
  it("lets only the invited account join, once, with the invited role", async () => {
    const owner = await researcher("m-owner@example.com");
    const invited = await researcher("m-invited@example.com");
    const other = await researcher("m-other@example.com");
    const path = await study(owner, "Members study");
    const link = await invite(owner, path, "m-invited@example.com", "viewer");

    expect(await (await other.request(link)).text()).toContain("This invitation is for another email address");
    expect((await other.form(link, {})).status).toBe(200);
    expect((await other.request(`${path}/report`)).status).toBe(404);

    expect((await invited.form(link, {})).status).toBe(302);
    expect((await invited.request(`${path}/report`)).status).toBe(200);
    // A viewer reads the design (read-only) and gets "view-only access" on an editor's page.
    expect((await invited.request(path)).status).toBe(200);
    expect((await invited.request(`${path}/strategy`)).status).toBe(403);
    expect((await invited.request(link)).status).toBe(404);
    expect(await (await invited.request("/studies")).text()).toContain("Members study");
  });

  it("carries an invitation through sign-up: a colleague without an account lands on Join the study", async () => {
    const owner = await researcher("s-owner@example.com");
    const path = await study(owner, "Invited before sign-up");
    const link = await invite(owner, path, "s-new@example.com", "editor");
    const colleague = new Client(server.url);
    // Not signed in: the invitation sends to sign-in with the link as `next`...
    const toSignIn = await colleague.request(link);
    expect(toSignIn.status).toBe(302);
    const signInPath = toSignIn.headers.get("Location")!;
    expect(signInPath).toBe(`/signin?next=${encodeURIComponent(link)}`);
    // ...whose page offers sign-up with the same `next`...
    const signInPage = await (await colleague.request(signInPath)).text();
    const signUpPath = /href="(\/signup\?next=[^"]+)"/.exec(signInPage)?.[1]?.replaceAll("&amp;", "&");
    expect(signUpPath).toBe(`/signup?next=${encodeURIComponent(link)}`);
    const signUpPage = await (await colleague.request(signUpPath!)).text();
    expect(signUpPage).toContain(`name="next" value="${link}"`);
    // ...and signing up lands on the invitation, which the new account accepts.
    const created = await colleague.form("/signup", { email: "s-new@example.com", password: "correct horse battery", next: link });
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(link);
    const join = await (await colleague.request(link)).text();
    expect(join).toContain("Invited before sign-up");
    expect((await colleague.form(link, {})).status).toBe(302);
    expect((await colleague.request(path)).status).toBe(200);
  });

  it("sends sign-up and sign-in only to local paths, percent-encoded", async () => {
    for (const [next, expected] of [
      ["https://evil.example/x", "/studies"],
      ["//evil.example/x", "/studies"],
      ["/\\evil.example", "/studies"],
      ["/studies?q=价值", "/studies?q=%E4%BB%B7%E5%80%BC"],
    ] as const) {
      const email = `next-${Math.random().toString(36).slice(2)}@example.com`;
      const res = await new Client(server.url).form("/signup", { email, password: "correct horse battery", next });
      expect(res.status, next).toBe(302);
      expect(res.headers.get("Location"), next).toBe(expected);
    }
  });

  it("transfers ownership to a member; the previous owner stays as an editor", async () => {
    const owner = await researcher("t-owner@example.com");
    const heir = await researcher("t-heir@example.com");
    const path = await study(owner, "Inherited study");
    expect((await heir.form(await invite(owner, path, "t-heir@example.com", "editor"), {})).status).toBe(302);
    expect((await heir.request(`${path}/members`)).status).toBe(403);
    const members = await (await owner.request(`${path}/members`)).text();
    const heirId = /name="userId" value="(\d+)"/.exec(members)![1]!;
    const moved = await owner.form(`${path}/members`, { intent: "transfer", userId: heirId, confirm: "yes" });
    expect(moved.status).toBe(302);
    expect((await heir.request(`${path}/members`)).status).toBe(200);
    expect((await owner.request(`${path}/members`)).status).toBe(403);
    expect((await owner.request(path)).status).toBe(200);
  });

  it("refuses a transfer to someone who is not a member", async () => {
    const owner = await researcher("n-owner@example.com");
    const path = await study(owner, "Kept study");
    const res = await owner.form(`${path}/members`, { intent: "transfer", userId: "1", confirm: "yes" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This person requires membership in the study first.");
    expect((await owner.request(`${path}/members`)).status).toBe(200);
  });

  it("asks before removing a member, making one the owner or revoking an invitation: without confirm=yes, 400 with the reason and nothing changes", async () => {
    const owner = await researcher("c-owner@example.com");
    const member = await researcher("c-member@example.com");
    const path = await study(owner, "Confirmed study");
    expect((await member.form(await invite(owner, path, "c-member@example.com", "editor"), {})).status).toBe(302);
    await invite(owner, path, "c-pending@example.com", "viewer");
    const page = await (await owner.request(`${path}/members`)).text();
    const memberId = /name="userId" value="(\d+)"/.exec(page)![1]!;
    const invitationId = /name="invitationId" value="(\d+)"/.exec(page)![1]!;
    const state = async () => {
      const db = await server.openDb();
      try {
        return JSON.stringify([
          await db.rows(sql`select study_id, user_id, role from study_members order by study_id, user_id`),
          await db.rows(sql`select id, owner_id from studies order by id`),
          await db.rows(sql`select id from study_invitations order by id`),
          await db.rows(sql`select count(*) as n from audit_events`),
        ]);
      } finally {
        await db.close();
      }
    };
    const before = await state();
    for (const [fields, confirm] of [
      [{ intent: "remove", userId: memberId }, undefined],
      [{ intent: "transfer", userId: memberId }, undefined],
      [{ intent: "revoke", invitationId }, undefined],
      [{ intent: "remove", userId: memberId }, "no"],
      [{ intent: "transfer", userId: memberId }, "YES"],
    ] as const) {
      const res = await owner.form(`${path}/members`, { ...fields, ...(confirm ? { confirm } : {}) });
      expect(res.status, fields.intent).toBe(400);
      expect(await res.text(), fields.intent).toContain("This action requires confirmation");
    }
    expect(await state()).toBe(before);
    // The page offers each of them behind a confirmation step that sends confirm=yes.
    expect(page).toContain(`data-testid="remove-${memberId}"`);
    expect(page).toContain("c-member@example.com will no longer open this study.");
    expect(page.match(/name="confirm" value="yes"/g)?.length).toBe(3);
    // Confirmed, each goes through.
    expect((await owner.form(`${path}/members`, { intent: "revoke", invitationId, confirm: "yes" })).status).toBe(200);
    expect((await owner.form(`${path}/members`, { intent: "remove", userId: memberId, confirm: "yes" })).status).toBe(200);
    expect(await state()).not.toBe(before);
    expect((await member.request(`${path}/report`)).status).toBe(404);
  });

  it("refuses an invitation without a valid email in place, in both languages", async () => {
    const owner = await researcher("v-owner@example.com");
    const path = await study(owner, "Validated study");
    const en = await owner.form(`${path}/members`, { intent: "invite", email: "not-an-email", role: "viewer" });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Email requires a valid address.");
    const zh = await owner.form(`${path}/members?lang=zh-CN`, { intent: "invite", email: "not-an-email", role: "viewer" });
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain("请输入有效的邮箱地址。");
    const badRole = await owner.form(`${path}/members`, { intent: "invite", email: "x@example.com", role: "owner" });
    expect(await badRole.text()).toContain("Role requires editor or viewer.");
  });

  it("shows the owner who changed, published and shared the study, and when", async () => {
    const owner = await researcher("a-owner@example.com");
    const editor = await researcher("a-editor@example.com");
    const path = await study(owner, "Audited study");
    expect((await editor.form(await invite(owner, path, "a-editor@example.com", "editor"), {})).status).toBe(302);
    await editor.form(path, { intent: "addOffer", name: "Ours", isOwn: "on" });
    await editor.form(path, { intent: "addOffer", name: "Theirs" });
    await owner.form(path, { intent: "addAttribute", kind: "quality", name: "Speed" });
    await owner.form(path, { intent: "addAttribute", kind: "price", name: "Price" });
    await editor.form(path, { intent: "publish" });
    const html = await (await owner.request(`${path}/members`)).text();
    const log = html.slice(html.indexOf('data-testid="audit-log"'));
    expect(log).toContain("a-editor@example.com</td><td>published<!-- -->: version 1");
    expect(log).toContain("a-editor@example.com</td><td>added an offer<!-- -->: Theirs");
    expect(log).toContain("a-editor@example.com</td><td>joined the study<!-- -->: editor");
    expect(log).toContain("a-owner@example.com</td><td>shared (invitation link)<!-- -->: a-editor@example.com (editor)");
    expect(log).toContain("a-owner@example.com</td><td>created the study<!-- -->: Audited study");
    expect((await editor.request(`${path}/members`)).status).toBe(403);
  });
});
