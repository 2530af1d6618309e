import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { study, studyWithSegment as withSegment, validAnswers } from "../surveys/fixtures";
import type { StudyDefinition } from "../../surveys/study-definition";
import { answer, api, createStudy, newId, publish } from "./respondent-study";
import { one } from "./server-db";

let server: AppServer;
let db: Db;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const answers = (segment = "office") => ({ ...validAnswers(), profile_segment: segment });
const responsesOf = (clientId: string) =>
  db.rows<{ status: string; screen_reason: string | null; device_id: string | null; wave: number; invitation_id: number | null; questionnaire_id: number }>(
    sql`select status, screen_reason, device_id, wave, invitation_id, questionnaire_id from responses where client_id = ${clientId}`,
  );
const countFor = async (studyId: number) =>
  (await one<{ n: number }>(db, sql`select count(*) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${studyId}`)).n;

describe("quotas", () => {
  it("50 concurrent completions at a quota of 10: exactly 10 complete, the rest screened out as quota_full with their answers", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", withSegment);
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${studyId}, 'segment', 'office', 10)`);
    const ids = Array.from({ length: 50 }, () => newId("quota"));
    const results = await Promise.all(ids.map((responseId) => answer(server.url, token, { responseId, answers: answers() })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.filter((r) => r.body.status === "complete")).toHaveLength(10);
    expect(results.filter((r) => r.body.status === "screened_out" && r.body.screenReason === "quota_full")).toHaveLength(40);
    const stored = await db.rows<{ status: string; screen_reason: string | null; n: number }>(
      sql`select r.status, r.screen_reason, count(*) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id
          where q.study_id = ${studyId} group by r.status, r.screen_reason order by r.status`,
    );
    expect(stored).toEqual([
      { status: "complete", screen_reason: null, n: 10 },
      { status: "screened_out", screen_reason: "quota_full", n: 40 },
    ]);
    // Answers are kept for the screened-out respondents (10 ratings and a profile answer each).
    const kept = (
      await one<{ n: number }>(
        db,
        sql`select count(*) as "n" from response_ratings rr join responses r on r.id = rr.response_id
            join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${studyId} and r.status = 'screened_out'`,
      )
    ).n;
    expect(kept).toBe(40 * 10);
    // Another cell is not affected by the full one.
    const home = await answer(server.url, token, { responseId: newId("home"), answers: answers("home") });
    expect(home.body.status).toBe("complete");
  }, 60_000);

  it("does not count a response the researcher excluded: the cell admits a replacement", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", withSegment);
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${studyId}, 'segment', 'home', 1)`);
    const first = newId("excl");
    expect((await answer(server.url, token, { responseId: first, answers: answers("home") })).body.status).toBe("complete");
    expect((await answer(server.url, token, { responseId: newId("excl"), answers: answers("home") })).body.screenReason).toBe("quota_full");
    await db.run(sql`update responses set review = 'exclude' where client_id = ${first}`);
    expect((await answer(server.url, token, { responseId: newId("excl"), answers: answers("home") })).body.status).toBe("complete");
  });

  it("marks a screening screen-out with screen_reason 'screening'", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", withSegment);
    const responseId = newId("screen");
    const res = await answer(server.url, token, { responseId, answers: { known_offers: ["beta"] } });
    expect(res.body).toMatchObject({ ok: true, status: "screened_out", screenReason: "screening" });
    expect((await responsesOf(responseId))[0]).toMatchObject({ status: "screened_out", screen_reason: "screening" });
  });
});

describe("fieldwork window", () => {
  it("refuses new responses after closing with 403 and stores nothing", async () => {
    const { studyId, token } = await createStudy(db, { closesAt: Date.now() - 1000 });
    await publish(db, studyId, "rating", study);
    const res = await api(server.url, token, { intent: "start", responseId: newId("closed") });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, reason: "closed", error: "fieldwork is closed: this questionnaire does not take new responses" });
    // A completion of a response never started is refused before the window is looked at.
    const complete = await api(server.url, token, { intent: "complete", responseId: newId("closed"), answers: validAnswers() });
    expect(complete.status).toBe(409);
    expect(complete.body).toMatchObject({ ok: false, reason: "notStarted" });
    expect(await countFor(studyId)).toBe(0);
  });

  it("refuses new responses before opening", async () => {
    const { studyId, token } = await createStudy(db, { opensAt: Date.now() + 3_600_000 });
    await publish(db, studyId, "rating", study);
    const res = await api(server.url, token, { intent: "start", responseId: newId("early") });
    expect(res.status).toBe(403);
    expect(await countFor(studyId)).toBe(0);
  });

  it("lets a response started while open finish after closing within the study's grace period (issue 14: without one, the close applies to it)", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const responseId = newId("late");
    expect((await api(server.url, token, { intent: "start", responseId })).status).toBe(200);
    await db.run(sql`update studies set fieldwork_closes_at = ${Date.now() - 1}, fieldwork_grace_minutes = 30 where id = ${studyId}`);
    expect((await api(server.url, token, { intent: "start", responseId })).body.status).toBe("draft");
    const done = await api(server.url, token, { intent: "complete", responseId, answers: validAnswers() });
    expect(done.body).toMatchObject({ ok: true, status: "complete" });
    expect((await api(server.url, token, { intent: "start", responseId: newId("new") })).status).toBe(403);
  });
});

