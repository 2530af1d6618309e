import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { startResponse } from "../../db/queries/responses";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

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

const insertOffer = (sid: number, code: string, isOwn: 0 | 1) =>
  db.sqlite!.prepare("insert into offers (study_id, code, name, is_own) values (?, ?, ?, ?)").run(sid, code, code, isOwn);

describe("schema constraints", () => {
  it("rejects a second own offer in the same study (partial unique index)", () => {
    expect(() => insertOffer(studyId, "delta", 1)).toThrow(/UNIQUE constraint failed: offers\.study_id/);
  });

  it("accepts another competitor in a study that already has its own offer", () => {
    expect(insertOffer(studyId, "epsilon", 0).changes).toBe(1);
  });

  it("has exactly one own offer per study after the rejected insert", () => {
    const own = db.sqlite!.prepare("select code from offers where study_id = ? and is_own = 1").pluck().all(studyId);
    expect(own).toEqual(["alpha"]);
  });

  it("rejects a duplicate offer code in the same study", () => {
    expect(() => insertOffer(otherStudyId, "beta", 0)).toThrow(/UNIQUE constraint failed: offers\.study_id, offers\.code/);
  });

  it("rejects a rating score of 11 (CHECK)", async () => {
    const response = await startResponse(db, {
      clientId: "client-check-11",
      questionnaireId,
      offerOrder: ["alpha", "beta", "gamma"],
      locale: "en",
      now: NOW,
    });
    expect(() =>
      db.sqlite!
        .prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, 'alpha', 'speed', 11)")
        .run(response.id),
    ).toThrow(/CHECK constraint failed: response_ratings_score_ck/);
  });

  it("accepts a rating score of 10 (the upper bound)", async () => {
    const response = await startResponse(db, {
      clientId: "client-check-10",
      questionnaireId,
      offerOrder: ["alpha", "beta", "gamma"],
      locale: "en",
      now: NOW,
    });
    const run = db.sqlite!
      .prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, 'alpha', 'speed', 10)")
      .run(response.id);
    expect(run.changes).toBe(1);
  });

  it("rejects a response for a missing questionnaire (foreign key)", async () => {
    await expect(startResponse(db, { clientId: "client-no-questionnaire", questionnaireId: 9999, offerOrder: [], locale: "en", now: NOW })).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });
});
