import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { study, validAnswers } from "../surveys/fixtures";
import { answer, createStudy, newId, publish } from "./respondent-study";
import { insertId } from "./server-db";

/**
 * The considered set is part of the purchase question: the API refuses a purchase without it on
 * a questionnaire that asks it, and still takes answers to a version published before, where
 * "which did you consider?" was optional.
 */
let server: AppServer;
let db: Db;
let current: string;
let earlier: string;

/** A version frozen before: the considered question without visibleIf, isRequired, or the exclusive answer. */
function earlierSurvey() {
  const survey = buildRatingQuestionnaire(study);
  const purchase = survey.pages.find((p) => p.name === "purchase")!;
  purchase.elements = purchase.elements.map((el) =>
    el.name === "considered_offers"
      ? { type: "checkbox", name: "considered_offers", title: el.title, choices: (el.choices as Array<{ value: string }>).filter((c) => c.value !== "only_bought") }
      : el,
  );
  return survey;
}

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  const a = await createStudy(db);
  await publish(db, a.studyId, "rating", study);
  current = a.token;
  const b = await createStudy(db);
  await insertId(
    db,
    sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at)
        values (${b.studyId}, 'rating', 1, ${JSON.stringify(study)}, ${JSON.stringify(earlierSurvey())}, ${Date.now()}) returning id`,
  );
  earlier = b.token;
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const withoutConsidered = () => {
  const answers = validAnswers();
  delete answers.considered_offers;
  return answers;
};
const considered = async (clientId: string) =>
  (
    await db.rows<{ offer: string }>(
      sql`select o.offer_code as "offer" from response_offers o join responses r on r.id = o.response_id where r.client_id = ${clientId} and o.considered order by o.offer_code`,
    )
  ).map((r) => r.offer);

describe("respondent API: the considered set", () => {
  it("refuses a purchase without the considered set, naming it, and stores nothing", async () => {
    const responseId = newId("noset");
    const res = await answer(server.url, current, { responseId, answers: withoutConsidered() });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(['considered_offers requires the other offers considered or "only_bought"']);
    // The draft its start made stays a draft, without answers or rows.
    expect(await db.rows(sql`select status, answers_json as "answers" from responses where client_id = ${responseId}`)).toEqual([{ status: "draft", answers: "{}" }]);
  });

  it("stores “I only considered what I bought” as the bought offer alone", async () => {
    const responseId = newId("only");
    const res = await answer(server.url, current, { responseId, answers: { ...validAnswers(), considered_offers: ["only_bought"] } });
    expect(res.body).toMatchObject({ ok: true, status: "complete" });
    expect(await considered(responseId)).toEqual(["beta"]);
  });

  it("stores the offers ticked with the bought one (bought beta, ticked alpha)", async () => {
    const responseId = newId("ticked");
    const res = await answer(server.url, current, { responseId, answers: validAnswers() });
    expect(res.body).toMatchObject({ ok: true, status: "complete" });
    expect(await considered(responseId)).toEqual(["alpha", "beta"]);
  });

  it("takes an answer without the considered set on a version that asked it optionally, storing none", async () => {
    const responseId = newId("earlier");
    const res = await answer(server.url, earlier, { responseId, answers: withoutConsidered() });
    expect(res.body).toMatchObject({ ok: true, status: "complete" });
    expect(await considered(responseId)).toEqual([]);
  });
});
