import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { getFieldworkStats, listFlaggedIds } from "../../db/queries/fieldwork-stats";
import { setQuotas } from "../../db/queries/quotas";
import { seededRandom } from "../../analysis/seeded-random";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, insertRow, insertRows, NOW } from "./fixtures";

let temp: TempDb | null = null;
afterEach(async () => {
  await temp?.cleanup();
  temp = null;
});

const DAY = 86_400_000;

/** Numbers the client ids of every inserter (one inside a transaction, one outside it). */
let n = 0;

function inserter(db: Db) {
  return {
    response(q: number, status: string, x: { started?: number; completed?: number | null; device?: string | null; invitation?: number | null; wave?: number; review?: string | null; reason?: string | null } = {}) {
      n += 1;
      const started = x.started ?? NOW;
      return insertRow(db, "responses", {
        client_id: `client-${n}-xxxxxxxx`,
        questionnaire_id: q,
        status,
        offer_order: "[]",
        started_at: started,
        updated_at: started,
        completed_at: status === "complete" ? (x.completed === undefined ? started + 600_000 : x.completed) : null,
        device_id: x.device ?? null,
        invitation_id: x.invitation ?? null,
        wave: x.wave ?? 1,
        review: x.review ?? null,
        screen_reason: x.reason ?? null,
      });
    },
    rate: (rows: Array<[number, string, string, number]>) => insertRows(db, "response_ratings", ["response_id", "offer_code", "attribute_code", "score"], rows),
    offer: (rows: Array<[number, string, number, boolean]>) => insertRows(db, "response_offers", ["response_id", "offer_code", "position", "known"], rows),
    profile: (responseId: number, question: string, value: string) =>
      insertRows(db, "response_profile", ["response_id", "question_code", "value"], [[responseId, question, value]]),
    invitation: (studyId: number, token: string) => insertRow(db, "respondent_invitations", { study_id: studyId, token, label: "", created_at: NOW }),
  };
}

