import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listFocusGroupAnswers, listFocusGroupSuggestions } from "../../db/queries/focus-group";
import { countInvitations, createInvitations, listInvitations, deleteRespondentInvitation } from "../../db/queries/invitations";
import { addProfileQuestion, deleteProfileQuestion, listProfileQuestions, moveProfileQuestion, updateProfileQuestion } from "../../db/queries/profile-questions";
import { getLatestQuestionnaire, publishQuestionnaire } from "../../db/queries/questionnaires";
import { listQuotas, setQuotas } from "../../db/queries/quotas";
import { getResponseDetail, listResponsesPage, setResponseReview } from "../../db/queries/response-review";
import { setStatedWeights, startNextWave } from "../../db/queries/studies";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, expectRefused, insertRow, insertRows, NOW, scalar } from "./fixtures";

let temp: TempDb;
let studyId: number;
let otherId: number;
let rating: number;
let otherRating: number;

beforeEach(async () => {
  temp = await createTempDb();
  const owner = await addUser(temp.db, "owner@example.com");
  const a = await addStudy(temp.db, { ownerId: owner.id, token: "tok-queries-1" });
  const b = await addStudy(temp.db, { ownerId: owner.id, token: "tok-queries-2" });
  [studyId, otherId, rating, otherRating] = [a.study.id, b.study.id, a.questionnaire.id, b.questionnaire.id];
});
afterEach(() => temp.cleanup());

const addResponse = (questionnaireId: number, clientId: string, status: string, invitationId: number | null = null) =>
  insertRow(temp.db, "responses", {
    client_id: clientId,
    questionnaire_id: questionnaireId,
    status,
    offer_order: "[]",
    started_at: NOW,
    updated_at: NOW,
    completed_at: status === "complete" ? NOW + 1 : null,
    invitation_id: invitationId,
    quality_share: 65,
  });
const statedWeights = (id: number) => scalar<string | null>(temp.db, sql`select stated_weights_json as "v" from studies where id = ${id}`);

const segment = { code: "segment", kind: "choice" as const, text: "Segment", textZh: "细分", choices: [{ code: "home", label: "Home", labelZh: null }, { code: "office", label: "Office", labelZh: "办公室" }], isSegment: true };

describe("profile questions and quotas", () => {
  it("adds in order, moves, and keeps choices as JSON", async () => {
    const first = await addProfileQuestion(temp.db, { studyId, fields: segment });
    const second = await addProfileQuestion(temp.db, { studyId, fields: { code: "region", kind: "text", text: "Region", textZh: null, choices: [], isSegment: false } });
    expect((await listProfileQuestions(temp.db, studyId)).map((q) => q.code)).toEqual(["segment", "region"]);
    expect(await moveProfileQuestion(temp.db, { studyId, questionId: second.id, direction: "up" })).toBe(true);
    expect((await listProfileQuestions(temp.db, studyId)).map((q) => q.code)).toEqual(["region", "segment"]);
    expect(await moveProfileQuestion(temp.db, { studyId, questionId: second.id, direction: "up" })).toBe(false);
    expect(await moveProfileQuestion(temp.db, { studyId: otherId, questionId: first.id, direction: "up" })).toBe(false);
    expect((await listProfileQuestions(temp.db, studyId))[1]).toEqual(segment);
  });

  it("replaces a question's quotas, drops those of removed choices on update, and all of them on delete", async () => {
    const q = await addProfileQuestion(temp.db, { studyId, fields: segment });
    await setQuotas(temp.db, { studyId, questionCode: "segment", targets: { home: 10, office: 5 } });
    await setQuotas(temp.db, { studyId, questionCode: "segment", targets: { home: 12, office: 5 } });
    expect((await listQuotas(temp.db, studyId)).map((x) => [x.value, x.target])).toEqual([
      ["home", 12],
      ["office", 5],
    ]);
    await updateProfileQuestion(temp.db, { studyId, questionId: q.id, fields: { ...segment, choices: [segment.choices[0]!] } });
    expect((await listQuotas(temp.db, studyId)).map((x) => x.value)).toEqual(["home"]);
    await expectRefused(temp.db, setQuotas(temp.db, { studyId, questionCode: "segment", targets: { home: 0 } }), { kind: "check", constraint: "quotas_target_ck" });
    expect((await listQuotas(temp.db, studyId)).map((x) => [x.value, x.target])).toEqual([["home", 12]]);
    expect(await deleteProfileQuestion(temp.db, { studyId: otherId, questionId: q.id })).toBeNull();
    expect((await deleteProfileQuestion(temp.db, { studyId, questionId: q.id }))?.code).toBe("segment");
    expect(await listQuotas(temp.db, studyId)).toEqual([]);
  });
});

