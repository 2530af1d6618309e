import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import {
  completeResponse,
  countDeviceFinished,
  countResponses,
  getResponseByClientId,
  listCompleteRespondents,
  saveResponseDraft,
} from "../../db/queries/responses";
import { bool } from "../../db/sql";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, completeResult, countFor, expectRefused, insertRow, NOW, scalar, screenedOutResult } from "./fixtures";

let temp: TempDb;
let db: Db;
let questionnaireId: number;
let studyId: number;
let otherStudyId: number;
let otherQuestionnaireId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  const user = await addUser(db, "owner@example.com");
  const a = await addStudy(db, { ownerId: user.id, token: "tok-a" });
  const b = await addStudy(db, { ownerId: user.id, token: "tok-b" });

  questionnaireId = a.questionnaire.id;
  studyId = a.study.id;
  otherStudyId = b.study.id;
  otherQuestionnaireId = b.questionnaire.id;
});
afterAll(() => temp.cleanup());

const ORDER = ["beta", "alpha", "gamma"];

const complete = async (clientId: string, result = completeResult(), qid = questionnaireId) =>
  await completeResponse(db, {
    clientId,
    questionnaireId: qid,
    offerOrder: ORDER,
    answersJson: JSON.stringify({ from: clientId }),
    result,
    locale: "en",
    now: NOW,
  });

const draft = async (clientId: string, seq: number, answers: Record<string, unknown>) =>
  await saveResponseDraft(db, {
    clientId,
    questionnaireId,
    offerOrder: ORDER,
    answersJson: JSON.stringify(answers),
    pageNo: seq,
    seq,
    locale: "en",
    now: NOW + seq,
  });

const count = (table: string, responseId: number) => countFor(db, table, responseId);

describe("completeResponse", () => {
  it("returns completed the first time", async () => {
    expect(await complete("client-complete-1")).toBe("completed");
  });

  it("returns already-finished for the same client id", async () => {
    expect(await complete("client-complete-1")).toBe("already-finished");
  });

  it("stores one response row for the client id after two submissions", async () => {
    expect(await scalar(db, sql`select count(*) as "v" from responses where client_id = ${"client-complete-1"}`)).toBe(1);
  });

  it("stores one set of ratings (6 rows), weights (3 rows) and offers (3 rows) after two submissions", async () => {
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    expect([await count("response_ratings", row.id), await count("response_weights", row.id), await count("response_offers", row.id)]).toEqual([
      6, 3, 3,
    ]);
  });

  it("marks the response complete with its quality share and completion time", async () => {
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    expect({ status: row.status, qualityShare: row.qualityShare, completedAt: row.completedAt }).toEqual({
      status: "complete",
      qualityShare: 60,
      completedAt: NOW,
    });
  });

  it("stores the ratings as given", async () => {
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    const ratings = await db.rows<{ offer: string; attribute: string; score: number }>(
      sql`select offer_code as "offer", attribute_code as "attribute", score from response_ratings where response_id = ${row.id} order by offer_code, attribute_code`,
    );
    expect(ratings.map((r) => [r.offer, r.attribute, r.score])).toEqual([
      ["alpha", "comfort", 6],
      ["alpha", "fare", 5],
      ["alpha", "speed", 8],
      ["beta", "comfort", 9],
      ["beta", "fare", 4],
      ["beta", "speed", 7],
    ]);
  });

  it("stores the weights as given", async () => {
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    const weights = await db.rows<{ attribute: string; weight: number }>(
      sql`select attribute_code as "attribute", weight from response_weights where response_id = ${row.id} order by attribute_code`,
    );
    expect(weights.map((w) => [w.attribute, w.weight])).toEqual([
      ["comfort", 30],
      ["fare", 100],
      ["speed", 70],
    ]);
  });

  it("stores the offer answers with their position in the respondent's order (beta 0, alpha 1, gamma 2)", async () => {
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    const offers = await db.rows<{ offer: string; position: number; known: unknown; worth: number | null; overall: number | null; chose: unknown; considered: unknown }>(
      sql`select offer_code as "offer", position, known, worth, overall, chose, considered from response_offers where response_id = ${row.id} order by offer_code`,
    );
    // Booleans come back as 1/0 from SQLite and as true/false from PostgreSQL.
    const flag = (v: unknown) => {
      expect(v).toBe(db.engine === "sqlite" ? Number(bool(v)) : bool(v));
      return bool(v);
    };
    expect(offers.map((o) => [o.offer, o.position, flag(o.known), o.worth, o.overall, flag(o.chose), flag(o.considered)])).toEqual([
      ["alpha", 1, true, 7, 8, true, true],
      ["beta", 0, true, 6, 7, false, true],
      ["gamma", 2, false, null, null, false, false],
    ]);
  });

  it("does not overwrite the stored answers on the second submission", async () => {
    await completeResponse(db, {
      clientId: "client-complete-1",
      questionnaireId,
      offerOrder: ORDER,
      answersJson: JSON.stringify({ changed: true }),
      result: completeResult({ qualityShare: 10 }),
      locale: "zh-CN",
      now: NOW + 1,
    });
    const row = (await getResponseByClientId(db, "client-complete-1"))!;
    expect([row.answersJson, row.qualityShare, row.locale]).toEqual([JSON.stringify({ from: "client-complete-1" }), 60, "en"]);
  });
});

