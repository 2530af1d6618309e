import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bool } from "../../db/sql";
import { startAppServer, type AppServer, type Client } from "../helpers/app-server";
import { auditActions, makeStudy, signUp, snapshot, withDb } from "./fieldwork-helpers";
import { one } from "./server-db";

let server: AppServer;
let owner: Client;
let study: { path: string; id: number };

beforeAll(async () => {
  server = await startAppServer();
  owner = await signUp(server, "design@example.com");
  study = await makeStudy(owner);
});
afterAll(async () => {
  await server?.stop();
});

const questions = async () =>
  (
    await withDb(server, (db) =>
      db.rows<{ code: string; kind: string; text: string; textZh: string | null; choices: string; seg: unknown; sort: number }>(
        sql`select code, kind, text, text_zh as "textZh", choices_json as "choices", is_segment as "seg", sort from profile_questions where study_id = ${study.id} order by sort`,
      ),
    )
  ).map((q) => ({ ...q, seg: bool(q.seg) }));

describe("profile questions on the design page", () => {
  it("refuses a choice question without choices, in English and Chinese, and stores nothing", async () => {
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "addProfileQuestion", text: "Segment", kind: "choice", choices: "" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("A choice question requires at least one choice.");
    const zh = await owner.form(`${study.path}?lang=zh-CN`, { intent: "addProfileQuestion", text: "Segment", kind: "choice", choices: " \n " });
    expect(await zh.text()).toContain("单选题至少需要一个选项。");
    expect(await snapshot(server)).toBe(before);
  });

  it("adds a choice question with codes made from the labels, Chinese labels and the segment flag", async () => {
    const res = await owner.form(study.path, {
      intent: "addProfileQuestion",
      text: "Which segment?",
      textZh: "哪个细分市场？",
      kind: "choice",
      choices: "| Home users | 家庭用户\nsmall | Small offices | 小型办公室\nCafés",
      isSegment: "on",
    });
    expect(res.status).toBe(200);
    const [q] = await questions();
    expect(q).toMatchObject({ code: "whichsegment", kind: "choice", text: "Which segment?", textZh: "哪个细分市场？", seg: true });
    expect(JSON.parse(q!.choices)).toEqual([
      { code: "homeusers", label: "Home users", labelZh: "家庭用户" },
      { code: "small", label: "Small offices", labelZh: "小型办公室" },
      { code: "cafs", label: "Cafés", labelZh: null },
    ]);
    expect(await auditActions(server, study.id)).toContain("addProfileQuestion");
  });

  it("refuses a code already used and a bad code, with the reason", async () => {
    const before = await snapshot(server);
    const taken = await owner.form(study.path, { intent: "addProfileQuestion", code: "whichsegment", text: "Again", kind: "text" });
    expect(await taken.text()).toContain("Another profile question already uses this code.");
    const bad = await owner.form(study.path, { intent: "addProfileQuestion", code: "9lives", text: "Bad", kind: "text" });
    expect(await bad.text()).toContain("Code requires a lower-case letter followed by letters or digits (at most 40).");
    const dupChoice = await owner.form(study.path, { intent: "addProfileQuestion", text: "Size", kind: "choice", choices: "a | A\na | B" });
    expect(await dupChoice.text()).toContain("Choice codes require to be unique within the question.");
    expect(await snapshot(server)).toBe(before);
  });

  it("adds a text question, moves it up and removes it", async () => {
    await owner.form(study.path, { intent: "addProfileQuestion", code: "region", text: "Your region", kind: "text", choices: "ignored | Ignored" });
    expect((await questions()).map((q) => q.code)).toEqual(["whichsegment", "region"]);
    expect(JSON.parse((await questions())[1]!.choices)).toEqual([]);
    const regionId = (await withDb(server, (db) => one<{ id: number }>(db, sql`select id from profile_questions where code = 'region' and study_id = ${study.id}`))).id;
    await owner.form(study.path, { intent: "moveProfileQuestion", questionId: String(regionId), direction: "up" });
    expect((await questions()).map((q) => q.code)).toEqual(["region", "whichsegment"]);
    await owner.form(study.path, { intent: "deleteProfileQuestion", questionId: String(regionId) });
    expect((await questions()).map((q) => q.code)).toEqual(["whichsegment"]);
  });
});

