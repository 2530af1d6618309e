import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAnalysisRespondents } from "../../../db/queries/analysis-respondents";
import { setResponseReview } from "../../../db/queries/response-review";
import { listAttributes, listOffers } from "../../../db/queries/studies";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { respondentStoreStats, storedRespondents } from "../../../app/lib/report/report-respondent-store.server";
import { reportDataVersion } from "../../../db/queries/report-data";
import { reuseStats } from "../../../app/lib/report/report-reuse.server";
import { filterPassesStats } from "../../../app/lib/report/report-filter-passes.server";
import { reportStatisticsSettings, reportStatisticsStats } from "../../../app/lib/report/report-statistics.server";
import { BOOTSTRAP_UP_TO } from "../../../app/lib/report/report-intervals";
import type { ReportOptions } from "../../../app/lib/report/report-options.server";
import { demoDb } from "../demo-db";
import { insertRow, insertRows } from "../../db/fixtures";
import { expectClose } from "../../helpers/expect-close";

/**
 * Issue 23, the incremental report: after completions, exclusions and inclusions the report
 * catches its held respondents up by difference (app/lib/report/report-respondent-store.server.ts)
 * instead of reading them all again. Over random sequences of those events and random filters
 * (segment, wave, flagged in/out), the figures it gives must equal a full recomputation (every
 * cache dropped, every response read afresh) to 1e-9, and the held respondents must equal a
 * fresh read field for field (flags included: the speeder median and the duplicates' originals
 * move with every new response).
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let questionnaireId = 0;
let offers: string[] = [];
let attributes: string[] = [];
let own = "";
let serial = 0;
beforeAll(async () => {
  demo = await demoDb();
  const [q] = await demo.db.rows<{ id: number }>(
    sql`select id from questionnaires where study_id = ${demo.study.id} and stage = 'rating' order by version desc`,
  );
  questionnaireId = Number(q!.id);
  const offerRows = await listOffers(demo.db, demo.study.id);
  offers = offerRows.map((o) => o.code);
  own = offerRows.find((o) => o.isOwn)!.code;
  attributes = (await listAttributes(demo.db, demo.study.id)).map((a) => a.code);
});
afterAll(() => demo.cleanup());

/** A response to add: its answers drawn by fast-check; `draft` ones complete later (a lower id completing after higher ones). */
const responseArb = fc.record({
  wave: fc.constantFrom(1, 2),
  segment: fc.constantFrom("home", "office", null),
  // A device shared with the demo's or another new response: the duplicate flag moves.
  device: fc.constantFrom("demo-device-001", "demo-device-040", "shared-a", "shared-b", null, null, null),
  // Seconds: a few are speeders against the study's median, some far slower (the median moves),
  // and many near a third of it, so a new response flips the speeder flag of an earlier one
  // (the flags are caught up by difference: app/lib/report/report-quality-state.server.ts).
  seconds: fc.oneof(fc.constantFrom(15, 60, 300, 420, 600, 3600), fc.integer({ min: 30, max: 400 })),
  qualityShare: fc.integer({ min: 20, max: 80 }),
  knowsCompetitors: fc.boolean(),
  straight: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  draft: fc.boolean(),
});
type NewResponse = typeof responseArb extends fc.Arbitrary<infer T> ? T : never;

const eventArb = fc.oneof(
  { weight: 3, arbitrary: responseArb.map((r) => ({ kind: "complete" as const, response: r })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "finish-draft" as const, pick })) },
  {
    weight: 2,
    arbitrary: fc.record({ pick: fc.nat(), review: fc.constantFrom("include" as const, "exclude" as const, null) }).map((r) => ({ kind: "review" as const, ...r })),
  },
);

const optionsArb: fc.Arbitrary<ReportOptions> = fc.record({
  segment: fc.constantFrom(undefined, { question: "segment", value: "home" }, { question: "segment", value: "office" }),
  wave: fc.constantFrom(undefined, 1, 2),
  flagged: fc.constantFrom("in" as const, "out" as const),
}).map(({ segment, wave, flagged }) => ({ line: "weights", flagged, ...(segment ? { segment } : {}), ...(wave !== undefined ? { wave } : {}) }));