describe("completeResponse rollback", () => {
  // Score 0 bypasses the reader and breaks response_ratings_score_ck on the third row.
  const broken = () =>
    completeResult({
      ratings: [
        { offer: "alpha", attribute: "speed", score: 8 },
        { offer: "alpha", attribute: "comfort", score: 6 },
        { offer: "alpha", attribute: "fare", score: 0 },
      ],
    });

  it("throws on an invalid score", async () => {
    await expectRefused(db, complete("client-rollback-new", broken()), { kind: "check", constraint: "response_ratings_score_ck" });
  });

  it("leaves no response row when the client id was new", async () => {
    expect(await getResponseByClientId(db, "client-rollback-new")).toBeNull();
  });

  it("leaves a previous draft as a draft with its answers, and writes no ratings, weights or offers", async () => {
    expect(await draft("client-rollback-draft", 1, { known_offers: ["alpha", "beta"] })).toBe("saved");
    await expectRefused(db, complete("client-rollback-draft", broken()), { kind: "check", constraint: "response_ratings_score_ck" });
    const row = (await getResponseByClientId(db, "client-rollback-draft"))!;
    expect({
      status: row.status,
      answers: JSON.parse(row.answersJson) as unknown,
      completedAt: row.completedAt,
      qualityShare: row.qualityShare,
      children: [await count("response_ratings", row.id), await count("response_weights", row.id), await count("response_offers", row.id)],
    }).toEqual({ status: "draft", answers: { known_offers: ["alpha", "beta"] }, completedAt: null, qualityShare: null, children: [0, 0, 0] });
  });

  it("can still complete the draft after the failed attempt", async () => {
    expect(await complete("client-rollback-draft")).toBe("completed");
  });
});

