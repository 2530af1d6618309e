import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisReadSettings, analysisReadStats, listAnalysisRespondents, readAnalysisRespondents } from "../../../db/queries/analysis-respondents";
import { setResponseReview } from "../../../db/queries/response-review";
import { listAttributes, listOffers } from "../../../db/queries/studies";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { reportStatisticsSettings } from "../../../app/lib/report/report-statistics.server";
import { BOOTSTRAP_UP_TO } from "../../../app/lib/report/report-intervals";
import type { ReportOptions } from "../../../app/lib/report/report-options.server";
import { seededRandom } from "../../../surveys/seeded-random";
import { demoDb } from "../demo-db";
import { TEST_ENGINE } from "../../helpers/engine";
import { insertRow, insertRows } from "../../db/fixtures";
import { expectClose } from "../../helpers/expect-close";

/**
 * Issue 23, the cold report: on SQLite the first report after a restart reads every response
 * through the narrow read (db/queries/analysis-respondents-sqlite.ts: arrays row by row, one
 * column per answer kind, shared empties) instead of the packed rows. On a seeded random study
 * with every answer kind (partial weights and ratings, worth, overall, considered, last purchase,
 * profile, MaxDiff tasks, Van Westendorp with and without likelihoods, Gabor–Granger, invitations
 * with customers, devices, review decisions) the respondents it gives must equal the packed
 * read's field for field, and the cold report under several filters the old read's to 1e-9. On
 * PostgreSQL both ways are the packed read (the narrow read is SQLite's): the test still holds.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let own = "";
beforeAll(async () => {
  demo = await demoDb();
  const [q] = await demo.db.rows<{ id: number }>(
    sql`select id from questionnaires where study_id = ${demo.study.id} and stage = 'rating' order by version desc`,
  );
  const questionnaireId = Number(q!.id);
  const offerRows = await listOffers(demo.db, demo.study.id);
  const offers = offerRows.map((o) => o.code);
  own = offerRows.find((o) => o.isOwn)!.code;
  const attributes = (await listAttributes(demo.db, demo.study.id)).map((a) => a.code);
  const rnd = seededRandom(23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const score = () => 1 + Math.floor(rnd() * 10);
  for (let i = 0; i < 120; i += 1) {
    const completedAt = Date.UTC(2026, 10, 3) + i * 60_000;
    let invitationId: number | null = null;
    if (rnd() < 0.3) {
      invitationId = await insertRow(demo.db, "respondent_invitations", {
        study_id: demo.study.id,
        token: `cold-read-invitation-${String(i).padStart(4, "0")}`,
        created_at: completedAt - 86_400_000,
        customer_id: rnd() < 0.7 ? `customer-${i % 7}` : null,
      });
    }
    const id = await insertRow(demo.db, "responses", {
      client_id: `cold-read-${i}`,
      questionnaire_id: questionnaireId,
      status: "complete",
      offer_order: "[]",
      quality_share: rnd() < 0.85 ? 20 + Math.floor(rnd() * 60) : null,
      device_id: pick(["demo-device-001", "cold-a", "cold-b", null, null]),
      invitation_id: invitationId,
      locale: pick(["en", "zh-CN"]),
      wave: pick([1, 2]),
      started_at: completedAt - pick([20, 200, 420, 900]) * 1000,
      updated_at: completedAt,
      completed_at: completedAt,
      min_duration_ms: rnd() < 0.5 ? 90_000 : null,
    });
    if (rnd() < 0.9) {
      await insertRows(demo.db, "response_weights", ["response_id", "attribute_code", "weight"],
        attributes.filter(() => rnd() < 0.9).map((a) => [id, a, Math.round(rnd() * 400) / 10]));
    }
    const known = offers.filter((o) => o === own || rnd() < 0.6);
    await insertRows(demo.db, "response_ratings", ["response_id", "offer_code", "attribute_code", "score"],
      known.flatMap((o) => attributes.filter(() => rnd() < 0.85).map((a) => [id, o, a, score()])));
    const chose = rnd() < 0.8 ? pick(known) : null;
    await insertRows(demo.db, "response_offers", ["response_id", "offer_code", "position", "known", "worth", "overall", "chose", "considered"],
      offers.map((o, k) => [id, o, k, known.includes(o), known.includes(o) && rnd() < 0.5 ? score() : null, known.includes(o) && rnd() < 0.8 ? score() : null, o === chose, rnd() < 0.4]));
    if (rnd() < 0.7) await insertRows(demo.db, "response_profile", ["response_id", "question_code", "value"], [[id, "segment", pick(["home", "office"])], [id, "note", `free text ${i}`]]);
    if (rnd() < 0.3) {
      await insertRows(demo.db, "response_maxdiff", ["response_id", "kind", "task", "items_json", "best", "worst"], [
        [id, "quality", 1, JSON.stringify(attributes.slice(0, 3)), attributes[0]!, attributes[2]!],
        [id, "quality", 2, JSON.stringify(attributes.slice(1, 4)), attributes[3]!, attributes[1]!],
      ]);
    }
    if (rnd() < 0.3) {
      await insertRows(demo.db, "response_prices", ["response_id", "too_cheap", "cheap", "expensive", "too_expensive", "likelihood_cheap", "likelihood_expensive"],
        [[id, 5, 9.5, 20, 31.25, rnd() < 0.5 ? 4 : null, rnd() < 0.5 ? 2 : null]]);
    }
    if (rnd() < 0.3) await insertRows(demo.db, "response_gabor_granger", ["response_id", "price", "buy"], [[id, 12, true], [id, 8.5, rnd() < 0.5]]);
    if (rnd() < 0.2) await setResponseReview(demo.db, { studyId: demo.study.id, responseId: id, review: pick(["include", "exclude"] as const) });
  }
});
afterAll(() => demo.cleanup());

/** `fn` with the packed read on SQLite too. */
async function packed<T>(fn: () => Promise<T>): Promise<T> {
  analysisReadSettings.narrow = false;
  try {
    return await fn();
  } finally {
    analysisReadSettings.narrow = true;
  }
}

