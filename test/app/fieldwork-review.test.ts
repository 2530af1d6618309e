import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { startAppServer, type AppServer, type Client } from "../helpers/app-server";
import { auditActions, insertQuestionnaire, makeStudy, signUp, snapshot, withDb } from "./fieldwork-helpers";
import { insertId, one } from "./server-db";

let server: AppServer;
let owner: Client;
let study: { path: string; id: number };
const MARKUP = `<img src=x onerror="window.__xss=1">`;

beforeAll(async () => {
  server = await startAppServer();
  owner = await signUp(server, "review@example.com");
  study = await makeStudy(owner);
});
afterAll(async () => {
  await server?.stop();
});

/** Focus-group responses as the respondent runtime stores them (the storage contract). */
async function addFocusResponses() {
  const q = await insertQuestionnaire(server, study.id, "focus_group");
  await withDb(server, (db) =>
    db.transaction(async (tx) => {
      const response = (clientId: string, status: string, completedAt: number | null, share: number) =>
        insertId(
          tx,
          sql`insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, quality_share)
              values (${clientId}, ${q}, ${status}, '[]', 1, 1, ${completedAt}, ${share}) returning id`,
        );
      const data: Array<[number, Record<string, number>, string[]]> = [
        [60, { taste: 50, speed: 50, purchase_price: 80, upkeep: 20 }, ["Warranty", MARKUP]],
        [70, { taste: 70, speed: 30, purchase_price: 60, upkeep: 40 }, ["warranty "]],
        [80, { taste: 30, speed: 70, purchase_price: 70, upkeep: 30 }, []],
      ];
      for (const [i, [share, points, suggestions]] of data.entries()) {
        const id = await response(`focus-${i}-abcdefgh`, "complete", 2, share);
        for (const [code, w] of Object.entries(points)) {
          await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${code}, ${w})`);
        }
        for (const [k, text] of suggestions.entries()) {
          await tx.run(sql`insert into response_suggestions (response_id, position, text, weight) values (${id}, ${k + 1}, ${text}, ${k === 0 ? 10 : null})`);
        }
      }
      // A draft's answers never count.
      await response("focus-draft-abcdefgh", "draft", null, 10);
    }),
  );
}

describe("focus-group consolidation", () => {
  it("shows each attribute's mean, spread and n, the split, and the suggestions grouped (markup as text)", async () => {
    await addFocusResponses();
    const html = await (await owner.request(`${study.path}/focus-group`)).text();
    expect(html).toContain("3 complete focus-group responses");
    // Hand: taste 50, 70, 30 -> mean 50.0, sd 20.0; upkeep 20, 40, 30 -> mean 30.0, sd 10.0.
    const row = (code: string) => new RegExp(`<tr data-code="${code}">(.*?)</tr>`).exec(html)?.[1] ?? "";
    expect(row("taste")).toMatch(/<td>50\.0<\/td><td>20\.0<\/td><td>3<\/td><td>100 %<\/td>/);
    expect(row("upkeep")).toMatch(/<td>30\.0<\/td><td>10\.0<\/td><td>3<\/td>/);
    // Split 60, 70, 80: mean 70, sd 10.
    expect(html).toContain("quality 70.0 points on average (SD 10.0, n = 3)");
    expect(html).toMatch(/Warranty<\/span> <span class="muted small">2 ×/);
    expect(html).not.toContain("<img src=x onerror");
    expect(html).toContain("&lt;img src=x onerror");
  });

  it("adopts the consolidated weights as the study's stated weights and drops them again", async () => {
    await owner.form(`${study.path}/focus-group`, { intent: "adopt" });
    const stated = async () => (await withDb(server, (db) => one<{ s: string | null }>(db, sql`select stated_weights_json as "s" from studies where id = ${study.id}`))).s;
    expect(JSON.parse((await stated())!)).toEqual({ qualityShare: 70, weights: { taste: 50, speed: 50, purchase_price: 70, upkeep: 30 } });
    expect(await (await owner.request(`${study.path}/focus-group?lang=zh-CN`)).text()).toContain("已作为本研究的声明权重");
    await owner.form(`${study.path}/focus-group`, { intent: "drop" });
    expect(await stated()).toBeNull();
    expect(await auditActions(server, study.id)).toEqual(expect.arrayContaining(["adoptWeights", "dropWeights"]));
  });

  it("merges a suggestion into the attributes with a code from its name", async () => {
    await owner.form(`${study.path}/focus-group`, { intent: "merge", name: "Warranty", nameZh: "保修", kind: "quality" });
    const attribute = await withDb(server, (db) => one(db, sql`select code, kind, name, name_zh as "nameZh" from attributes where study_id = ${study.id} and name = 'Warranty'`));
    expect(attribute).toEqual({ code: "warranty", kind: "quality", name: "Warranty", nameZh: "保修" });
    const before = await snapshot(server);
    const bad = await owner.form(`${study.path}/focus-group`, { intent: "merge", name: "Extra", kind: "other" });
    expect(await bad.text()).toContain("Kind requires quality or price.");
    expect(await snapshot(server)).toBe(before);
  });
});

describe("responses list and review", () => {
  let complete: number[] = [];
  let otherResponse = 0;

  beforeAll(async () => {
    await owner.form(study.path, {
      intent: "addProfileQuestion",
      code: "segment",
      text: "Segment",
      kind: "choice",
      ...{ "choices[0].code": "home", "choices[0].label": "Home", "choices[0].labelZh": "家庭" },
      ...{ "choices[1].code": "lab", "choices[1].label": MARKUP, "choices[1].labelZh": "实验室" },
    });
    await owner.form(study.path, { intent: "addProfileQuestion", code: "remarks", text: "Remarks", kind: "text" });
    const q = await insertQuestionnaire(server, study.id, "rating");
    const otherStudy = await makeStudy(owner, "Other");
    const otherQ = await insertQuestionnaire(server, otherStudy.id, "rating");
    await withDb(server, (db) =>
      db.transaction(async (tx: Db) => {
        const add = (clientId: string, questionnaireId: number, status: string, startedAt: number, updatedAt: number, completedAt: number | null, screenReason: string | null) =>
          insertId(
            tx,
            sql`insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, screen_reason)
                values (${clientId}, ${questionnaireId}, ${status}, '[]', ${startedAt}, ${updatedAt}, ${completedAt}, ${screenReason}) returning id`,
          );
        complete = [await add("complete-0-abcdefgh", q, "complete", 1000, 1000, 601_000, null), await add("complete-1-abcdefgh", q, "complete", 1000, 1000, 601_000, null)];
        await tx.run(sql`insert into response_profile (response_id, question_code, value) values (${complete[0]}, 'segment', 'lab'), (${complete[0]}, 'remarks', ${MARKUP})`);
        await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${complete[0]}, 'aster', 'taste', 9)`);
        await add("screened-abcdefgh", q, "screened_out", 1, 1, null, "quota_full");
        for (let i = 0; i < 230; i++) await add(`draft-${i}-abcdefgh`, q, "draft", 1, 1, null, null);
        otherResponse = await add("other-study-abcdefgh", otherQ, "complete", 1, 1, 2, null);
      }),
    );
  });

  const review = async (id: number) => (await withDb(server, (db) => one<{ review: string | null }>(db, sql`select review from responses where id = ${id}`))).review;

  it("lists responses 100 per page with status, profile and paging", async () => {
    const first = await (await owner.request(`${study.path}/responses?stage=rating`)).text();
    expect(first).toContain("233 responses");
    expect(first.match(/data-response="/g)).toHaveLength(100);
    expect(first).toContain("Page 1 of 3");
    const last = await (await owner.request(`${study.path}/responses?stage=rating&page=3`)).text();
    expect(last.match(/data-response="/g)).toHaveLength(33);
    const completeOnly = await (await owner.request(`${study.path}/responses?status=complete&stage=rating`)).text();
    expect(completeOnly).toContain("2 responses");
    expect(completeOnly).toContain("10.0 min");
    const screened = await (await owner.request(`${study.path}/responses?status=screened_out&lang=zh-CN`)).text();
    expect(screened).toContain("配额已满");
  });

  it("shows one response's answers as text, never as markup", async () => {
    // React separates adjacent text parts with empty comments.
    const html = (await (await owner.request(`${study.path}/responses?show=${complete[0]}`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Response " + complete[0]);
    expect(html).toContain("Aster · Taste: 9");
    expect(html).toContain("Remarks: &lt;img src=x onerror");
    expect(html).not.toContain("<img src=x onerror");
  });

  it("includes, excludes and resets a response, with audit events", async () => {
    const id = complete[1]!;
    await owner.form(`${study.path}/responses`, { intent: "review", responseId: String(id), review: "exclude" });
    expect(await review(id)).toBe("exclude");
    await owner.form(`${study.path}/responses`, { intent: "review", responseId: String(id), review: "include" });
    expect(await review(id)).toBe("include");
    await owner.form(`${study.path}/responses`, { intent: "review", responseId: String(id), review: "reset" });
    expect(await review(id)).toBeNull();
    expect((await auditActions(server, study.id)).filter((a) => a === "review")).toHaveLength(3);
  });

  it("refuses to review another study's response or an unknown decision, changing nothing", async () => {
    const before = await snapshot(server);
    const res = await owner.form(`${study.path}/responses`, { intent: "review", responseId: String(otherResponse), review: "exclude" });
    expect(res.status).toBe(404);
    const bad = await owner.form(`${study.path}/responses`, { intent: "review", responseId: String(complete[0]), review: "delete" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("review requires include, exclude or reset");
    expect(await snapshot(server)).toBe(before);
  });
});

describe("fieldwork dashboard", () => {
  it("shows the counts and the quota cells", async () => {
    await owner.form(study.path, { intent: "saveQuotas", questionCode: "segment", "targets[0].choice": "lab", "targets[0].target": "5" });
    const html = await (await owner.request(`${study.path}/fieldwork`)).text();
    expect(html).toMatch(/data-testid="count-started">233</);
    expect(html).toMatch(/data-testid="count-complete">2</);
    expect(html).toMatch(/data-testid="count-screened">1</);
    expect(html).toMatch(/data-testid="count-focus">3<!-- --> \/ <!-- -->4</);
    expect(html).toMatch(/1<!-- --> \/ <!-- -->5/);
    expect(html).not.toContain("<img src=x onerror");
  });

  it("starts the next wave", async () => {
    const res = await owner.form(`${study.path}/fieldwork`, { intent: "nextWave" });
    expect(res.status).toBe(200);
    expect((await withDb(server, (db) => one<{ w: number }>(db, sql`select current_wave as "w" from studies where id = ${study.id}`))).w).toBe(2);
    expect(await auditActions(server, study.id)).toContain("nextWave");
    expect(await (await owner.request(`${study.path}/fieldwork`)).text()).toContain("current wave 2");
  });
});
