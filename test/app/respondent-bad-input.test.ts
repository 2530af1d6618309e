import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { study, validAnswers } from "../surveys/fixtures";
import { answer, api, createStudy, newId, publish } from "./respondent-study";
import { one } from "./server-db";

let server: AppServer;
let db: Db;
let token: string;
let studyId: number;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  ({ studyId, token } = await createStudy(db));
  await publish(db, studyId, "rating", study);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const stored = async () =>
  (await one<{ n: number }>(db, sql`select count(*) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${studyId}`)).n;

describe("respondent API: bad input is refused clearly and stores nothing", () => {
  it("refuses a forged answer for an attribute and an offer the questionnaire does not have, naming them", async () => {
    const responseId = newId("forged");
    const res = await answer(server.url, token, {
      responseId,
      answers: { ...validAnswers(), rating_alpha_wifi: 9, rating_delta_speed: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("answers name questions this questionnaire does not have: rating_alpha_wifi, rating_delta_speed");
    expect(res.body.details).toEqual(["rating_alpha_wifi", "rating_delta_speed"]);
    // The response stays the draft its start made: no answers, no rows.
    expect(await db.rows(sql`select status, answers_json as "answers" from responses where client_id = ${responseId}`)).toEqual([{ status: "draft", answers: "{}" }]);
  });

  it("refuses an out-of-range rating, naming it, and keeps a started draft a draft", async () => {
    const responseId = newId("range");
    await api(server.url, token, { intent: "start", responseId });
    const res = await api(server.url, token, { intent: "complete", responseId, answers: { ...validAnswers(), rating_beta_comfort: 11 } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(['rating_beta_comfort requires a whole number from 1 to 10 or "dk"']);
    const rows = await db.rows<{ status: string; ratings: number }>(
      sql`select status, (select count(*) from response_ratings where response_id = r.id) as "ratings" from responses r where client_id = ${responseId}`,
    );
    expect(rows).toEqual([{ status: "draft", ratings: 0 }]);
  });

  it("refuses a 10 MB body with 413", async () => {
    const before = await stored();
    const body = JSON.stringify({ intent: "draft", responseId: newId("huge"), seq: 1, pageNo: 0, answers: { x: "a".repeat(10 * 1024 * 1024) } });
    // A phone's fetch gets the message, not a network error: the server reads and discards the
    // rest before closing (app/server.js, lingering close).
    const res = await fetch(`${server.url}/s/${token}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT },
      body,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/request body requires at most \d+ bytes/);
    expect(await stored()).toBe(before);
  });

  it("accepts don't know for a rating and stores no row for it", async () => {
    const responseId = newId("dk");
    const res = await answer(server.url, token, { responseId, answers: { ...validAnswers(), rating_alpha_speed: "dk" } });
    expect(res.body.status).toBe("complete");
    const ratings = await db.rows<{ offer_code: string; attribute_code: string }>(
      sql`select offer_code, attribute_code from response_ratings where response_id = (select id from responses where client_id = ${responseId})`,
    );
    expect(ratings).toHaveLength(9);
    expect(ratings).not.toContainEqual({ offer_code: "alpha", attribute_code: "speed" });
  });
});