describe("quotas", () => {
  it("refuses a target of 0 (and a fraction) and changes nothing", async () => {
    const before = await snapshot(server);
    for (const target of ["0", "2.5", "-3"]) {
      const res = await owner.form(study.path, { intent: "saveQuotas", questionCode: "whichsegment", target_homeusers: target });
      expect(await res.text()).toContain("A quota target requires a whole number of at least 1.");
    }
    const zh = await owner.form(`${study.path}?lang=zh-CN`, { intent: "saveQuotas", questionCode: "whichsegment", target_homeusers: "0" });
    const zhHtml = await zh.text();
    expect(zhHtml).toContain("配额目标必须是不小于 1 的整数。");
    // React 18.3.1 used to put NUL bytes where a Chinese character crossed its 2 KB buffer.
    expect(zhHtml).not.toContain("\u0000");
    expect(await snapshot(server)).toBe(before);
  });

  it("stores targets per choice, replaces them, and drops the quota of a choice removed from the question", async () => {
    await owner.form(study.path, { intent: "saveQuotas", questionCode: "whichsegment", target_homeusers: "40", target_small: "25", target_cafs: "" });
    const quotas = () => withDb(server, (db) => db.rows(sql`select question_code as "q", value, target from quotas where study_id = ${study.id} order by value`));
    expect(await quotas()).toEqual([
      { q: "whichsegment", value: "homeusers", target: 40 },
      { q: "whichsegment", value: "small", target: 25 },
    ]);
    const id = (await withDb(server, (db) => one<{ id: number }>(db, sql`select id from profile_questions where study_id = ${study.id}`))).id;
    await owner.form(study.path, {
      intent: "updateProfileQuestion",
      questionId: String(id),
      code: "whichsegment",
      text: "Which segment?",
      kind: "choice",
      choices: "homeusers | Home users | 家庭用户\ncafs | Cafés",
      isSegment: "on",
    });
    expect(await quotas()).toEqual([{ q: "whichsegment", value: "homeusers", target: 40 }]);
    expect(await auditActions(server, study.id)).toContain("saveQuotas");
  });
});

describe("fieldwork window and device rule", () => {
  it("refuses a closing time before the opening time and a malformed date", async () => {
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "fieldworkSettings", opensAt: "2026-12-01T09:00", closesAt: "2026-11-30T09:00" });
    expect(await res.text()).toContain("The closing time requires to be after the opening time.");
    const bad = await owner.form(study.path, { intent: "fieldworkSettings", opensAt: "2026-02-30T09:00" });
    expect(await bad.text()).toContain("Dates require the form YYYY-MM-DDTHH:MM.");
    expect(await snapshot(server)).toBe(before);
  });

  it("stores the window as UTC instants and the device rule, and shows the state", async () => {
    await owner.form(study.path, { intent: "fieldworkSettings", opensAt: "2099-01-01T08:30", closesAt: "2099-02-01T00:00", onePerDevice: "on" });
    const row = await withDb(server, (db) =>
      one<{ o: number; c: number; d: unknown }>(db, sql`select fieldwork_opens_at as "o", fieldwork_closes_at as "c", one_per_device as "d" from studies where id = ${study.id}`),
    );
    expect({ ...row, d: bool(row.d) }).toEqual({ o: Date.UTC(2099, 0, 1, 8, 30), c: Date.UTC(2099, 1, 1), d: true });
    expect(await (await owner.request(study.path)).text()).toContain("Fieldwork has not opened yet");
    await owner.form(study.path, { intent: "openFieldwork" });
    expect(await (await owner.request(study.path)).text()).toContain("Fieldwork is open");
    await owner.form(study.path, { intent: "closeFieldwork" });
    const html = await (await owner.request(`${study.path}?lang=zh-CN`)).text();
    expect(html).toContain("调研已关闭");
    const closed = await withDb(server, (db) => one<{ c: number; d: unknown }>(db, sql`select fieldwork_closes_at as "c", one_per_device as "d" from studies where id = ${study.id}`));
    expect(closed.c).toBeLessThanOrEqual(Date.now());
    expect(bool(closed.d)).toBe(true);
  });
});

describe("publishing both stages", () => {
  it("numbers focus-group and rating versions separately and records both in the audit log", async () => {
    expect((await owner.form(study.path, { intent: "publishFocusGroup" })).status).toBe(200);
    await owner.form(study.path, { intent: "publishFocusGroup" });
    await owner.form(study.path, { intent: "publish" });
    const rows = await withDb(server, (db) =>
      db.rows<{ stage: string; version: number; json: string }>(sql`select stage, version, survey_json as "json" from questionnaires where study_id = ${study.id} order by id`),
    );
    expect(rows.map((r) => [r.stage, r.version])).toEqual([
      ["focus_group", 1],
      ["focus_group", 2],
      ["rating", 1],
    ]);
    // The focus-group JSON asks which attributes matter; the rating JSON rates offers.
    expect(rows[0]!.json).toContain("matters_quality");
    expect(rows[2]!.json).toContain("rating_aster_taste");
    const actions = await auditActions(server, study.id);
    expect(actions.filter((a) => a === "publishFocusGroup")).toHaveLength(2);
    expect(actions).toContain("publish");
    expect(await (await owner.request(study.path)).text()).toContain("Focus group version 2 published");
  });

  it("does not publish a focus group without a price attribute", async () => {
    const other = (await owner.form("/studies", { title: "Bare" })).headers.get("Location")!;
    await owner.form(other, { intent: "addAttribute", kind: "quality", name: "Only quality" });
    const before = await snapshot(server);
    const res = await owner.form(other, { intent: "publishFocusGroup" });
    expect(res.status).toBe(200);
    expect(await snapshot(server)).toBe(before);
    expect(await (await owner.request(other)).text()).toContain("A study requires at least one price attribute.");
  });

  it("refuses a design change without the form's security token", async () => {
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "addProfileQuestion", text: "Sneaky", kind: "text", csrf: "wrong" });
    expect(res.status).toBe(403);
    expect(await snapshot(server)).toBe(before);
  });
});
