import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage, startAndComplete } from "../helpers/respondent-browser";
import { study, studyWithSegment as withSegment, validAnswers } from "../surveys/fixtures";
import { createStudy, newId, publish } from "./respondent-study";
import { one } from "./server-db";

/*
 * Issue 14, item 2: ballot stuffing made expensive and visible, at the HTTP boundary of the built
 * server. Its own server: small caps (3 completions per address and study, the default 3 per
 * device), a floor of 0.2 s per answered page, page proofs valid 10 s, and X-Forwarded-For
 * believed from loopback so the test can speak from several addresses.
 */
let server: AppServer;
let db: Db;
beforeAll(async () => {
  server = await startAppServer({
    TRUST_PROXY: "loopback",
    RESPONDENT_COMPLETIONS_PER_ADDRESS: "3",
    RESPONDENT_COMPLETIONS_PER_DEVICE: "3",
    RESPONDENT_MIN_SECONDS_PER_PAGE: "0.2",
    RESPONDENT_PROOF_TTL_SECONDS: "10",
  });
  db = await server.openDb();
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const countFor = async (studyId: number) =>
  (await one<{ n: number }>(db, sql`select cast(count(*) as integer) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${studyId}`)).n;
let addresses = 0;
/** A fresh address of the documentation range (RFC 5737) for each respondent who needs one. */
const address = () => ({ "X-Forwarded-For": `192.0.2.${++addresses}` });

describe("per-address and per-device caps", () => {
  it("lets an address complete 3 responses to a study, then refuses the next start with 429, a clear message and Retry-After, storing nothing", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const headers = address();
    for (let i = 0; i < 3; i++) {
      const done = await startAndComplete(server.url, token, { responseId: newId("addr"), answers: validAnswers() }, { headers });
      expect(done.body).toMatchObject({ ok: true, status: "complete" });
    }
    const page = await openRespondentPage(server.url, token, { headers });
    const res = await postAsPage(server.url, token, page, { intent: "start", responseId: newId("addr") }, headers);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, reason: "addressCap" });
    expect(body.error).toMatch(/^this address has sent 3 completions to this questionnaire within 24 hours, the most allowed: try again in \d+ seconds$/);
    expect(body.message).toMatch(/^Your network has already sent the most answers allowed for this questionnaire today\. Please try again in \d+ hours\.$/);
    expect(await countFor(studyId)).toBe(3);
    // Another address, and another study from this one, are not affected.
    expect((await startAndComplete(server.url, token, { responseId: newId("addr"), answers: validAnswers() }, { headers: address() })).body.status).toBe("complete");
  });

  it("refuses a fourth response from one device (its cookie) even from new addresses", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const first = await startAndComplete(server.url, token, { responseId: newId("dev"), answers: validAnswers() }, { headers: address() });
    const cookie = first.page.cookie;
    for (let i = 0; i < 2; i++) {
      expect((await startAndComplete(server.url, token, { responseId: newId("dev"), answers: validAnswers() }, { cookie, headers: address() })).body.status).toBe("complete");
    }
    const fourth = await startAndComplete(server.url, token, { responseId: newId("dev"), answers: validAnswers() }, { cookie, headers: address() });
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({ reason: "deviceCap", message: "This device has already sent the most answers allowed for this questionnaire. Thank you!" });
    expect(await countFor(studyId)).toBe(3);
  });

  it("one response per device cannot be escaped by dropping the cookie: the proof belongs to the device", async () => {
    const { studyId, token } = await createStudy(db, { onePerDevice: true });
    await publish(db, studyId, "rating", study);
    const headers = address();
    const done = await startAndComplete(server.url, token, { responseId: newId("once"), answers: validAnswers() }, { headers });
    expect(done.body.status).toBe("complete");
    const again = await postAsPage(server.url, token, done.page, { intent: "start", responseId: newId("once") }, headers);
    expect(again.status).toBe(409);
    const dropped = await postAsPage(server.url, token, { ...done.page, cookie: "" }, { intent: "start", responseId: newId("once") }, headers);
    expect(dropped.status).toBe(403);
    expect(await dropped.json()).toMatchObject({ reason: "proof" });
    expect(await countFor(studyId)).toBe(1);
  });
});