describe("invitations", () => {
  it("creates all or none, reports statuses, and revokes only unused ones of the study", async () => {
    const tokens = ["token-aaaaaaaaaaaaaaaaaaaa", "token-bbbbbbbbbbbbbbbbbbbb", "token-cccccccccccccccccccc"];
    await expectRefused(
      temp.db,
      createInvitations(temp.db, { studyId, rows: [{ token: tokens[0]!, label: "A", email: null }, { token: tokens[0]!, label: "dup", email: null }], now: NOW }),
      { kind: "unique", constraint: "respondent_invitations_token_unique", sqlite: /UNIQUE constraint failed: respondent_invitations\.token/ },
    );
    expect((await countInvitations(temp.db, studyId)).total).toBe(0);
    await createInvitations(temp.db, { studyId, rows: tokens.map((token, i) => ({ token, label: `L${i}`, email: i ? null : "a@example.com" })), now: NOW });
    const [a, b, c] = await listInvitations(temp.db, { studyId, limit: 10, offset: 0 });
    await addResponse(rating, "invited-a-000", "complete", a!.id);
    await addResponse(rating, "invited-b-000", "draft", b!.id);
    expect((await listInvitations(temp.db, { studyId, limit: 10, offset: 0 })).map((i) => i.status)).toEqual(["complete", "in_progress", "not_started"]);
    expect(await countInvitations(temp.db, studyId)).toEqual({ total: 3, not_started: 1, in_progress: 1, complete: 1, screened_out: 0 });
    expect((await listInvitations(temp.db, { studyId, limit: 1, offset: 2 })).map((i) => i.label)).toEqual(["L2"]);
    expect(await deleteRespondentInvitation(temp.db, { studyId, invitationId: b!.id })).toBe(false);
    expect(await deleteRespondentInvitation(temp.db, { studyId: otherId, invitationId: c!.id })).toBe(false);
    expect(await deleteRespondentInvitation(temp.db, { studyId, invitationId: c!.id })).toBe(true);
    expect((await countInvitations(temp.db, studyId)).total).toBe(2);
  });
});

describe("questionnaires per stage", () => {
  it("numbers the focus-group versions apart from the rating versions", async () => {
    const f1 = await publishQuestionnaire(temp.db, { studyId, stage: "focus_group", definitionJson: "{}", surveyJson: "{}", now: NOW });
    const f2 = await publishQuestionnaire(temp.db, { studyId, stage: "focus_group", definitionJson: "{}", surveyJson: "{}", now: NOW });
    const r2 = await publishQuestionnaire(temp.db, { studyId, definitionJson: "{}", surveyJson: "{}", now: NOW });
    expect([f1.version, f2.version, r2.version]).toEqual([1, 2, 2]);
    expect((await getLatestQuestionnaire(temp.db, studyId, "focus_group"))?.id).toBe(f2.id);
    expect((await getLatestQuestionnaire(temp.db, studyId))?.id).toBe(r2.id);
  });
});

describe("focus-group answers", () => {
  it("lists only complete focus-group responses of the study with their points and suggestions", async () => {
    const focus = (await publishQuestionnaire(temp.db, { studyId, stage: "focus_group", definitionJson: "{}", surveyJson: "{}", now: NOW })).id;
    const done = await addResponse(focus, "focus-done-00", "complete");
    const draft = await addResponse(focus, "focus-draft-0", "draft");
    const ratingDone = await addResponse(rating, "rating-done-0", "complete");
    for (const id of [done, draft, ratingDone]) {
      await insertRows(temp.db, "response_weights", ["response_id", "attribute_code", "weight"], [
        [id, "speed", 70],
        [id, "comfort", 30],
      ]);
      await insertRows(temp.db, "response_suggestions", ["response_id", "position", "text", "weight"], [[id, 1, `idea ${id}`, null]]);
    }
    expect(await listFocusGroupAnswers(temp.db, studyId)).toEqual([{ responseId: done, qualityShare: 65, points: { speed: 70, comfort: 30 } }]);
    expect(await listFocusGroupSuggestions(temp.db, studyId)).toEqual([{ responseId: done, text: `idea ${done}`, weight: null }]);
    expect(await listFocusGroupAnswers(temp.db, otherId)).toEqual([]);
  });
});

describe("responses review", () => {
  it("pages and filters a study's responses and sets the review only within the study", async () => {
    const ids: number[] = [];
    for (const [i, x] of ["a", "b", "c"].entries()) ids.push(await addResponse(rating, `resp-${x}-00000`, i === 2 ? "draft" : "complete"));
    const foreign = await addResponse(otherRating, "resp-foreign-0", "complete");
    await insertRows(temp.db, "response_profile", ["response_id", "question_code", "value"], [[ids[0]!, "segment", "home"]]);
    const page = await listResponsesPage(temp.db, { studyId, status: "complete", stage: "rating", limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(page.rows[0]!.profile).toEqual({ segment: "home" });
    expect((await listResponsesPage(temp.db, { studyId, status: null, stage: "focus_group", limit: 10, offset: 0 })).total).toBe(0);
    expect(await setResponseReview(temp.db, { studyId, responseId: foreign, review: "exclude" })).toBe(false);
    expect(await setResponseReview(temp.db, { studyId, responseId: ids[1]!, review: "exclude" })).toBe(true);
    expect((await getResponseDetail(temp.db, { studyId, responseId: ids[1]! }))?.review).toBe("exclude");
    expect(await getResponseDetail(temp.db, { studyId, responseId: foreign })).toBeNull();
  });
});

describe("study settings", () => {
  it("stores and drops stated weights and counts waves up", async () => {
    await setStatedWeights(temp.db, { id: studyId, statedWeightsJson: '{"qualityShare":60,"weights":{"speed":100}}', now: NOW });
    expect(await statedWeights(studyId)).toBe('{"qualityShare":60,"weights":{"speed":100}}');
    await setStatedWeights(temp.db, { id: studyId, statedWeightsJson: null, now: NOW });
    expect(await statedWeights(studyId)).toBeNull();
    expect(await startNextWave(temp.db, { id: studyId, now: NOW })).toBe(2);
    expect(await startNextWave(temp.db, { id: studyId, now: NOW })).toBe(3);
  });
});
