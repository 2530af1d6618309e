import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { DEMO_EMAIL, DEMO_TOKEN, seedDemo } from "../../db/seed-demo";
import { getStudyByToken, listAttributes, listOffers, type Study } from "../../db/queries/studies";
import { countResponses, listCompleteRespondents } from "../../db/queries/responses";
import { getLatestQuestionnaire } from "../../db/queries/questionnaires";
import { getUserByEmail } from "../../db/queries/users";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { wonLostOutcome } from "../../analysis/won-lost-outcome";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { NOW, scalar } from "./fixtures";

let temp: TempDb;
let db: Db;
let first: boolean;
let study: Study;
const passwordHash = (p: string) => `hashed:${p}`;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  first = await seedDemo(db, { passwordHash, now: NOW });
  study = (await getStudyByToken(db, "demo"))!;
});
afterAll(() => temp.cleanup());

describe("seedDemo", () => {
  it("returns true on an empty database", () => {
    expect(first).toBe(true);
  });

  it("returns false the second time and adds no second user", async () => {
    expect(await seedDemo(db, { passwordHash, now: NOW })).toBe(false);
    expect(await scalar(db, sql`select count(*) as "v" from users`)).toBe(1);
  });

  it("creates the demo user with the hashed password", async () => {
    expect((await getUserByEmail(db, DEMO_EMAIL))?.passwordHash).toBe("hashed:valuemap-demo-2026");
  });

  it("publishes the demo study at token demo", () => {
    expect([DEMO_TOKEN, study?.publicToken]).toEqual(["demo", "demo"]);
  });

  it("has 3 offers of which only aster is own", async () => {
    expect((await listOffers(db, study.id)).map((o) => [o.code, o.isOwn])).toEqual([
      ["aster", true],
      ["birch", false],
      ["cedar", false],
    ]);
  });

  it("has 5 quality and 3 price attributes", async () => {
    const attrs = await listAttributes(db, study.id);
    expect([attrs.filter((a) => a.kind === "quality").length, attrs.filter((a) => a.kind === "price").length]).toEqual([5, 3]);
  });

  it("publishes questionnaire version 1", async () => {
    expect((await getLatestQuestionnaire(db, study.id))?.version).toBe(1);
  });

  it("stores between 50 and 64 complete responses", async () => {
    const { complete } = await countResponses(db, study.id);
    expect(complete).toBeGreaterThanOrEqual(50);
    expect(complete).toBeLessThanOrEqual(64);
  });

  it("stores 64 finished respondents (complete + screened out) and no drafts", async () => {
    const c = await countResponses(db, study.id);
    expect([c.complete + c.screenedOut, c.draft]).toEqual([64, 0]);
  });

  it("lists every complete respondent with 8 weights, each set summing to 100", async () => {
    const respondents = await listCompleteRespondents(db, study.id);
    const quality = ["reliability", "taste", "ease", "service", "design"];
    const price = ["purchase", "running", "terms"];
    const sums = respondents.map((r) => [
      Object.keys(r.weights).length,
      quality.reduce((s, k) => s + (r.weights[k] ?? 0), 0),
      price.reduce((s, k) => s + (r.weights[k] ?? 0), 0),
    ]);
    expect(sums.every(([n, q, p]) => n === 8 && q === 100 && p === 100)).toBe(true);
  });

  it("rates the own offer aster by every complete respondent (screening requires knowing it)", async () => {
    const respondents = await listCompleteRespondents(db, study.id);
    expect(respondents.every((r) => r.ratings.aster !== undefined)).toBe(true);
  });

  it("gives every respondent who bought an offer a considered set holding it: no won/lost group is unknown", async () => {
    const respondents = await listAnalysisRespondents(db, study.id, "aster");
    const buyers = respondents.filter((r) => r.chose !== null);
    expect(buyers.length).toBeGreaterThan(40);
    expect(buyers.every((r) => r.considered.includes(r.chose!))).toBe(true);
    const groups = new Map<string, number>();
    for (const r of buyers) {
      const group = wonLostOutcome({ chose: r.chose!, considered: r.considered }, "aster");
      groups.set(group, (groups.get(group) ?? 0) + 1);
    }
    // Meaningful demo figures: some won, some lost, some bought a competitor without considering aster.
    expect(groups.get("won")).toBeGreaterThan(3);
    expect(groups.get("lost")).toBeGreaterThan(3);
    expect(groups.get("bought-competitor-without-considering-own")).toBeGreaterThan(3);
    expect(groups.get("bought-competitor-consideration-unknown")).toBeUndefined();
  });

  it("asks the segment profile question (home or office) and stores an answer for every complete respondent", async () => {
    const rows = await db.rows<{ value: string; n: number }>(
      sql`select p.value as "value", count(*) as "n" from response_profile p join responses r on r.id = p.response_id
         where p.question_code = 'segment' and r.status = 'complete' group by p.value order by p.value`,
    );
    expect(rows.map((r) => r.value)).toEqual(["home", "office"]);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe((await countResponses(db, study.id)).complete);
  });

  it("publishes a focus-group questionnaire with 12 complete responses, each kind's weights summing to 100, and a few suggestions", async () => {
    const fg = await db.rows<{ id: number; version: number }>(
      sql`select id, version from questionnaires where study_id = ${study.id} and stage = 'focus_group'`,
    );
    expect(fg.map((q) => q.version)).toEqual([1]);
    const sums = await db.rows<{ q: number; p: number; n: number }>(
      sql`select r.id, sum(case when w.attribute_code in ('reliability','taste','ease','service','design') then w.weight else 0 end) as "q",
           sum(case when w.attribute_code in ('purchase','running','terms') then w.weight else 0 end) as "p", count(*) as "n"
         from responses r join response_weights w on w.response_id = r.id
         where r.questionnaire_id = ${fg[0]!.id} and r.status = 'complete' group by r.id`,
    );
    expect(sums).toHaveLength(12);
    expect(sums.every((r) => r.q === 100 && r.p === 100 && r.n === 8)).toBe(true);
    const suggestions = await db.rows<{ text: string }>(sql`select text from response_suggestions order by response_id, position`);
    expect(suggestions.map((s) => s.text)).toEqual(["Noise level", "Milk frothing", "Warm-up time", "Noise level", "Size on the counter"]);
  });

  it("has some don't-know ratings: fewer rating rows than known offers x attributes", async () => {
    const [counts] = await db.rows<{ rows: number; expected: number }>(
      sql`select (select count(*) from response_ratings rr join responses r on r.id = rr.response_id where r.status = 'complete') as "rows",
           (select count(*) * 8 from response_offers o join responses r on r.id = o.response_id where r.status = 'complete' and o.known = ${true}) as "expected"`,
    );
    const { rows, expected } = counts!;
    expect(rows).toBeLessThan(expected);
    expect(rows).toBeGreaterThan(expected * 0.9);
  });

  it("stamps device ids and waves 1 and 2, and the study is in wave 2", async () => {
    const rows = await db.rows(
      sql`select wave, count(*) as "n", count(device_id) as "devices" from responses r join questionnaires q on q.id = r.questionnaire_id
         where q.stage = 'rating' group by wave order by wave`,
    );
    expect(rows).toEqual([
      { wave: 1, n: 32, devices: 32 },
      { wave: 2, n: 32, devices: 32 },
    ]);
    expect((await getStudyByToken(db, "demo"))!.currentWave).toBe(2);
  });
});