describe("quality at completion", () => {
  it("flags a completion faster than its floor as a speeder, and holds no quota place for it; an unflagged one does", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", withSegment);
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${studyId}, 'segment', 'office', 1)`);
    const answers = { ...validAnswers(), profile_segment: "office" };
    // 5 answered pages (screening, weights, alpha, beta, purchase + profile) x 0.2 s: a floor of at least 1 s.
    const fastId = newId("fast");
    const fast = await startAndComplete(server.url, token, { responseId: fastId, answers }, { headers: address() });
    expect(fast.body).toMatchObject({ ok: true, status: "complete" });
    const flagged = await one<{ flags: string; floor: number }>(
      db,
      sql`select completion_flags as "flags", min_duration_ms as "floor" from responses where client_id = ${fastId}`,
    );
    expect(flagged.flags).toBe("speeder");
    expect(Number(flagged.floor)).toBeGreaterThanOrEqual(1000);
    // The quota of 1 is still open: the flagged response waits for the researcher's review.
    const page = await openRespondentPage(server.url, token, { headers: address() });
    const id = newId("slow");
    expect((await postAsPage(server.url, token, page, { intent: "start", responseId: id })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const slow = await postAsPage(server.url, token, page, { intent: "complete", responseId: id, answers });
    expect(await slow.json()).toMatchObject({ ok: true, status: "complete" });
    // Now it is full: the next one is screened out as quota_full.
    const late = await startAndComplete(server.url, token, { responseId: newId("late"), answers }, { headers: address() });
    expect(late.body).toMatchObject({ ok: true, status: "screened_out", screenReason: "quota_full" });
  });
});

describe("fieldwork close applies to drafts", () => {
  it("refuses to save or complete a draft started before the close once it has passed (403, nothing stored)", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const page = await openRespondentPage(server.url, token, { headers: address() });
    const id = newId("closing");
    expect((await postAsPage(server.url, token, page, { intent: "start", responseId: id })).status).toBe(200);
    await db.run(sql`update studies set fieldwork_closes_at = ${Date.now() - 1} where id = ${studyId}`);
    const draft = await postAsPage(server.url, token, page, { intent: "draft", responseId: id, seq: 1, pageNo: 1, answers: { quality_share: 1 } });
    expect(draft.status).toBe(403);
    const done = await postAsPage(server.url, token, page, { intent: "complete", responseId: id, answers: validAnswers() });
    expect(done.status).toBe(403);
    expect(await done.json()).toMatchObject({ reason: "closed", message: "This questionnaire is closed and no longer takes answers. Thank you for your interest!" });
    expect(await one(db, sql`select status, seq, answers_json as "answers" from responses where client_id = ${id}`)).toEqual({ status: "draft", seq: 0, answers: "{}" });
  });

  it("lets such a draft finish within the grace period the researcher allows", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const page = await openRespondentPage(server.url, token, { headers: address() });
    const id = newId("grace");
    expect((await postAsPage(server.url, token, page, { intent: "start", responseId: id })).status).toBe(200);
    await db.run(sql`update studies set fieldwork_closes_at = ${Date.now() - 1}, fieldwork_grace_minutes = 60 where id = ${studyId}`);
    const done = await postAsPage(server.url, token, page, { intent: "complete", responseId: id, answers: validAnswers() });
    expect(await done.json()).toMatchObject({ ok: true, status: "complete" });
    // New responses stay refused.
    expect((await postAsPage(server.url, token, page, { intent: "start", responseId: newId("grace") })).status).toBe(403);
  });
});

describe("the page proof expires", () => {
  it("refuses a proof older than RESPONDENT_PROOF_TTL_SECONDS; the page gets a fresh one from GET /s/:token/responses", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const headers = address();
    const page = await openRespondentPage(server.url, token, { headers });
    await new Promise((r) => setTimeout(r, 11_000));
    const id = newId("stale");
    const stale = await postAsPage(server.url, token, page, { intent: "start", responseId: id }, headers);
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ reason: "proof", message: "This page has expired. Please reload it to continue: your answers are kept." });
    expect(await countFor(studyId)).toBe(0);
    // What the page does then (response-sync.ts, PageProof): the same device asks for a fresh proof.
    const renewed = await fetch(`${server.url}/s/${token}/responses`, { headers: { Cookie: page.cookie } });
    expect(renewed.headers.get("Cache-Control")).toBe("no-store");
    expect(renewed.headers.get("Set-Cookie")).toBeNull();
    const { proof } = (await renewed.json()) as { proof: string };
    expect((await postAsPage(server.url, token, { ...page, proof }, { intent: "start", responseId: id }, headers)).status).toBe(200);
  }, 30_000);
});