describe("saveResponseDraft", () => {
  it("saves the first draft (seq 1)", async () => {
    expect(await draft("client-draft-1", 1, { step: 1 })).toBe("saved");
  });

  it("saves a newer seq and stores its answers and page", async () => {
    expect(await draft("client-draft-1", 3, { step: 3 })).toBe("saved");
    const row = (await getResponseByClientId(db, "client-draft-1"))!;
    expect([JSON.parse(row.answersJson), row.pageNo, row.seq]).toEqual([{ step: 3 }, 3, 3]);
  });

  it("returns stale for an equal seq and keeps the newer answers", async () => {
    expect(await draft("client-draft-1", 3, { step: "again" })).toBe("stale");
    expect(JSON.parse((await getResponseByClientId(db, "client-draft-1"))!.answersJson)).toEqual({ step: 3 });
  });

  it("returns stale for an older seq and keeps the newer answers", async () => {
    expect(await draft("client-draft-1", 2, { step: 2 })).toBe("stale");
    expect(JSON.parse((await getResponseByClientId(db, "client-draft-1"))!.answersJson)).toEqual({ step: 3 });
  });

  it("returns finished after completion and does not change the answers or status", async () => {
    expect(await complete("client-draft-1")).toBe("completed");
    expect(await draft("client-draft-1", 10, { step: 10 })).toBe("finished");
    const row = (await getResponseByClientId(db, "client-draft-1"))!;
    expect([row.status, JSON.parse(row.answersJson), row.seq]).toEqual(["complete", { from: "client-draft-1" }, 3]);
  });

  it("returns other-questionnaire when the client id belongs to another questionnaire", async () => {
    const outcome = await saveResponseDraft(db, {
      clientId: "client-draft-1",
      questionnaireId: otherQuestionnaireId,
      offerOrder: ORDER,
      answersJson: "{}",
      pageNo: 0,
      seq: 20,
      locale: "en",
      now: NOW,
    });
    expect(outcome).toBe("other-questionnaire");
  });
});

describe("listCompleteRespondents", () => {
  let fresh: TempDb;
  let fdb: Db;
  let sA: number;
  let sB: number;

  beforeAll(async () => {
    fresh = await createTempDb();
    fdb = fresh.db;
    const user = await addUser(fdb, "lister@example.com");
    const a = await addStudy(fdb, { ownerId: user.id, token: "list-a" });
    const b = await addStudy(fdb, { ownerId: user.id, token: "list-b" });
    sA = a.study.id;
    sB = b.study.id;
    const put = async (clientId: string, qid: number, result = completeResult()) =>
      await completeResponse(fdb, { clientId, questionnaireId: qid, offerOrder: ORDER, answersJson: "{}", result, locale: "en", now: NOW });
    await put("a-complete-1", a.questionnaire.id);
    await put("a-screened-1", a.questionnaire.id, screenedOutResult());
    await saveResponseDraft(fdb, {
      clientId: "a-draft-001",
      questionnaireId: a.questionnaire.id,
      offerOrder: ORDER,
      answersJson: "{}",
      pageNo: 1,
      seq: 1,
      locale: "en",
      now: NOW,
    });
    await put(
      "a-complete-2",
      a.questionnaire.id,
      completeResult({
        qualityShare: 40,
        weights: [
          { attribute: "speed", weight: 50 },
          { attribute: "comfort", weight: 50 },
          { attribute: "fare", weight: 100 },
        ],
        ratings: [{ offer: "gamma", attribute: "speed", score: 3 }],
      }),
    );
    await put("b-complete-1", b.questionnaire.id, completeResult({ qualityShare: 90 }));
  });
  afterAll(() => fresh.cleanup());

  it("returns only the complete responses of the study, in id order (not drafts, not screened out)", async () => {
    const ids = await Promise.all((await listCompleteRespondents(fdb, sA)).map((r) => getClientId(fdb, r.id)));
    expect(ids).toEqual(["a-complete-1", "a-complete-2"]);
  });

  it("groups weights by attribute and ratings by offer then attribute", async () => {
    const [first] = await listCompleteRespondents(fdb, sA);
    expect({ qualityShare: first!.qualityShare, weights: first!.weights, ratings: first!.ratings }).toEqual({
      qualityShare: 60,
      weights: { speed: 70, comfort: 30, fare: 100 },
      ratings: {
        alpha: { speed: 8, comfort: 6, fare: 5 },
        beta: { speed: 7, comfort: 9, fare: 4 },
      },
    });
  });

  it("keeps each respondent's rows apart", async () => {
    const second = (await listCompleteRespondents(fdb, sA))[1];
    expect({ qualityShare: second!.qualityShare, weights: second!.weights, ratings: second!.ratings }).toEqual({
      qualityShare: 40,
      weights: { speed: 50, comfort: 50, fare: 100 },
      ratings: { gamma: { speed: 3 } },
    });
  });

  it("is scoped per study", async () => {
    const other = await listCompleteRespondents(fdb, sB);
    expect(await Promise.all(other.map(async (r) => [await getClientId(fdb, r.id), r.qualityShare]))).toEqual([["b-complete-1", 90]]);
  });

  it("counts draft, complete and screened-out responses per study", async () => {
    expect([await countResponses(fdb, sA), await countResponses(fdb, sB)]).toEqual([
      { draft: 1, complete: 2, screenedOut: 1 },
      { draft: 0, complete: 1, screenedOut: 0 },
    ]);
  });
});