describe("personal invitations", () => {
  it("binds the first response to the invitation and resumes it from another device", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const invite = "inv0123456789abcdefXYZ";
    await db.run(sql`insert into respondent_invitations (study_id, token, label, created_at) values (${studyId}, ${invite}, 'Ann', ${Date.now()})`);
    const phone = newId("phone");
    const first = await api(server.url, token, { intent: "start", responseId: phone, invite });
    expect(first.body.responseId).toBe(phone);
    await api(server.url, token, { intent: "draft", responseId: phone, invite, seq: 1, pageNo: 1, answers: { known_offers: ["alpha", "beta"] } });
    const laptop = await api(server.url, token, { intent: "start", responseId: newId("laptop"), invite });
    expect(laptop.body).toMatchObject({ responseId: phone, status: "draft", pageNo: 1, answers: { known_offers: ["alpha", "beta"] } });
    const done = await api(server.url, token, { intent: "complete", responseId: phone, invite, answers: validAnswers() });
    expect(done.body.status).toBe("complete");
    const again = await api(server.url, token, { intent: "start", responseId: newId("tablet"), invite });
    expect(again.body).toMatchObject({ responseId: phone, status: "complete" });
    expect(await countFor(studyId)).toBe(1);
    expect((await responsesOf(phone))[0]!.invitation_id).not.toBeNull();
  });

  it("answers 404 for an unknown invitation or one of another study, and stores nothing", async () => {
    const a = await createStudy(db);
    const b = await createStudy(db);
    await publish(db, a.studyId, "rating", study);
    await publish(db, b.studyId, "rating", study);
    await db.run(sql`insert into respondent_invitations (study_id, token, created_at) values (${b.studyId}, 'invOfStudyB-0123456789', ${Date.now()})`);
    for (const invite of ["noSuchInvitation-0123", "invOfStudyB-0123456789", "short", "../../etc"]) {
      const res = await api(server.url, a.token, { intent: "start", responseId: newId("stranger"), invite });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ok: false, reason: "invitation", error: "unknown invitation link: ask the researcher for your personal link" });
    }
    expect(await countFor(a.studyId)).toBe(0);
  });
});

describe("device cookie, one per device, waves", () => {
  it("sets an HttpOnly SameSite=Lax vm_device cookie for a year and stores it with the response", async () => {
    const { studyId, token } = await createStudy(db, { wave: 2 });
    await publish(db, studyId, "rating", study);
    const responseId = newId("device");
    const res = await api(server.url, token, { intent: "start", responseId });
    const cookie = res.setCookie ?? "";
    expect(cookie).toMatch(/^vm_device=[A-Za-z0-9_-]{16,64}; Path=\/s\/; Max-Age=31536000; HttpOnly; SameSite=Lax/);
    const id = /vm_device=([^;]+)/.exec(cookie)![1];
    expect((await responsesOf(responseId))[0]).toMatchObject({ device_id: id, wave: 2 });
    // The page sets it too; a request that has one gets no new one.
    expect((await fetch(`${server.url}/s/${token}`)).headers.get("set-cookie")).toMatch(/^vm_device=/);
    expect((await api(server.url, token, { intent: "start", responseId }, `vm_device=${id}`)).setCookie).toBeNull();
  });

  it("refuses a second response from a device that completed one when the study allows one per device", async () => {
    const { studyId, token } = await createStudy(db, { onePerDevice: true });
    await publish(db, studyId, "rating", study);
    const cookie = "vm_device=deviceAAAAAAAAAAAAAAAA";
    const first = await answer(server.url, token, { responseId: newId("dev"), answers: validAnswers() }, cookie);
    expect(first.body.status).toBe("complete");
    const second = await api(server.url, token, { intent: "start", responseId: newId("dev") }, cookie);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ reason: "device", error: "already answered from this device: one response per device" });
    const other = await api(server.url, token, { intent: "start", responseId: newId("dev") }, "vm_device=deviceBBBBBBBBBBBBBBBB");
    expect(other.status).toBe(200);
    expect(await countFor(studyId)).toBe(2);
  });
});

