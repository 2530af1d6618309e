import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { getFieldworkStats, listFlaggedIds } from "../../db/queries/fieldwork-stats";
import { setQuotas } from "../../db/queries/quotas";
import { seededRandom } from "../../analysis/seeded-random";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

let temp: TempDb | null = null;
afterEach(async () => {
  await temp?.cleanup();
  temp = null;
});

const DAY = 86_400_000;

function inserter(db: Db) {
  const sqlite = db.sqlite!;
  const response = sqlite.prepare(
    `insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, device_id, invitation_id, wave, review, screen_reason)
     values (?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  return {
    response(q: number | bigint, status: string, x: { started?: number; completed?: number | null; device?: string | null; invitation?: number | null; wave?: number; review?: string | null; reason?: string | null } = {}) {
      n += 1;
      const started = x.started ?? NOW;
      return Number(
        response.run(
          `client-${n}-xxxxxxxx`,
          q,
          status,
          started,
          started,
          status === "complete" ? (x.completed === undefined ? started + 600_000 : x.completed) : null,
          x.device ?? null,
          x.invitation ?? null,
          x.wave ?? 1,
          x.review ?? null,
          x.reason ?? null,
        ).lastInsertRowid,
      );
    },
    rate: sqlite.prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, ?, ?, ?)"),
    offer: sqlite.prepare("insert into response_offers (response_id, offer_code, position, known) values (?, ?, ?, ?)"),
    profile: sqlite.prepare("insert into response_profile (response_id, question_code, value) values (?, ?, ?)"),
    invitation: (studyId: number, token: string) =>
      Number(sqlite.prepare("insert into respondent_invitations (study_id, token, label, created_at) values (?, ?, '', ?)").run(studyId, token, NOW).lastInsertRowid),
  };
}

describe("getFieldworkStats", () => {
  it("counts starts, completions, screen-outs by reason, quota cells, days and waves (hand-counted)", async () => {
    temp = await createTempDb();
    const { db } = temp;
    const owner = await addUser(db, "owner@example.com");
    const { study, questionnaire: q } = await addStudy(db, { ownerId: owner.id, token: "tok-stats-1" });
    const other = await addStudy(db, { ownerId: owner.id, token: "tok-stats-2" });
    const focus = db.sqlite!
      .prepare("insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (?, 'focus_group', 1, '{}', '{}', ?)")
      .run(study.id, NOW).lastInsertRowid;
    const ins = inserter(db);
    // Complete: 2 on day 0 (wave 1), 1 on day 1 (wave 2); segments home, home, office.
    const c1 = ins.response(q.id, "complete", { started: NOW, completed: NOW + 600_000 });
    const c2 = ins.response(q.id, "complete", { started: NOW + 1000, completed: NOW + 700_000 });
    const c3 = ins.response(q.id, "complete", { started: NOW + DAY, completed: NOW + DAY + 500_000, wave: 2 });
    ins.profile.run(c1, "segment", "home");
    ins.profile.run(c2, "segment", "home");
    ins.profile.run(c3, "segment", "office");
    // In progress: 2 (one in wave 2); screened out: screening 2, quota_full 1, closed 1 (wave 2).
    ins.response(q.id, "draft");
    ins.response(q.id, "draft", { wave: 2 });
    ins.response(q.id, "screened_out", { reason: "screening" });
    ins.response(q.id, "screened_out", { reason: "screening" });
    ins.response(q.id, "screened_out", { reason: "quota_full" });
    ins.response(q.id, "screened_out", { reason: "closed", wave: 2 });
    // Focus group: 1 complete, 1 draft; another study's responses count nowhere here.
    ins.response(focus, "complete");
    ins.response(focus, "draft");
    ins.response(other.questionnaire.id, "complete");
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
    db.sqlite!.prepare("update responses set review = 'exclude' where id = ?").run(c2);
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
    const invitations = Array.from({ length: 30 }, (_, i) => ins.invitation(study.id, `invitation-token-${String(i).padStart(4, "0")}`));
    const offers = ["alpha", "beta", "gamma"];
    const attributes = ["speed", "comfort", "fare"];
    db.sqlite!.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const started = NOW + Math.floor(random() * 5 * DAY);
        const duration = random() < 0.15 ? Math.floor(random() * 120_000) : 300_000 + Math.floor(random() * 900_000);
        // Ties on the completion instant happen: the earlier id is the original.
        const completed = random() < 0.05 ? NOW + 3 * DAY : started + duration;
        const id = ins.response(q.id, "complete", {
          started: Math.min(started, completed),
          completed,
          device: random() < 0.3 ? pick(["dev-a", "dev-b", "dev-c", "dev-d", ""]) : `dev-${i}`,
          // responses.invitation_id is unique: an invitation has at most one response.
          invitation: random() < 0.2 ? (invitations.pop() ?? null) : null,
          review: random() < 0.1 ? pick(["include", "exclude"]) : null,
        });
        const known = random() < 0.1 ? ["alpha"] : random() < 0.05 ? ["beta"] : offers.filter(() => random() < 0.8);
        offers.forEach((o, k) => ins.offer.run(id, o, k, known.includes(o) ? 1 : 0));
        const flat = random() < 0.15;
        for (const o of known) {
          const level = 1 + Math.floor(random() * 10);
          const rated = random() < 0.2 ? attributes.slice(0, 2) : attributes;
          for (const a of rated) ins.rate.run(id, o, a, flat ? level : 1 + Math.floor(random() * 10));
        }
      }
    })();
    // Responses that are not complete never count.
    ins.response(q.id, "draft", { device: "dev-a" });
    ins.response(q.id, "screened_out", { device: "dev-b", reason: "screening" });

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
