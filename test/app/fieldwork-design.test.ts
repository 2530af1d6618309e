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

/** The choice rows of the row editor as form fields (`choices[i].label` …). */
const choiceFields = (rows: Array<{ label: string; labelZh?: string; code?: string }>) =>
  Object.fromEntries(
    rows.flatMap((r, i) => [
      [`choices[${i}].label`, r.label],
      [`choices[${i}].labelZh`, r.labelZh ?? ""],
      [`choices[${i}].code`, r.code ?? ""],
    ]),
  );

describe("profile questions on the design page", () => {
  it("refuses a choice question without choices, in English and Chinese, and stores nothing", async () => {
    const before = await snapshot(server);
    const res = await owner.form(study.path, { intent: "addProfileQuestion", text: "Segment", kind: "choice" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("A choice question requires at least one choice.");
    const zh = await owner.form(`${study.path}?lang=zh-CN`, { intent: "addProfileQuestion", text: "Segment", kind: "choice" });
    expect(await zh.text()).toContain("单选题至少需要一个选项。");
    expect(await snapshot(server)).toBe(before);
  });

  it("adds a choice question from the row editor: codes made from the labels, Chinese labels, the segment flag", async () => {
    const res = await owner.form(study.path, {
      intent: "addProfileQuestion",
      text: "Which segment?",
      textZh: "哪个细分市场？",
      kind: "choice",
      ...choiceFields([{ label: "Home users", labelZh: "家庭用户" }, { label: "Small offices", labelZh: "小型办公室", code: "small" }, { label: "Cafés" }]),
      isSegment: "on",
    });
    expect(res.status).toBe(200);
    const [q] = await questions();
    expect(q).toMatchObject({ code: "which_segment", kind: "choice", text: "Which segment?", textZh: "哪个细分市场？", seg: true });
    expect(JSON.parse(q!.choices)).toEqual([
      { code: "home_users", label: "Home users", labelZh: "家庭用户" },
      { code: "small", label: "Small offices", labelZh: "小型办公室" },
      { code: "cafes", label: "Cafés", labelZh: null },
    ]);
    expect(await auditActions(server, study.id)).toContain("addProfileQuestion");
  });

  it("refuses a code already used, a bad code and repeated choice codes, with the reason", async () => {
    const before = await snapshot(server);
    const taken = await owner.form(study.path, { intent: "addProfileQuestion", code: "which_segment", text: "Again", kind: "text" });
    expect(await taken.text()).toContain("Another profile question already uses this code.");
    const bad = await owner.form(study.path, { intent: "addProfileQuestion", code: "9lives", text: "Bad", kind: "text" });
    expect(await bad.text()).toContain("Code requires a lower-case letter, then lower-case letters or digits, words joined by single “_” (at most 40).");
    const dupChoice = await owner.form(study.path, { intent: "addProfileQuestion", text: "Size", kind: "choice", ...choiceFields([{ label: "A", code: "a" }, { label: "B", code: "a" }]) });
    expect(await dupChoice.text()).toContain("Choice codes require to be unique within the question.");
    expect(await snapshot(server)).toBe(before);
  });

  it("adds a text question, moves it up, and deletes it only once confirmed", async () => {
    await owner.form(study.path, { intent: "addProfileQuestion", code: "region", text: "Your region", kind: "text", ...choiceFields([{ label: "Ignored" }]) });
    expect((await questions()).map((q) => q.code)).toEqual(["which_segment", "region"]);
    expect(JSON.parse((await questions())[1]!.choices)).toEqual([]);
    const regionId = (await withDb(server, (db) => one<{ id: number }>(db, sql`select id from profile_questions where code = 'region' and study_id = ${study.id}`))).id;
    await owner.form(study.path, { intent: "moveProfileQuestion", questionId: String(regionId), direction: "up" });
    expect((await questions()).map((q) => q.code)).toEqual(["region", "which_segment"]);
    const unconfirmed = await owner.form(study.path, { intent: "deleteProfileQuestion", questionId: String(regionId) });
    expect(await unconfirmed.text()).toContain("This action requires confirmation: open it again and press its confirm button. Nothing was changed.");
    expect((await questions()).map((q) => q.code)).toEqual(["region", "which_segment"]);
    await owner.form(study.path, { intent: "deleteProfileQuestion", questionId: String(regionId), confirm: "yes" });
    expect((await questions()).map((q) => q.code)).toEqual(["which_segment"]);
  });
});

describe("quotas", () => {
  const targets = (rows: Array<[string, string]>) =>
    Object.fromEntries(rows.flatMap(([choice, target], i) => [[`targets[${i}].choice`, choice], [`targets[${i}].target`, target]]));

  it("refuses a target of 0 (and a fraction) and changes nothing", async () => {
    const before = await snapshot(server);
    for (const target of ["0", "2.5", "-3"]) {
      const res = await owner.form(study.path, { intent: "saveQuotas", questionCode: "which_segment", ...targets([["home_users", target]]) });
      expect(await res.text()).toContain("A quota target requires a whole number from 1 to 1,000,000.");
    }
    const zh = await owner.form(`${study.path}?lang=zh-CN`, { intent: "saveQuotas", questionCode: "which_segment", ...targets([["home_users", "0"]]) });
    const zhHtml = await zh.text();
    expect(zhHtml).toContain("配额目标必须是 1 到 1,000,000 之间的整数。");
    // React 18.3.1 used to put NUL bytes where a Chinese character crossed its 2 KB buffer.
    expect(zhHtml).not.toContain("\u0000");
    expect(await snapshot(server)).toBe(before);
  });

  it("stores targets per choice, replaces them, and drops the quota of a choice removed from the question", async () => {
    await owner.form(study.path, { intent: "saveQuotas", questionCode: "which_segment", ...targets([["home_users", "40"], ["small", "25"], ["cafes", ""]]) });
    const quotas = () => withDb(server, (db) => db.rows(sql`select question_code as "q", value, target from quotas where study_id = ${study.id} order by value`));
    expect(await quotas()).toEqual([
      { q: "which_segment", value: "home_users", target: 40 },
      { q: "which_segment", value: "small", target: 25 },
    ]);
    const id = (await withDb(server, (db) => one<{ id: number }>(db, sql`select id from profile_questions where study_id = ${study.id}`))).id;
    await owner.form(study.path, {
      intent: "updateProfileQuestion",
      questionId: String(id),
      code: "which_segment",
      text: "Which segment?",
      kind: "choice",
      ...choiceFields([{ label: "Home users", labelZh: "家庭用户", code: "home_users" }, { label: "Cafés", code: "cafes" }]),
      isSegment: "on",
    });
    expect(await quotas()).toEqual([{ q: "which_segment", value: "home_users", target: 40 }]);
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

  it("says a study with nothing published is not published, not that fieldwork is open", async () => {
    const html = await (await owner.request(study.path)).text();
    expect(html).toContain("Not published yet");
    expect(html).not.toContain("Fieldwork is open");
  });

  it("stores the window as UTC instants read in the researcher's time zone, and shows the state once published", async () => {
    await owner.form(study.path, { intent: "publish" });
    await owner.form(study.path, { intent: "fieldworkSettings", opensAt: "2099-01-01T16:30", closesAt: "2099-02-01T08:00", timeZone: "Asia/Shanghai", onePerDevice: "on" });
    const row = await withDb(server, (db) =>
      one<{ o: number; c: number; d: unknown }>(db, sql`select fieldwork_opens_at as "o", fieldwork_closes_at as "c", one_per_device as "d" from studies where id = ${study.id}`),
    );
    // Shanghai is UTC+8 all year: 16:30 there is 08:30 UTC.
    expect({ ...row, d: bool(row.d) }).toEqual({ o: Date.UTC(2099, 0, 1, 8, 30), c: Date.UTC(2099, 1, 1), d: true });
    const html = await (await owner.request(study.path)).text();
    expect(html).toContain("Fieldwork has not opened yet");
    expect(html).toContain("UTC 2099-01-01 08:30");
    await owner.form(study.path, { intent: "openFieldwork" });
    expect(await (await owner.request(study.path)).text()).toContain("Fieldwork is open");
  });

  it("closes the fieldwork only once confirmed", async () => {
    const before = await snapshot(server);
    expect(await (await owner.form(study.path, { intent: "closeFieldwork" })).text()).toContain("This action requires confirmation: open it again and press its confirm button. Nothing was changed.");
    expect(await snapshot(server)).toBe(before);
    await owner.form(study.path, { intent: "closeFieldwork", confirm: "yes" });
    const html = await (await owner.request(`${study.path}?lang=zh-CN`)).text();
    expect(html).toContain("调研已关闭");
    const closed = await withDb(server, (db) => one<{ c: number; d: unknown }>(db, sql`select fieldwork_closes_at as "c", one_per_device as "d" from studies where id = ${study.id}`));
    expect(closed.c).toBeLessThanOrEqual(Date.now());
    expect(bool(closed.d)).toBe(true);
  });
});

describe("publishing both stages", () => {
  it("numbers focus-group and rating versions separately, asks before version N+1, and records both in the audit log", async () => {
    expect((await owner.form(study.path, { intent: "publishFocusGroup" })).status).toBe(200);
    const before = await snapshot(server);
    const unconfirmed = await owner.form(study.path, { intent: "publishFocusGroup" });
    expect(await unconfirmed.text()).toContain("Publishing a new version requires confirmation");
    expect(await snapshot(server)).toBe(before);
    await owner.form(study.path, { intent: "publishFocusGroup", confirm: "yes" });
    const rows = await withDb(server, (db) =>
      db.rows<{ stage: string; version: number; json: string }>(sql`select stage, version, survey_json as "json" from questionnaires where study_id = ${study.id} order by id`),
    );
    expect(rows.map((r) => [r.stage, r.version])).toEqual([
      ["rating", 1],
      ["focus_group", 1],
      ["focus_group", 2],
    ]);
    // The focus-group JSON asks which attributes matter; the rating JSON rates offers.
    expect(rows[1]!.json).toContain("matters_quality");
    expect(rows[0]!.json).toContain("rating_aster_taste");
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