/** Inserts one response through SQL (as a draft, or complete), with its answers. */
async function insert(r: NewResponse): Promise<number> {
  serial += 1;
  const completedAt = Date.UTC(2026, 10, 2) + serial * 60_000;
  const id = await insertRow(demo.db, "responses", {
    client_id: `incremental-${serial}`,
    questionnaire_id: questionnaireId,
    status: r.draft ? "draft" : "complete",
    offer_order: "[]",
    quality_share: r.qualityShare,
    device_id: r.device,
    wave: r.wave,
    started_at: completedAt - r.seconds * 1000,
    updated_at: completedAt,
    completed_at: r.draft ? null : completedAt,
  });
  let x = r.seed;
  const next = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) % 10) + 1;
  const known = offers.filter((o) => o === own || r.knowsCompetitors);
  await insertRows(demo.db, "response_weights", ["response_id", "attribute_code", "weight"], attributes.map((a, i) => [id, a, i === 0 ? 40 : 10]));
  await insertRows(demo.db, "response_ratings", ["response_id", "offer_code", "attribute_code", "score"],
    known.flatMap((o) => attributes.map((a) => [id, o, a, r.straight ? 7 : next()])));
  await insertRows(demo.db, "response_offers", ["response_id", "offer_code", "position", "known", "overall", "chose"],
    known.map((o, i) => [id, o, i, true, next(), i === 0]));
  if (r.segment) await insertRows(demo.db, "response_profile", ["response_id", "question_code", "value"], [[id, "segment", r.segment]]);
  return id;
}

type Event = typeof eventArb extends fc.Arbitrary<infer E> ? E : never;

async function apply(event: Event): Promise<void> {
  if (event.kind === "complete") {
    await insert(event.response);
  } else if (event.kind === "finish-draft") {
    const drafts = await demo.db.rows<{ id: number; startedAt: number }>(
      sql`select id, started_at as "startedAt" from responses where questionnaire_id = ${questionnaireId} and status = 'draft' order by id`,
    );
    const draft = drafts[event.pick % Math.max(1, drafts.length)];
    if (draft) await demo.db.run(sql`update responses set status = 'complete', completed_at = updated_at where id = ${Number(draft.id)}`);
  } else {
    const complete = await demo.db.rows<{ id: number }>(
      sql`select id from responses where questionnaire_id = ${questionnaireId} and status = 'complete' order by id`,
    );
    const picked = complete[event.pick % complete.length]!;
    await setResponseReview(demo.db, { studyId: demo.study.id, responseId: Number(picked.id), review: event.review });
  }
}

/**
 * The property: over random steps (events, each followed by a report, then a report under random
 * filters), the incremental report equals `fullReport`'s and the held respondents a fresh read.
 */
async function incrementalEqualsFull(
  runs: { numRuns: number; seed: number },
  fullReport: (options: ReportOptions) => ReturnType<typeof loadReport>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.array(eventArb, { minLength: 1, maxLength: 3 }), optionsArb), { minLength: 1, maxLength: 4 }), async (steps) => {
      for (const [events, options] of steps) {
        // Each event followed by a report: the held respondents catch up once per event.
        for (const event of events) {
          await apply(event);
          await loadReport(demo.db, demo.study, "en", options);
        }
        const incremental = await loadReport(demo.db, demo.study, "en", options);
        const held = await storedRespondents(demo.db, demo.study.id, own, await reportDataVersion(demo.db, demo.study.id));
        const fresh = await listAnalysisRespondents(demo.db, demo.study.id, own);
        expect(held).toEqual(fresh);

        const full = await fullReport(options);
        expectClose(incremental, full);
        // Back to a store caught up by difference for the next step: the full read above
        // refilled it, the next event moves it on.
      }
    }),
    runs,
  );
}

/** Every cache dropped, every response read afresh, the figures computed again. */
async function recomputed(options: ReportOptions) {
  reportCache.clear();
  return loadReport(demo.db, demo.study, "en", options);
}