const cold = (options: ReportOptions) => {
  reportCache.clear();
  return loadReport(demo.db, demo.study, "en", options);
};

describe("the cold report's narrow read (issue 23)", () => {
  it("gives every respondent field for field as the packed read", async () => {
    const before = { ...analysisReadStats };
    const narrow = await listAnalysisRespondents(demo.db, demo.study.id, own);
    const old = await packed(() => listAnalysisRespondents(demo.db, demo.study.id, own));
    expect(narrow.length).toBeGreaterThan(150);
    expect(narrow).toEqual(old);
    // Both ways ran (the narrow one on SQLite only).
    expect(analysisReadStats.packed - before.packed).toBe(demo.db.engine === "sqlite" ? 1 : 2);
    expect(analysisReadStats.narrow - before.narrow).toBe(demo.db.engine === "sqlite" ? 1 : 0);
    // The answer kinds were all there to compare.
    const kinds: Array<(r: (typeof narrow)[number]) => boolean> = [
      (r) => r.maxDiff.length > 0,
      (r) => r.prices !== null && r.prices.likelihoodCheap === null,
      (r) => r.prices !== null && r.prices.likelihoodCheap !== null,
      (r) => r.ladder.length === 2 && !r.ladder[0]!.buy,
      (r) => r.customerId !== null,
      (r) => r.invitationId !== null && r.customerId === null,
      (r) => Object.keys(r.worth).length > 0,
      (r) => r.considered.length > 0,
      (r) => r.profile["note"] !== undefined,
      (r) => r.review === "exclude",
      (r) => r.qualityShare === null,
      (r) => Object.keys(r.weights).length === 0,
      (r) => r.flags.length > 0,
    ];
    expect(kinds.map((kind) => narrow.some(kind))).toEqual(kinds.map(() => true));
  });

  const filters: ReportOptions[] = [
    { line: "weights", flagged: "out" },
    { line: "parity", flagged: "in" },
    { line: "weights", flagged: "out", segment: { question: "segment", value: "home" } },
    { line: "regression", flagged: "out", wave: 2 },
  ];
  it("gives the old read's cold report to 1e-9 under each filter, on the respondent pass and on sufficient statistics", async () => {
    for (const bootstrapUpTo of [BOOTSTRAP_UP_TO, 0]) {
      reportStatisticsSettings.bootstrapUpTo = bootstrapUpTo;
      try {
        for (const options of filters) {
          const narrow = await cold(options);
          const old = await packed(() => cold(options));
          expect(narrow.analysis).not.toBeNull();
          expectClose(narrow, old);
        }
      } finally {
        reportStatisticsSettings.bootstrapUpTo = BOOTSTRAP_UP_TO;
      }
    }
  }, 120_000);
});

/** A complete response without answers, ten minutes long, in the demo's rating questionnaire, inside `tx`. */
async function insertComplete(tx: Db, clientId: string, startedAt: number): Promise<void> {
  const [q] = await tx.rows<{ id: number }>(sql`select id from questionnaires where study_id = ${demo.study.id} and stage = 'rating' order by version desc`);
  await insertRow(tx, "responses", {
    client_id: clientId,
    questionnaire_id: Number(q!.id),
    status: "complete",
    offer_order: "[]",
    started_at: startedAt,
    updated_at: startedAt,
    completed_at: startedAt + 600_000,
  });
}

describe("the narrow read and group commit (issue 23)", () => {
  it.runIf(TEST_ENGINE === "sqlite")("waits for an open write batch's COMMIT instead of reading its uncommitted rows", async () => {
    const sqlite = demo.db.sqlite!;
    const order: string[] = [];
    const write = demo.db.transaction((tx) => insertComplete(tx, "cold-read-batch", Date.UTC(2026, 10, 4)));
    void write.then(() => order.push("committed"));
    // The body has run; its COMMIT waits for the end of the event loop's turn (group commit).
    for (let i = 0; i < 10 && !sqlite.inTransaction; i += 1) await Promise.resolve();
    expect(sqlite.inTransaction).toBe(true);
    const read = readAnalysisRespondents(demo.db, demo.study.id).then((rs) => {
      order.push("read");
      return rs;
    });
    const [, respondents] = await Promise.all([write, read]);
    expect(order).toEqual(["committed", "read"]);
    expect(respondents.some((r) => r.clientId === "cold-read-batch")).toBe(true);
  });

  it("reads inside a transaction through the transaction's own Db, its uncommitted rows included", async () => {
    const before = { ...analysisReadStats };
    const seen = await demo.db.transaction(async (tx) => {
      await insertComplete(tx, "cold-read-in-transaction", Date.UTC(2026, 10, 5));
      return readAnalysisRespondents(tx, demo.study.id);
    });
    expect(seen.some((r) => r.clientId === "cold-read-in-transaction")).toBe(true);
    // The packed read through the transaction's Db, not the narrow one.
    expect(analysisReadStats.packed - before.packed).toBe(1);
    expect(analysisReadStats.narrow - before.narrow).toBe(0);
  });
});
