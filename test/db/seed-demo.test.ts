import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { DEMO_EMAIL, DEMO_TOKEN, seedDemo } from "../../db/seed-demo";
import { getStudyByToken, listAttributes, listOffers, type Study } from "../../db/queries/studies";
import { countResponses, listCompleteRespondents } from "../../db/queries/responses";
import { getLatestQuestionnaire } from "../../db/queries/questionnaires";
import { getUserByEmail } from "../../db/queries/users";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { NOW } from "./fixtures";

let temp: TempDb;
let db: Db;
let first: boolean;
let study: Study;
const passwordHash = (p: string) => `hashed:${p}`;

beforeAll(() => {
  temp = createTempDb();
  db = temp.db;
  first = seedDemo(db, { passwordHash, now: NOW });
  study = getStudyByToken(db, "demo")!;
});
afterAll(() => temp.cleanup());

describe("seedDemo", () => {
  it("returns true on an empty database", () => {
    expect(first).toBe(true);
  });

  it("returns false the second time and adds no second user", () => {
    expect(seedDemo(db, { passwordHash, now: NOW })).toBe(false);
    expect(db.$client.prepare("select count(*) from users").pluck().get()).toBe(1);
  });

  it("creates the demo user with the hashed password", () => {
    expect(getUserByEmail(db, DEMO_EMAIL)?.passwordHash).toBe("hashed:valuemap-demo-2026");
  });

  it("publishes the demo study at token demo", () => {
    expect([DEMO_TOKEN, study?.publicToken]).toEqual(["demo", "demo"]);
  });

  it("has 3 offers of which only aster is own", () => {
    expect(listOffers(db, study.id).map((o) => [o.code, o.isOwn])).toEqual([
      ["aster", true],
      ["birch", false],
      ["cedar", false],
    ]);
  });

  it("has 5 quality and 3 price attributes", () => {
    const attrs = listAttributes(db, study.id);
    expect([attrs.filter((a) => a.kind === "quality").length, attrs.filter((a) => a.kind === "price").length]).toEqual([5, 3]);
  });

  it("publishes questionnaire version 1", () => {
    expect(getLatestQuestionnaire(db, study.id)?.version).toBe(1);
  });

  it("stores between 50 and 64 complete responses", () => {
    const { complete } = countResponses(db, study.id);
    expect(complete).toBeGreaterThanOrEqual(50);
    expect(complete).toBeLessThanOrEqual(64);
  });

  it("stores 64 finished respondents (complete + screened out) and no drafts", () => {
    const c = countResponses(db, study.id);
    expect([c.complete + c.screenedOut, c.draft]).toEqual([64, 0]);
  });

  it("lists every complete respondent with 8 weights, each set summing to 100", () => {
    const respondents = listCompleteRespondents(db, study.id);
    const quality = ["reliability", "taste", "ease", "service", "design"];
    const price = ["purchase", "running", "terms"];
    const sums = respondents.map((r) => [
      Object.keys(r.weights).length,
      quality.reduce((s, k) => s + (r.weights[k] ?? 0), 0),
      price.reduce((s, k) => s + (r.weights[k] ?? 0), 0),
    ]);
    expect(sums.every(([n, q, p]) => n === 8 && q === 100 && p === 100)).toBe(true);
  });

  it("rates the own offer aster by every complete respondent (screening requires knowing it)", () => {
    const respondents = listCompleteRespondents(db, study.id);
    expect(respondents.every((r) => r.ratings.aster !== undefined)).toBe(true);
  });
});