describe("the incremental report (issue 23)", () => {
  it("gives a full recomputation's figures after any sequence of completions, exclusions and inclusions, under any filter", async () => {
    const caughtUpBefore = respondentStoreStats.caughtUp;
    const patchedBefore = respondentStoreStats.flagsPatched;
    const followedBefore = filterPassesStats.followed;
    const reusedBefore = reuseStats.reused;
    await incrementalEqualsFull({ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 6), seed: Number(process.env.INCREMENTAL_SEED ?? 23) }, recomputed);
    // The property ran on the catch-up path, not on full reads only.
    expect(respondentStoreStats.caughtUp).toBeGreaterThan(caughtUpBefore);
    // ...the flags of the new responses caught up by difference, not recomputed over all.
    expect(respondentStoreStats.flagsPatched).toBeGreaterThan(patchedBefore);
    // ...and the report's passes (segment counts, waves, the segment's respondents) followed them.
    expect(filterPassesStats.followed).toBeGreaterThan(followedBefore);
    // ...and figures were reused (an event outside the filter), still equal to a full recomputation.
    expect(reuseStats.reused).toBeGreaterThan(reusedBefore);
  }, 600_000);

  it("gives the respondent pass's figures from sufficient statistics caught up by difference (the path above the bootstrap threshold)", async () => {
    // Every analysis on the delta method, so the demo's few respondents take the statistics path;
    // the full recomputation runs analyzeStudy over every respondent (statistics off).
    reportStatisticsSettings.bootstrapUpTo = 0;
    const before = { ...reportStatisticsStats };
    try {
      const runs = { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 20), seed: Number(process.env.INCREMENTAL_SEED ?? 23) + 1 };
      await incrementalEqualsFull(runs, async (options) => {
        reportStatisticsSettings.enabled = false;
        try {
          return await recomputed(options);
        } finally {
          reportStatisticsSettings.enabled = true;
        }
      });
    } finally {
      reportStatisticsSettings.bootstrapUpTo = BOOTSTRAP_UP_TO;
    }
    // The analyses came from statistics, patched respondent by respondent in both directions.
    expect(reportStatisticsStats.analysed).toBeGreaterThan(before.analysed);
    expect(reportStatisticsStats.added).toBeGreaterThan(before.added);
    expect(reportStatisticsStats.removed).toBeGreaterThan(before.removed);
    // ...from the changes the report's passes handed on, without comparing every respondent.
    expect(reportStatisticsStats.byChanges).toBeGreaterThan(before.byChanges);
  }, 600_000);

  it("keeps the wave-1 analysis when a response completes in wave 2, and recomputes it for one in wave 1", async () => {
    const wave1 = { line: "weights" as const, flagged: "out" as const, wave: 1 };
    const before = await loadReport(demo.db, demo.study, "en", wave1);
    const computed = reuseStats.computed;
    await insert({ wave: 2, segment: "office", device: null, seconds: 420, qualityShare: 60, knowsCompetitors: true, straight: false, seed: 11, draft: false });
    const after = await loadReport(demo.db, demo.study, "en", wave1);
    expect(after.analysis).not.toBeNull();
    expect(after.analysis).toEqual(before.analysis);
    // The analysis and wave 1's positions reused; wave 2's positions computed afresh.
    expect(reuseStats.computed - computed).toBe(1);
    expect(after.counts.analysed).toBe(before.counts.analysed);
    await insert({ wave: 1, segment: "office", device: null, seconds: 420, qualityShare: 60, knowsCompetitors: true, straight: false, seed: 12, draft: false });
    const third = await loadReport(demo.db, demo.study, "en", wave1);
    expect(third.counts.analysed).toBe(before.counts.analysed + 1);
    reportCache.clear();
    expectClose(third, await loadReport(demo.db, demo.study, "en", wave1));
  }, 120_000);

  it("reads only the new response after a completion, and no response after a review decision", async () => {
    await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    const before = { ...respondentStoreStats };
    const id = await insert({ wave: 2, segment: "home", device: null, seconds: 420, qualityShare: 50, knowsCompetitors: true, straight: false, seed: 7, draft: false });
    await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    expect(respondentStoreStats.newlyRead - before.newlyRead).toBe(1);
    expect(respondentStoreStats.read).toBe(before.read);
    await setResponseReview(demo.db, { studyId: demo.study.id, responseId: id, review: "exclude" });
    const report = await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    expect(respondentStoreStats.newlyRead - before.newlyRead).toBe(1);
    expect(respondentStoreStats.caughtUp - before.caughtUp).toBe(2);
    expect(respondentStoreStats.read).toBe(before.read);
    reportCache.clear();
    expectClose(report, await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" }));
  }, 120_000);

  it("catches up once when two reports ask for a new version at the same time (one catch-up after the other)", async () => {
    await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    const before = { ...respondentStoreStats };
    await insert({ wave: 1, segment: "home", device: "shared-a", seconds: 420, qualityShare: 50, knowsCompetitors: true, straight: false, seed: 3, draft: false });
    await insert({ wave: 2, segment: "office", device: "shared-a", seconds: 60, qualityShare: 40, knowsCompetitors: true, straight: false, seed: 4, draft: false });
    const version = await reportDataVersion(demo.db, demo.study.id);
    const [a, b] = await Promise.all([
      storedRespondents(demo.db, demo.study.id, own, version),
      storedRespondents(demo.db, demo.study.id, own, version),
    ]);
    // The second waited for the first and found its version held: the two new responses read once.
    expect(b).toBe(a);
    expect(respondentStoreStats.newlyRead - before.newlyRead).toBe(2);
    expect(respondentStoreStats.caughtUp - before.caughtUp).toBe(1);
    expect(a).toEqual(await listAnalysisRespondents(demo.db, demo.study.id, own));
  }, 120_000);

  it("reads every response afresh when the study's offers change (the store never patches across a design edit)", async () => {
    await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    const read = respondentStoreStats.read;
    await demo.db.run(sql`update offers set market_share = 0.31 where study_id = ${demo.study.id} and code = ${own}`);
    const report = await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    expect(respondentStoreStats.read).toBe(read + 1);
    reportCache.clear();
    expectClose(report, await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" }));
  }, 120_000);
});
