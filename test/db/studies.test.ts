import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { getStudy, getStudyByToken } from "../../db/queries/studies";
import { getLatestQuestionnaire, publishQuestionnaire } from "../../db/queries/questionnaires";
import { getStudyDefinition } from "../../db/queries/study-definition";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

let temp: TempDb;
let db: Db;
let ownerId: number;
let strangerId: number;
let studyId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  ownerId = (await addUser(db, "owner@example.com")).id;
  strangerId = (await addUser(db, "stranger@example.com")).id;
  studyId = (await addStudy(db, { ownerId, token: "tok-owner", title: "Owned study" })).study.id;
});
afterAll(() => temp.cleanup());

describe("getStudy", () => {
  it("returns the study to its owner", async () => {
    expect((await getStudy(db, { id: studyId, ownerId }))?.title).toBe("Owned study");
  });

  it("returns null to another owner", async () => {
    expect(await getStudy(db, { id: studyId, ownerId: strangerId })).toBeNull();
  });

  it("returns null for a missing id", async () => {
    expect(await getStudy(db, { id: studyId + 100, ownerId })).toBeNull();
  });

  it("finds the study by its public token", async () => {
    expect((await getStudyByToken(db, "tok-owner"))?.id).toBe(studyId);
  });
});

describe("getStudyDefinition", () => {
  it("lists offers in insertion order with the own flag, and quality attributes before price", async () => {
    const def = await getStudyDefinition(db, (await getStudy(db, { id: studyId, ownerId }))!);
    expect({
      offers: def.offers.map((o) => [o.code, o.own]),
      attributes: def.attributes.map((a) => [a.code, a.kind]),
      languages: def.languages,
    }).toEqual({
      offers: [
        ["alpha", true],
        ["beta", false],
        ["gamma", false],
      ],
      attributes: [
        ["speed", "quality"],
        ["comfort", "quality"],
        ["fare", "price"],
      ],
      languages: ["en"],
    });
  });
});

describe("publishQuestionnaire", () => {
  let fresh: TempDb;
  let fdb: Db;
  let sid: number;
  beforeAll(async () => {
    fresh = await createTempDb();
    fdb = fresh.db;
    const user = await addUser(fdb, "publisher@example.com");
    // addStudy publishes version 1 already.
    sid = (await addStudy(fdb, { ownerId: user.id, token: "tok-pub" })).study.id;
  });
  afterAll(() => fresh.cleanup());

  it("gave the first published questionnaire version 1", async () => {
    expect((await getLatestQuestionnaire(fdb, sid))?.version).toBe(1);
  });

  it("gives the next one version 2", async () => {
    const q = await publishQuestionnaire(fdb, { studyId: sid, definitionJson: "{}", surveyJson: '{"v":2}', now: NOW + 1 });
    expect(q.version).toBe(2);
  });

  it("returns version 2 as the latest, with its JSON", async () => {
    const latest = await getLatestQuestionnaire(fdb, sid);
    expect([latest?.version, latest?.surveyJson]).toEqual([2, '{"v":2}']);
  });

  it("returns null as the latest questionnaire of a study without any", async () => {
    expect(await getLatestQuestionnaire(fdb, sid + 100)).toBeNull();
  });
});
