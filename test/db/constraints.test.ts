import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { startResponse } from "../../db/queries/responses";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, expectRefused, NOW } from "./fixtures";

let temp: TempDb;
let db: Db;
let studyId: number;
let otherStudyId: number;
let questionnaireId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  const user = await addUser(db, "owner@example.com");
  const a = await addStudy(db, { ownerId: user.id, token: "tok-one" });
  const b = await addStudy(db, { ownerId: user.id, token: "tok-two" });
  studyId = a.study.id;
  otherStudyId = b.study.id;
  questionnaireId = a.questionnaire.id;
});
afterAll(() => temp.cleanup());

const insertOffer = (sid: number, code: string, isOwn: boolean) =>
  db.run(sql`insert into offers (study_id, code, name, is_own) values (${sid}, ${code}, ${code}, ${isOwn})`);
const rate = (responseId: number, score: number) =>
  db.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${responseId}, 'alpha', 'speed', ${score})`);

// SQLite names a unique index's columns in its message, PostgreSQL the index itself (SQLSTATE
// 23505); a CHECK both name; a foreign key only PostgreSQL names.
describe("schema constraints", () => {
  it("rejects a second own offer in the same study (partial unique index)", async () => {
    await expectRefused(db, insertOffer(studyId, "delta", true), {
      kind: "unique",
      constraint: "offers_one_own_uq",
      sqlite: /UNIQUE constraint failed: offers\.study_id$/,
    });
  });

  it("accepts another competitor in a study that already has its own offer", async () => {
    expect(await insertOffer(studyId, "epsilon", false)).toBe(1);
  });

  it("has exactly one own offer per study after the rejected insert", async () => {
    const own = await db.rows<{ code: string }>(sql`select code from offers where study_id = ${studyId} and is_own = ${true} order by code`);
    expect(own.map((o) => o.code)).toEqual(["alpha"]);
  });

  it("rejects a duplicate offer code in the same study", async () => {
    await expectRefused(db, insertOffer(otherStudyId, "beta", false), {
      kind: "unique",
      constraint: "offers_study_code_uq",
      sqlite: /UNIQUE constraint failed: offers\.study_id, offers\.code/,
    });
  });

  it("rejects a rating score of 11 (CHECK)", async () => {
    const response = await startResponse(db, {
      clientId: "client-check-11",
      questionnaireId,
      offerOrder: ["alpha", "beta", "gamma"],
      locale: "en",
      now: NOW,
    });
    await expectRefused(db, rate(response.id, 11), { kind: "check", constraint: "response_ratings_score_ck" });
  });

  it("accepts a rating score of 10 (the upper bound)", async () => {
    const response = await startResponse(db, {
      clientId: "client-check-10",
      questionnaireId,
      offerOrder: ["alpha", "beta", "gamma"],
      locale: "en",
      now: NOW,
    });
    expect(await rate(response.id, 10)).toBe(1);
  });

  it("rejects a response for a missing questionnaire (foreign key)", async () => {
    await expectRefused(db, startResponse(db, { clientId: "client-no-questionnaire", questionnaireId: 9999, offerOrder: [], locale: "en", now: NOW }), {
      kind: "foreign key",
      constraint: "responses_questionnaire_id_questionnaires_id_fk",
      sqlite: /FOREIGN KEY constraint failed/,
    });
    expect(await db.rows(sql`select id from responses where client_id = 'client-no-questionnaire'`)).toEqual([]);
  });
});