function getClientId(d: Db, id: number): Promise<string> {
  return scalar<string>(d, sql`select client_id as "v" from responses where id = ${id}`);
}

// otherStudyId is used to prove the first file-level study is not the only one.
describe("second study of the shared database", () => {
  it("has no complete respondents", async () => {
    expect(await listCompleteRespondents(db, otherStudyId)).toEqual([]);
  });
});

describe("countDeviceFinished (the per-device caps)", () => {
  const DEVICE = "device-caps-0001";
  const finish = async (clientId: string, result: ReturnType<typeof completeResult>, extra: { invitationId?: number; qid?: number } = {}) =>
    await completeResponse(db, {
      clientId,
      questionnaireId: extra.qid ?? questionnaireId,
      offerOrder: ORDER,
      answersJson: "{}",
      result,
      locale: "en",
      now: NOW,
      deviceId: DEVICE,
      invitationId: extra.invitationId ?? null,
    });

  beforeAll(async () => {
    // This device on study a: 2 complete, 2 screened out, 1 draft, and 1 complete through a
    // personal link (not counted: the link is the respondent); 1 complete on study b.
    await finish("caps-complete-1", completeResult());
    await finish("caps-complete-2", completeResult());
    await finish("caps-screened-1", screenedOutResult());
    await finish("caps-screened-2", screenedOutResult());
    await draftFor("caps-draft-1");
    const invitationId = await insertRow(db, "respondent_invitations", { study_id: studyId, token: "caps-invitation-token-0001", created_at: NOW });
    await finish("caps-invited-1", completeResult(), { invitationId });
    await finish("caps-other-study-1", completeResult(), { qid: otherQuestionnaireId });
  });
  const draftFor = async (clientId: string) =>
    await saveResponseDraft(db, { clientId, questionnaireId, offerOrder: ORDER, answersJson: "{}", pageNo: 1, seq: 1, locale: "en", now: NOW, deviceId: DEVICE });

  it("counts the 4 finished public-link responses of the study when the cap allows more", async () => {
    expect(await countDeviceFinished(db, studyId, DEVICE, 10)).toEqual({ finished: 4, hasComplete: true });
  });

  it("counts only up to the cap (3 of 4), and none with no cap (0), still telling that one is complete", async () => {
    expect(await countDeviceFinished(db, studyId, DEVICE, 3)).toEqual({ finished: 3, hasComplete: true });
    expect(await countDeviceFinished(db, studyId, DEVICE, 0)).toEqual({ finished: 0, hasComplete: true });
  });

  it("tells a device with only screened-out responses from one with a complete response", async () => {
    await finish("caps-screened-other-device", screenedOutResult()).then(() =>
      db.run(sql`update responses set device_id = ${"device-caps-0002"} where client_id = ${"caps-screened-other-device"}`),
    );
    expect(await countDeviceFinished(db, studyId, "device-caps-0002", 10)).toEqual({ finished: 1, hasComplete: false });
    expect(await countDeviceFinished(db, otherStudyId, "device-caps-0002", 10)).toEqual({ finished: 0, hasComplete: false });
    expect(await countDeviceFinished(db, otherStudyId, DEVICE, 10)).toEqual({ finished: 1, hasComplete: true });
  });
});
