import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer, type Client } from "../helpers/app-server";
import { makeStudy, signUp, snapshot, withDb } from "./fieldwork-helpers";
import { one } from "./server-db";

/**
 * Issue 17's refusals at the HTTP boundary: a duplicate name, a destructive or irreversible action
 * without its confirmation, a code change after publication; each answered with the reason and
 * changing nothing. Viewers read the design and get "view-only access", not the error page.
 */
let server: AppServer;
let owner: Client;
let viewer: Client;
let study: { path: string; id: number };

const idOf = (table: "offers" | "attributes", code: string) =>
  withDb(server, async (db) => (await one<{ id: number }>(db, sql`select id from ${sql.identifier(table)} where study_id = ${study.id} and code = ${code}`)).id);
const rows = (name: string, values: string[]) => Object.fromEntries(values.map((v, i) => [`rows[${i}].${name}`, v]));

beforeAll(async () => {
  server = await startAppServer();
  owner = await signUp(server, "refusals@example.com");
  viewer = await signUp(server, "refusals-viewer@example.com");
  study = await makeStudy(owner, "Refusals study");
  const page = await (await owner.form(`${study.path}/members`, { intent: "invite", email: "refusals-viewer@example.com", role: "viewer" })).text();
  expect((await viewer.form(/\/invitations\/[A-Za-z0-9_-]+/.exec(page)![0], {})).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

describe("duplicate names", () => {
  it("refuses an offer named like another (case and spaces ignored), in both languages, and adds none of the rows", async () => {
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "addOffers", ...rows("name", ["Cedar", "  aster "]) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Another offer already has this name.");
    const zh = await owner.form(`${study.path}?lang=zh-CN`, { intent: "addOffer", name: "BIRCH" });
    expect(await zh.text()).toContain("已有同名的产品。");
    expect(await snapshot(server)).toBe(before);
  });

  it("refuses two new attributes with one name, and an attribute named like an existing one of the other kind", async () => {
    const before = await snapshot(server);
    const twice = await owner.form(study.path, { intent: "addAttributes", ...rows("kind", ["quality", "quality"]), ...rows("name", ["Noise", "noise"]) });
    expect(await twice.text()).toContain("Another attribute already has this name.");
    const otherKind = await owner.form(study.path, { intent: "addAttribute", kind: "price", name: "Taste" });
    expect(await otherKind.text()).toContain("Another attribute already has this name.");
    expect(await snapshot(server)).toBe(before);
  });
});

describe("destructive and irreversible actions need their confirmation", () => {
  it("does not delete an offer or an attribute without confirm=yes, and does with it", async () => {
    await owner.form(study.path, { intent: "addOffers", ...rows("name", ["Cedar"]) });
    await owner.form(study.path, { intent: "addAttribute", kind: "quality", name: "Noise" });
    const cedar = String(await idOf("offers", "cedar"));
    const noise = String(await idOf("attributes", "noise"));
    const before = await snapshot(server);
    const unconfirmed: Array<Record<string, string>> = [
      { intent: "deleteOffer", offerId: cedar },
      { intent: "deleteOffer", offerId: cedar, confirm: "no" },
      { intent: "deleteAttribute", attributeId: noise },
    ];
    for (const fields of unconfirmed) {
      const res = await owner.form(study.path, fields);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("This action requires confirmation: open it again and press its confirm button. Nothing was changed.");
    }
    expect(await snapshot(server)).toBe(before);
    expect(await (await owner.form(study.path, { intent: "deleteOffer", offerId: cedar, confirm: "yes" })).text()).toContain("Deleted: Cedar.");
    await owner.form(study.path, { intent: "deleteAttribute", attributeId: noise, confirm: "yes" });
    const left = await withDb(server, (db) => db.rows<{ code: string }>(sql`select code from offers where study_id = ${study.id} union all select code from attributes where study_id = ${study.id}`));
    expect(left.map((r) => r.code).sort()).toEqual(["aster", "birch", "purchase_price", "speed", "taste", "upkeep"]);
  });

  it("does not remove a key event or a firm function without confirm=yes", async () => {
    const aster = String(await idOf("offers", "aster"));
    await owner.form(`${study.path}/strategy`, { intent: "addEvent", offerId: aster, date: "2027-01-10", label: "Launch" });
    await owner.form(`${study.path}/strategy`, { intent: "addFunction", name: "Engineering" });
    const ids = await withDb(server, async (db) => ({
      event: String((await one<{ id: number }>(db, sql`select id from key_events where study_id = ${study.id}`)).id),
      fn: String((await one<{ id: number }>(db, sql`select id from firm_functions where study_id = ${study.id}`)).id),
    }));
    const count = () => withDb(server, async (db) => one<{ e: number; f: number }>(db, sql`select (select count(*) from key_events where study_id = ${study.id}) as "e", (select count(*) from firm_functions where study_id = ${study.id}) as "f"`));
    for (const fields of [{ intent: "deleteEvent", id: ids.event }, { intent: "deleteFunction", id: ids.fn }]) {
      expect(await (await owner.form(`${study.path}/strategy`, fields)).text()).toContain("This action requires confirmation: open it again and press its confirm button. Nothing was changed.");
    }
    expect(await count()).toEqual({ e: 1, f: 1 });
    await owner.form(`${study.path}/strategy`, { intent: "deleteEvent", id: ids.event, confirm: "yes" });
    await owner.form(`${study.path}/strategy`, { intent: "deleteFunction", id: ids.fn, confirm: "yes" });
    expect(await count()).toEqual({ e: 0, f: 0 });
  });

  it("moves the own offer as one choice and says which offer it replaced", async () => {
    const birch = String(await idOf("offers", "birch"));
    const html = await (await owner.form(study.path, { intent: "setOwnOffer", offerId: birch })).text();
    expect(html).toContain("Birch is now the own offer; Aster became a competitor.");
    const own = await withDb(server, (db) => db.rows<{ code: string }>(sql`select code from offers where study_id = ${study.id} and is_own = ${true}`));
    expect(own).toEqual([{ code: "birch" }]);
    await owner.form(study.path, { intent: "setOwnOffer", offerId: String(await idOf("offers", "aster")) });
  });

  it("freezes codes once published: a code change is refused, a rename is not", async () => {
    await owner.form(study.path, { intent: "publish" });
    const aster = String(await idOf("offers", "aster"));
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "updateOffer", offerId: aster, name: "Aster", code: "aster_one" });
    expect(await res.text()).toContain("This code is used by a published version and can no longer change.");
    expect(await snapshot(server)).toBe(before);
    const html = await (await owner.form(study.path, { intent: "updateOffer", offerId: aster, name: "Aster One" })).text();
    expect(html).toContain("Unpublished changes: the rating questionnaire differs from version 1 in 1 point.");
  });
});

describe("viewers", () => {
  it("read the design without any change control, and get a view-only page, not the error page, on an editor's page", async () => {
    const design = await viewer.request(study.path);
    expect(design.status).toBe(200);
    const html = await design.text();
    expect(html).toContain("You have view-only access: the design is shown read-only.");
    expect(html).toMatch(/<fieldset class="plain" disabled="">/);
    const strategy = await viewer.request(`${study.path}/strategy`);
    expect(strategy.status).toBe(403);
    const page = await strategy.text();
    expect(page).toContain("you have view-only access. You can read the design, the fieldwork, the responses and the report.");
    expect(page).not.toContain("Something went wrong");
    const zh = await (await viewer.request(`${study.path}/focus-group?lang=zh-CN`)).text();
    expect(zh).toContain("此页面供研究的编辑者使用；您只有查看权限。");
  });

  it("cannot change the design", async () => {
    const before = await snapshot(server);
    expect((await viewer.form(study.path, { intent: "addOffer", name: "Viewer offer" })).status).toBe(403);
    expect(await snapshot(server)).toBe(before);
  });

  it("can preview, and a preview stores nothing", async () => {
    const before = await snapshot(server);
    const res = await viewer.request(`${study.path}/preview?stage=rating&language=zh-CN`);
    expect(res.status).toBe(200);
    const html = await res.text();
    // The page speaks the researcher's language; the questionnaire is built in both (run in zh-cn here).
    expect(html).toContain("Preview of the current design: answers are not saved, not counted and not exported.");
    expect(html).toContain('data-testid="preview-frame" data-frame="phone"><div class="respondent" lang="zh-CN">');
    expect(await snapshot(server)).toBe(before);
  });
});
