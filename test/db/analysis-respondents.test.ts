import { afterEach, describe, expect, it } from "vitest";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import type { SqlValue } from "../../db/sql";
import { addStudy, addUser, insertRow, insertRows, NOW } from "./fixtures";

let temp: TempDb | null = null;
afterEach(async () => {
  await temp?.cleanup();
  temp = null;
});

describe("listAnalysisRespondents", () => {
  it("returns complete rating-stage responses of the study with their answers, profile and flags", async () => {
    temp = await createTempDb();
    const { db } = temp;
    const owner = await addUser(db, "owner@example.com");
    const { study, questionnaire } = await addStudy(db, { ownerId: owner.id, token: "tok-study-1" });
    const other = await addStudy(db, { ownerId: owner.id, token: "tok-study-2" });
    const focus = await insertRow(db, "questionnaires", {
      study_id: study.id,
      stage: "focus_group",
      version: 1,
      definition_json: "{}",
      survey_json: "{}",
      published_at: NOW,
    });
    const addResponse = (questionnaireId: number, clientId: string, status: string, extra: { started?: number; completed?: number; device?: string; wave?: number; review?: string } = {}) =>
      insertRow(db, "responses", {
        client_id: clientId,
        questionnaire_id: questionnaireId,
        status,
        offer_order: "[]",
        started_at: extra.started ?? NOW,
        updated_at: extra.completed ?? NOW,
        completed_at: status === "draft" ? null : (extra.completed ?? NOW + 600_000),
        device_id: extra.device ?? null,
        wave: extra.wave ?? 1,
        review: extra.review ?? null,
      });
    // r1: careful, wave 2, home segment; r2: same device later, flat rows, fast, excluded by review.
    const r1 = await addResponse(questionnaire.id, "client-r1", "complete", { started: NOW, completed: NOW + 600_000, device: "dev-a", wave: 2 });
    const r2 = await addResponse(questionnaire.id, "client-r2", "complete", { started: NOW + 700_000, completed: NOW + 760_000, device: "dev-a", review: "exclude" });
    await addResponse(questionnaire.id, "client-draft", "draft");
    await addResponse(questionnaire.id, "client-out", "screened_out");
    await addResponse(focus, "client-focus", "complete");
    await addResponse(other.questionnaire.id, "client-other", "complete");
    const ratings: SqlValue[][] = [];
    for (const [offer, scores] of Object.entries({ alpha: [8, 6, 7], beta: [5, 7, 4] })) {
      ["speed", "comfort", "fare"].forEach((a, i) => ratings.push([r1, offer, a, scores[i]!]));
    }
    for (const a of ["speed", "comfort", "fare"]) ratings.push([r2, "alpha", a, 5], [r2, "beta", a, 3]);
    await insertRows(db, "response_ratings", ["response_id", "offer_code", "attribute_code", "score"], ratings);
    await insertRows(db, "response_weights", ["response_id", "attribute_code", "weight"], [
      [r1, "speed", 60],
      [r1, "comfort", 40],
      [r1, "fare", 100],
    ]);
    await insertRows(db, "response_offers", ["response_id", "offer_code", "position", "known", "worth", "overall", "chose", "considered"], [
      [r1, "beta", 0, true, 6, 5, false, true],
      [r1, "alpha", 1, true, 8, 7, true, true],
      [r1, "gamma", 2, false, null, null, false, false],
      [r2, "alpha", 0, true, null, 6, false, false],
      [r2, "beta", 1, true, null, null, false, false],
    ]);
    await insertRows(db, "response_profile", ["response_id", "question_code", "value"], [[r1, "segment", "home"]]);

    const list = await listAnalysisRespondents(db, study.id, "alpha");
    expect(list.map((r) => r.clientId)).toEqual(["client-r1", "client-r2"]);
    const [first, second] = list;
    expect(first).toMatchObject({
      wave: 2,
      weights: { speed: 60, comfort: 40, fare: 100 },
      ratings: { alpha: { speed: 8, comfort: 6, fare: 7 }, beta: { speed: 5, comfort: 7, fare: 4 } },
      known: ["beta", "alpha"],
      overall: { beta: 5, alpha: 7 },
      worth: { beta: 6, alpha: 8 },
      chose: "alpha",
      considered: ["beta", "alpha"],
      profile: { segment: "home" },
      review: null,
      flags: [],
    });
    // Durations 600 s and 60 s: median 330 s, a third 110 s -> the second is a speeder; its rows
    // are flat; it came from the device of an earlier response.
    expect(second!.flags).toEqual(["speeder", "straight_liner", "duplicate"]);
    expect(second!.review).toBe("exclude");
    expect((await listAnalysisRespondents(db, other.study.id, "alpha")).map((r) => r.clientId)).toEqual(["client-other"]);
  });
  it("reads fractional weights exactly, free-text answers as given and offers in the respondent's order", async () => {
    temp = await createTempDb();
    const { db } = temp;
    const owner = await addUser(db, "owner@example.com");
    const { study, questionnaire } = await addStudy(db, { ownerId: owner.id, token: "tok-study-3" });
    const id = await insertRow(db, "responses", {
      client_id: "client-x",
      questionnaire_id: questionnaire.id,
      status: "complete",
      offer_order: "[]",
      started_at: NOW,
      updated_at: NOW,
      completed_at: NOW + 600_000,
    });
    const third = 100 / 3;
    await insertRows(db, "response_weights", ["response_id", "attribute_code", "weight"], [
      [id, "speed", third],
      [id, "comfort", 100 - third],
      [id, "fare", 0.1],
    ]);
    const offers = ["response_id", "offer_code", "position", "known", "worth", "overall", "chose", "considered"];
    for (const [code, position] of [["gamma", 2], ["alpha", 0], ["beta", 1]] as const) {
      await insertRows(db, "response_offers", offers, [[id, code, position, true, null, null, false, false]]);
    }
    await insertRows(db, "response_profile", ["response_id", "question_code", "value"], [
      [id, "company", 'Ltd: "A, B" & 北京'],
      [id, "note", ""],
    ]);

    const [r] = await listAnalysisRespondents(db, study.id, "alpha");
    expect(r!.weights.speed).toBe(third);
    expect(r!.weights.comfort).toBe(100 - third);
    expect(r!.weights.fare).toBe(0.1);
    expect(r!.known).toEqual(["alpha", "beta", "gamma"]);
    expect(r!.ratings).toEqual({});
    expect(r!.profile).toEqual({ company: 'Ltd: "A, B" & 北京', note: "" });
  });
});