describe("frozen versions", () => {
  it("keeps a response in progress on its version when a new one is published; new responses get the new one", async () => {
    const { studyId, token } = await createStudy(db);
    const v1 = await publish(db, studyId, "rating", study);
    const responseId = newId("v1");
    await api(server.url, token, { intent: "start", responseId });
    const v2def: StudyDefinition = {
      ...study,
      attributes: [...study.attributes, { code: "wifi", kind: "quality", name: "Wi-Fi", nameZh: null, description: "", descriptionZh: null, group: null }],
    };
    const v2 = await publish(db, studyId, "rating", v2def);
    const resumed = await api(server.url, token, { intent: "start", responseId });
    expect(resumed.body.version).toBe(1);
    expect(JSON.stringify(resumed.body.survey)).not.toContain("rating_alpha_wifi");
    const done = await api(server.url, token, { intent: "complete", responseId, answers: validAnswers() });
    expect(done.body.status).toBe("complete");
    expect((await responsesOf(responseId))[0]!.questionnaire_id).toBe(v1);
    const fresh = newId("v2");
    const started = await api(server.url, token, { intent: "start", responseId: fresh });
    expect(started.body.version).toBe(2);
    expect(JSON.stringify(started.body.survey)).toContain("rating_alpha_wifi");
    expect((await responsesOf(fresh))[0]!.questionnaire_id).toBe(v2);
  });
});

describe("focus-group stage", () => {
  it("starts on the focus-group questionnaire and stores weights per listed attribute, the share and the suggestions", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const fg = await publish(db, studyId, "focus_group", study);
    const responseId = newId("fg");
    const start = await api(server.url, token, { intent: "start", responseId, stage: "focus_group" });
    expect(start.body).toMatchObject({ stage: "focus_group", status: "draft" });
    const fgAnswers = {
      matters_quality: ["speed", "safety"],
      matters_price: ["fare", "fees"],
      points_speed: 70,
      points_safety: 30,
      points_fare: 50,
      points_fees: 50,
      suggestion_1: "Wi-Fi",
      suggestion_1_points: 10,
      suggestion_2: "Clean toilets",
      quality_share: 60,
    };
    const done = await api(server.url, token, { intent: "complete", responseId, stage: "focus_group", answers: fgAnswers });
    expect(done.body).toMatchObject({ ok: true, outcome: "completed", status: "complete" });
    const [row] = await db.rows<{ id: number; questionnaire_id: number; quality_share: number }>(
      sql`select id, questionnaire_id, quality_share from responses where client_id = ${responseId}`,
    );
    expect(row).toMatchObject({ questionnaire_id: fg, quality_share: 60 });
    // One weight per attribute of the questionnaire: the unlisted "comfort" gets 0.
    expect(await db.rows(sql`select attribute_code, weight from response_weights where response_id = ${row!.id} order by attribute_code`)).toEqual([
      { attribute_code: "comfort", weight: 0 },
      { attribute_code: "fare", weight: 50 },
      { attribute_code: "fees", weight: 50 },
      { attribute_code: "safety", weight: 30 },
      { attribute_code: "speed", weight: 70 },
    ]);
    expect(await db.rows(sql`select position, text, weight from response_suggestions where response_id = ${row!.id} order by position`)).toEqual([
      { position: 1, text: "Wi-Fi", weight: 10 },
      { position: 2, text: "Clean toilets", weight: null },
    ]);
    // A rating-stage answer is a forged name for the focus-group questionnaire.
    const other = newId("fg");
    await api(server.url, token, { intent: "start", responseId: other, stage: "focus_group" });
    const forged = await api(server.url, token, { intent: "complete", responseId: other, answers: { ...fgAnswers, rating_alpha_speed: 5 } });
    expect(forged.status).toBe(400);
  });

  it("answers 404 when the study has no published focus-group questionnaire", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const res = await api(server.url, token, { intent: "start", responseId: newId("nofg"), stage: "focus_group" });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ reason: "unpublished" });
    expect(await countFor(studyId)).toBe(0);
  });

  it("stores a study's adopted stated weights as the weights of a rating response that was not asked for them", async () => {
    const { studyId, token } = await createStudy(db);
    const statedWeights = { qualityShare: 55, weights: { speed: 50, comfort: 30, safety: 20, fare: 60, fees: 40 } };
    await publish(db, studyId, "rating", { ...study, statedWeights });
    const responseId = newId("stated");
    const { weights_quality: _q, weights_price: _p, quality_share: _s, ...answers } = validAnswers();
    const done = await answer(server.url, token, { responseId, answers });
    expect(done.body.status).toBe("complete");
    const [row] = await db.rows<{ id: number; quality_share: number }>(sql`select id, quality_share from responses where client_id = ${responseId}`);
    expect(row!.quality_share).toBe(55);
    const weights = await db.rows<{ a: string; w: number }>(sql`select attribute_code as "a", weight as "w" from response_weights where response_id = ${row!.id}`);
    expect(Object.fromEntries(weights.map((x) => [x.a, x.w]))).toEqual(statedWeights.weights);
    // The weights questions are not in this questionnaire: sending them is a forged answer.
    const forged = await answer(server.url, token, { responseId: newId("stated"), answers: validAnswers() });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toBe("answers name questions this questionnaire does not have: weights_quality, weights_price, quality_share");
  });
});