describe("getFieldworkStats", () => {
  it("counts starts, completions, screen-outs by reason, quota cells, days and waves (hand-counted)", async () => {
    temp = await createTempDb();
    const { db } = temp;
    const owner = await addUser(db, "owner@example.com");
    const { study, questionnaire: q } = await addStudy(db, { ownerId: owner.id, token: "tok-stats-1" });
    const other = await addStudy(db, { ownerId: owner.id, token: "tok-stats-2" });
    const focus = await insertRow(db, "questionnaires", {
      study_id: study.id,
      stage: "focus_group",
      version: 1,
      definition_json: "{}",
      survey_json: "{}",
      published_at: NOW,
    });
    const ins = inserter(db);
    // Complete: 2 on day 0 (wave 1), 1 on day 1 (wave 2); segments home, home, office.
    const c1 = await ins.response(q.id, "complete", { started: NOW, completed: NOW + 600_000 });
    const c2 = await ins.response(q.id, "complete", { started: NOW + 1000, completed: NOW + 700_000 });
    const c3 = await ins.response(q.id, "complete", { started: NOW + DAY, completed: NOW + DAY + 500_000, wave: 2 });
    await ins.profile(c1, "segment", "home");
    await ins.profile(c2, "segment", "home");
    await ins.profile(c3, "segment", "office");
    // In progress: 2 (one in wave 2); screened out: screening 2, quota_full 1, closed 1 (wave 2).
    await ins.response(q.id, "draft");
    await ins.response(q.id, "draft", { wave: 2 });
    await ins.response(q.id, "screened_out", { reason: "screening" });
    await ins.response(q.id, "screened_out", { reason: "screening" });
    await ins.response(q.id, "screened_out", { reason: "quota_full" });
    await ins.response(q.id, "screened_out", { reason: "closed", wave: 2 });
    // Focus group: 1 complete, 1 draft; another study's responses count nowhere here.
    await ins.response(focus, "complete");
    await ins.response(focus, "draft");
    await ins.response(other.questionnaire.id, "complete");
    await setQuotas(db, { studyId: study.id, questionCode: "segment", targets: { home: 2, office: 5 } });

    const stats = await getFieldworkStats(db, { studyId: study.id, ownOffer: "alpha" });
    expect(stats.started).toBe(9);
    expect(stats.inProgress).toBe(2);
    expect(stats.complete).toBe(3);
    expect(stats.screenedOut).toEqual({ total: 4, screening: 2, quota_full: 1, closed: 1, other: 0 });
    expect(stats.focusGroup).toEqual({ started: 2, complete: 1 });
    expect(stats.quotaCells).toEqual([
      { questionCode: "segment", value: "home", target: 2, complete: 2 },
      { questionCode: "segment", value: "office", target: 5, complete: 1 },
    ]);
    const day0 = new Date(NOW + 600_000).toISOString().slice(0, 10);
    const day1 = new Date(NOW + DAY + 500_000).toISOString().slice(0, 10);
    expect(stats.perDay).toEqual([
      { day: day0, complete: 2 },
      { day: day1, complete: 1 },
    ]);
    expect(stats.perWave).toEqual([
      { wave: 1, started: 6, complete: 2, screenedOut: 3 },
      { wave: 2, started: 3, complete: 1, screenedOut: 1 },
    ]);
    // A response the researcher excluded leaves its quota cell (the runtime admits a replacement).
    await db.run(sql`update responses set review = 'exclude' where id = ${c2}`);
    const after = await getFieldworkStats(db, { studyId: study.id, ownOffer: "alpha" });
    expect(after.quotaCells[0]).toEqual({ questionCode: "segment", value: "home", target: 2, complete: 1 });
    expect(after.complete).toBe(3);
  });

  it("flags exactly the responses analysis/data-quality flags (400 seeded random responses)", async () => {
    temp = await createTempDb();
    const { db } = temp;
    const owner = await addUser(db, "owner@example.com");
    const { study, questionnaire: q } = await addStudy(db, { ownerId: owner.id, token: "tok-stats-3" });
    const ins = inserter(db);
    const random = seededRandom(20261123);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const invitations: number[] = [];
    for (let i = 0; i < 30; i++) invitations.push(await ins.invitation(study.id, `invitation-token-${String(i).padStart(4, "0")}`));
    const offers = ["alpha", "beta", "gamma"];
    const attributes = ["speed", "comfort", "fare"];
    await db.transaction(async (tx) => {
      const txIns = inserter(tx);
      for (let i = 0; i < 400; i++) {
        const started = NOW + Math.floor(random() * 5 * DAY);
        const duration = random() < 0.15 ? Math.floor(random() * 120_000) : 300_000 + Math.floor(random() * 900_000);
        // Ties on the completion instant happen: the earlier id is the original.
        const completed = random() < 0.05 ? NOW + 3 * DAY : started + duration;
        const id = await txIns.response(q.id, "complete", {
          started: Math.min(started, completed),
          completed,
          device: random() < 0.3 ? pick(["dev-a", "dev-b", "dev-c", "dev-d", ""]) : `dev-${i}`,
          // responses.invitation_id is unique: an invitation has at most one response.
          invitation: random() < 0.2 ? (invitations.pop() ?? null) : null,
          review: random() < 0.1 ? pick(["include", "exclude"]) : null,
        });
        const known = random() < 0.1 ? ["alpha"] : random() < 0.05 ? ["beta"] : offers.filter(() => random() < 0.8);
        await txIns.offer(offers.map((o, k) => [id, o, k, known.includes(o)]));
        const flat = random() < 0.15;
        const ratings: Array<[number, string, string, number]> = [];
        for (const o of known) {
          const level = 1 + Math.floor(random() * 10);
          const rated = random() < 0.2 ? attributes.slice(0, 2) : attributes;
          for (const a of rated) ratings.push([id, o, a, flat ? level : 1 + Math.floor(random() * 10)]);
        }
        await txIns.rate(ratings);
      }
    });
    // Responses that are not complete never count.
    await ins.response(q.id, "draft", { device: "dev-a" });
    await ins.response(q.id, "screened_out", { device: "dev-b", reason: "screening" });

    const respondents = await listAnalysisRespondents(db, study.id, "alpha");
    const expected = new Map(respondents.filter((r) => r.flags.length).map((r) => [r.id, r.flags]));
    const flagged = await listFlaggedIds(db, { studyId: study.id, ownOffer: "alpha" });
    expect(Object.fromEntries(flagged)).toEqual(Object.fromEntries(expected));
    const stats = await getFieldworkStats(db, { studyId: study.id, ownOffer: "alpha" });
    const count = (flag: string) => respondents.filter((r) => (r.flags as string[]).includes(flag)).length;
    expect(stats.flagged).toEqual({
      speeder: count("speeder"),
      straight_liner: count("straight_liner"),
      duplicate: count("duplicate"),
      no_competitor: count("no_competitor"),
      any: expected.size,
    });
    // Every kind of flag occurs in this sample, so each rule was really compared.
    for (const flag of ["speeder", "straight_liner", "duplicate", "no_competitor"]) expect(count(flag), flag).toBeGreaterThan(5);
    expect(stats.review).toEqual({
      include: respondents.filter((r) => r.review === "include").length,
      exclude: respondents.filter((r) => r.review === "exclude").length,
    });
  });

  it("has nothing to flag in a study without responses", async () => {
    temp = await createTempDb();
    const owner = await addUser(temp.db, "owner@example.com");
    const { study } = await addStudy(temp.db, { ownerId: owner.id, token: "tok-stats-4" });
    const stats = await getFieldworkStats(temp.db, { studyId: study.id, ownOffer: null });
    expect(stats.flagged.any).toBe(0);
    expect(stats.perDay).toEqual([]);
    expect((await listFlaggedIds(temp.db, { studyId: study.id, ownOffer: null })).size).toBe(0);
  });
});
