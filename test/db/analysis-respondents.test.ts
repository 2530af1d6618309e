import { afterEach, describe, expect, it } from "vitest";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

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
    const sqlite = db.sqlite!;
    const focus = sqlite
      .prepare(
        "insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (?, 'focus_group', 1, '{}', '{}', ?)",
      )
      .run(study.id, NOW).lastInsertRowid;
    const addResponse = (questionnaireId: number | bigint, clientId: string, status: string, extra: { started?: number; completed?: number; device?: string; wave?: number; review?: string } = {}) =>
      Number(
        sqlite
          .prepare(
            `insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, device_id, wave, review)
             values (?, ?, ?, '[]', ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            clientId,
            questionnaireId,
            status,
            extra.started ?? NOW,
            extra.completed ?? NOW,
            status === "draft" ? null : (extra.completed ?? NOW + 600_000),
            extra.device ?? null,
            extra.wave ?? 1,
            extra.review ?? null,
          ).lastInsertRowid,
      );
    // r1: careful, wave 2, home segment; r2: same device later, flat rows, fast, excluded by review.
    const r1 = addResponse(questionnaire.id, "client-r1", "complete", { started: NOW, completed: NOW + 600_000, device: "dev-a", wave: 2 });
    const r2 = addResponse(questionnaire.id, "client-r2", "complete", { started: NOW + 700_000, completed: NOW + 760_000, device: "dev-a", review: "exclude" });
    addResponse(questionnaire.id, "client-draft", "draft");
    addResponse(questionnaire.id, "client-out", "screened_out");
    addResponse(focus, "client-focus", "complete");
    addResponse(other.questionnaire.id, "client-other", "complete");
    const rate = sqlite.prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, ?, ?, ?)");
    for (const [offer, scores] of Object.entries({ alpha: [8, 6, 7], beta: [5, 7, 4] })) {
      ["speed", "comfort", "fare"].forEach((a, i) => rate.run(r1, offer, a, scores[i]));
    }
    for (const a of ["speed", "comfort", "fare"]) {
      rate.run(r2, "alpha", a, 5);
      rate.run(r2, "beta", a, 3);
    }
    const weight = sqlite.prepare("insert into response_weights (response_id, attribute_code, weight) values (?, ?, ?)");
    weight.run(r1, "speed", 60);
    weight.run(r1, "comfort", 40);
    weight.run(r1, "fare", 100);
    const offer = sqlite.prepare(
      "insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    offer.run(r1, "beta", 0, 1, 6, 5, 0, 1);
    offer.run(r1, "alpha", 1, 1, 8, 7, 1, 1);
    offer.run(r1, "gamma", 2, 0, null, null, 0, 0);
    offer.run(r2, "alpha", 0, 1, null, 6, 0, 0);
    offer.run(r2, "beta", 1, 1, null, null, 0, 0);
    sqlite.prepare("insert into response_profile (response_id, question_code, value) values (?, 'segment', 'home')").run(r1);

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
    const sqlite = db.sqlite!;
    const id = Number(
      sqlite
        .prepare(
          `insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at)
           values ('client-x', ?, 'complete', '[]', ?, ?, ?)`,
        )
        .run(questionnaire.id, NOW, NOW, NOW + 600_000).lastInsertRowid,
    );
    const third = 100 / 3;
    const weight = sqlite.prepare("insert into response_weights (response_id, attribute_code, weight) values (?, ?, ?)");
    weight.run(id, "speed", third);
    weight.run(id, "comfort", 100 - third);
    weight.run(id, "fare", 0.1);
    const offer = sqlite.prepare(
      "insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values (?, ?, ?, 1, null, null, 0, 0)",
    );
    offer.run(id, "gamma", 2);
    offer.run(id, "alpha", 0);
    offer.run(id, "beta", 1);
    const answer = sqlite.prepare("insert into response_profile (response_id, question_code, value) values (?, ?, ?)");
    answer.run(id, "company", 'Ltd: "A, B" & 北京');
    answer.run(id, "note", "");

    const [r] = await listAnalysisRespondents(db, study.id, "alpha");
    expect(r!.weights.speed).toBe(third);
    expect(r!.weights.comfort).toBe(100 - third);
    expect(r!.weights.fare).toBe(0.1);
    expect(r!.known).toEqual(["alpha", "beta", "gamma"]);
    expect(r!.ratings).toEqual({});
    expect(r!.profile).toEqual({ company: 'Ltd: "A, B" & 北京', note: "" });
  });
});
