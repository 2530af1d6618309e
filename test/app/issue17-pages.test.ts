import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { insertQuestionnaire, makeStudy, signUp, snapshot, withDb } from "./fieldwork-helpers";
import { insertId, one } from "./server-db";

/**
 * Issue 17's smaller items on pages other than the design page: suggestions merged by hand across
 * spellings and languages (focus group), share links told apart (label, token's end), the home
 * page's sign-up, the password rule under the field.
 */
let server: AppServer;
let owner: Client;
let study: { path: string; id: number };

beforeAll(async () => {
  server = await startAppServer();
  owner = await signUp(server, "issue17-pages@example.com");
  study = await makeStudy(owner, "Pages study");
  const q = await insertQuestionnaire(server, study.id, "focus_group");
  await withDb(server, async (db) => {
    for (const [i, text] of ["Waterproofing (IP rating)", "防水性能", "waterproof"].entries()) {
      const id = await insertId(
        db,
        sql`insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, quality_share)
            values (${`pages-focus-${i}-abcd`}, ${q}, 'complete', '[]', 1, 1, 2, 60) returning id`,
      );
      await db.run(sql`insert into response_suggestions (response_id, position, text, weight) values (${id}, 1, ${text}, null)`);
    }
  });
});
afterAll(async () => {
  await server?.stop();
});

describe("suggestions merged by hand", () => {
  it("adds the checked suggestions, in any spelling or language, as one attribute named in both languages", async () => {
    const page = await (await owner.request(`${study.path}/focus-group`)).text();
    expect(page).toContain("Merge suggestions by hand");
    const res = await owner.request(`${study.path}/focus-group`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["csrf", (await owner.csrf())!],
        ["intent", "mergeMany"],
        ["texts", "Waterproofing (IP rating)"],
        ["texts", "防水性能"],
        ["texts", "waterproof"],
        ["name", "Waterproofing"],
        ["nameZh", "防水"],
        ["kind", "quality"],
      ]).toString(),
    });
    expect(await res.text()).toContain("Added to the attributes.");
    const attribute = await withDb(server, (db) => one(db, sql`select code, kind, name, name_zh as "nameZh" from attributes where study_id = ${study.id} and name = 'Waterproofing'`));
    expect(attribute).toEqual({ code: "waterproofing", kind: "quality", name: "Waterproofing", nameZh: "防水" });
    const audit = await withDb(server, (db) => one<{ detail: string }>(db, sql`select detail from audit_events where study_id = ${study.id} and action = 'mergeSuggestion'`));
    expect(audit.detail).toBe("Waterproofing (waterproofing, quality) <- Waterproofing (IP rating) | 防水性能 | waterproof");
  });

  it("refuses a suggestion the study does not have, and an attribute name already taken, changing nothing", async () => {
    const before = await snapshot(server);
    const unknown = await owner.form(`${study.path}/focus-group`, { intent: "mergeMany", texts: "Made up", name: "Made up", kind: "quality" });
    expect(await unknown.text()).toContain("Check at least one suggestion of this study");
    const taken = await owner.form(`${study.path}/focus-group`, { intent: "mergeMany", texts: "waterproof", name: "waterproofing", kind: "price" });
    expect(await taken.text()).toContain("Another attribute already has this name.");
    expect(await snapshot(server)).toBe(before);
  });
});

describe("share links", () => {
  it("keep a label and the token's last characters, so the list tells them apart", async () => {
    const html = await (await owner.form(`${study.path}/share`, { intent: "create", label: "Board deck" })).text();
    const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(html)![1]!;
    await owner.form(`${study.path}/share`, { intent: "create", label: "" });
    const list = await (await owner.request(`${study.path}/share`)).text();
    const table = list.slice(list.indexOf('data-testid="share-links"'));
    expect(table).toContain("Board deck");
    expect(table).toContain(`(…${token.slice(-4)})`);
    expect(table).not.toContain(token);
  });
});

describe("signing up", () => {
  it("is offered on the home page, and the password rule stands under the field before any error", async () => {
    const home = await (await new Client(server.url).request("/")).text();
    expect(home).toMatch(/<a[^>]*href="\/signup"[^>]*data-testid="home-sign-up"|<a[^>]*data-testid="home-sign-up"[^>]*href="\/signup"/);
    const signup = await (await new Client(server.url).request("/signup?lang=zh-CN")).text();
    expect(signup).toContain('aria-describedby="password-rule"');
    expect(signup).toContain("密码须为 12 到 128 个字符。");
  });
});
