import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import {
  completeFocusGroupResponse,
  completeResponse,
  deviceHasCompleteResponse,
  getInvitation,
  getRespondentStudy,
  getResponseByClientId,
} from "../../db/queries/responses";
import type { FocusGroupResponse } from "../../surveys/read-focus-group-response";
import type { RatingResponse } from "../../surveys/read-rating-response";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, countFor, expectRefused, insertRow, NOW } from "./fixtures";

let temp: TempDb;
let db: Db;
let studyId: number;
let ratingId: number;
let focusGroupId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  const user = await addUser(db, "owner@example.com");
  const { study, questionnaire } = await addStudy(db, { ownerId: user.id, token: "tok-completion" });
  studyId = study.id;
  ratingId = questionnaire.id;
  focusGroupId = await insertRow(db, "questionnaires", {
    study_id: studyId,
    stage: "focus_group",
    version: 1,
    definition_json: "{}",
    survey_json: "{}",
    published_at: NOW,
  });
});
afterAll(() => temp.cleanup());

const count = (table: string, responseId: number) => countFor(db, table, responseId);

const focusGroup = (suggestionWeight: number | null = 10): FocusGroupResponse => ({
  qualityShare: 60,
  matters: ["speed", "fare"],
  weights: [
    { attribute: "speed", weight: 100 },
    { attribute: "comfort", weight: 0 },
    { attribute: "fare", weight: 100 },
  ],
  suggestions: [
    { position: 1, text: "Wi-Fi", weight: suggestionWeight },
    { position: 2, text: "Quiet coach", weight: null },
  ],
});
const completeFg = async (clientId: string, result = focusGroup()) =>
  await completeFocusGroupResponse(db, { clientId, questionnaireId: focusGroupId, offerOrder: [], locale: "en", now: NOW, answersJson: "{}", result });

const rating = (segment: string): RatingResponse => ({
  status: "complete",
  known: ["alpha", "beta"],
  qualityShare: 50,
  weights: [
    { attribute: "speed", weight: 50 },
    { attribute: "comfort", weight: 50 },
    { attribute: "fare", weight: 100 },
  ],
  ratings: [{ offer: "alpha", attribute: "speed", score: 7 }],
  offers: [],
  profile: [{ question: "segment", value: segment }],
});
const completeRating = async (clientId: string, segment: string, deviceId: string | null = null) =>
  await completeResponse(db, {
    clientId,
    questionnaireId: ratingId,
    offerOrder: ["alpha", "beta", "gamma"],
    locale: "en",
    now: NOW,
    answersJson: "{}",
    result: rating(segment),
    deviceId,
    wave: 3,
  });

describe("completeFocusGroupResponse", () => {
  it("stores the share, a weight per listed attribute and the suggestions, once", async () => {
    expect(await completeFg("fg-client-0001")).toBe("completed");
    expect(await completeFg("fg-client-0001")).toBe("already-finished");
    const row = (await getResponseByClientId(db, "fg-client-0001"))!;
    expect([row.status, row.qualityShare]).toEqual(["complete", 60]);
    expect([await count("response_weights", row.id), await count("response_suggestions", row.id)]).toEqual([3, 2]);
  });

  it("rolls everything back when a row breaks a constraint (suggestion points 150)", async () => {
    await expectRefused(db, completeFg("fg-client-0002", focusGroup(150)), { kind: "check", constraint: "response_suggestions_weight_ck" });
    expect(await getResponseByClientId(db, "fg-client-0002")).toBeNull();
  });
});

describe("completeResponse with quotas", () => {
  it("screens out with quota_full once the cell holds its target, keeping the answers, and leaves other cells open", async () => {
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${studyId}, 'segment', 'office', 2)`);
    for (const id of ["quota-client-1", "quota-client-2", "quota-client-3"]) await completeRating(id, "office");
    await completeRating("quota-client-4", "home");
    const rows = [];
    for (const id of ["quota-client-1", "quota-client-2", "quota-client-3", "quota-client-4"]) {
      const r = (await getResponseByClientId(db, id))!;
      rows.push([r.status, r.screenReason, await count("response_profile", r.id), await count("response_ratings", r.id), r.wave]);
    }
    expect(rows).toEqual([
      ["complete", null, 1, 1, 3],
      ["complete", null, 1, 1, 3],
      ["screened_out", "quota_full", 1, 1, 3],
      ["complete", null, 1, 1, 3],
    ]);
  });
});

describe("respondent lookups", () => {
  it("finds the newest questionnaire of each stage behind a token", async () => {
    expect(await getRespondentStudy(db, "tok-completion")).toMatchObject({ studyId, ratingId, focusGroupId, onePerDevice: false, currentWave: 1 });
    expect(await getRespondentStudy(db, "no-such-token")).toBeNull();
  });

  it("finds an invitation of this study only, with the response bound to it", async () => {
    const invitationId = await insertRow(db, "respondent_invitations", { study_id: studyId, token: "invitation-token-0001", created_at: NOW });
    expect(await getInvitation(db, studyId, "invitation-token-0001")).toEqual({ id: invitationId, responseClientId: null });
    expect(await getInvitation(db, studyId + 1, "invitation-token-0001")).toBeNull();
    await completeResponse(db, {
      clientId: "invited-client-1",
      questionnaireId: ratingId,
      offerOrder: [],
      locale: "en",
      now: NOW,
      answersJson: "{}",
      result: rating("home"),
      invitationId,
    });
    expect(await getInvitation(db, studyId, "invitation-token-0001")).toEqual({ id: invitationId, responseClientId: "invited-client-1" });
  });

  it("knows whether a device completed a response to the study", async () => {
    expect(await deviceHasCompleteResponse(db, studyId, "device-xyz-0000000001")).toBe(false);
    await completeRating("device-client-1", "home", "device-xyz-0000000001");
    expect(await deviceHasCompleteResponse(db, studyId, "device-xyz-0000000001")).toBe(true);
  });
});
