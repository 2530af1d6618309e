import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIncluded } from "../../../analysis/index";
import { publishRating } from "../../../app/lib/design/publish.server";
import { saveMethods } from "../../../app/lib/design/study-methods.server";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { listAnalysisRespondents } from "../../../db/queries/analysis-respondents";
import { insertMethodAnswers } from "../../../db/queries/method-answers";
import { getLatestQuestionnaire } from "../../../db/queries/questionnaires";
import { listAttributes, listOffers } from "../../../db/queries/studies";
import { StudyMethodsSchema } from "../../../surveys/study-methods";
import { demoDb } from "../demo-db";

/**
 * The report reads the research methods frozen with the published version the responses were
 * collected under, not the current draft (issue 19). The demo is republished (version 2) with
 * MaxDiff for quality and the price block; its responses are moved under version 2 as if
 * collected with it, and two analysed respondents answer two MaxDiff tasks each.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
const report = () => loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
const withMaxDiff = StudyMethodsSchema.parse({
  importance: { rating: { quality: "maxdiff" } },
  priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [20, 30] },
});
const pointsOnly = StudyMethodsSchema.parse({});

beforeAll(async () => {
  demo = await demoDb();
  const userId = demo.study.ownerId;
  await saveMethods(demo.db, demo.study, userId, withMaxDiff);
  expect((await publishRating(demo.db, demo.study, userId, { confirmed: true })).ok).toBe(true);
  const v2 = (await getLatestQuestionnaire(demo.db, demo.study.id))!;
  expect(v2.version).toBe(2);
  await demo.db.run(
    sql`update responses set questionnaire_id = ${v2.id} where questionnaire_id in (select id from questionnaires where study_id = ${demo.study.id} and stage = 'rating' and version = 1)`,
  );
  const own = (await listOffers(demo.db, demo.study.id)).find((o) => o.isOwn)!.code;
  const analysed = (await listAnalysisRespondents(demo.db, demo.study.id, own)).filter((r) => isIncluded(r.flags, r.review, "out"));
  const [a, b, c, d] = (await listAttributes(demo.db, demo.study.id)).filter((x) => x.kind === "quality").map((x) => x.code);
  for (const r of analysed.slice(0, 2)) {
    await insertMethodAnswers(demo.db, r.id, {
      maxDiff: [
        { kind: "quality", task: 1, items: [a!, b!, c!, d!], best: a!, worst: d! },
        { kind: "quality", task: 2, items: [d!, c!, a!, b!], best: a!, worst: d! },
      ],
      prices: null,
      ladder: [],
    });
  }
  reportCache.clear();
});
afterAll(() => demo.cleanup());

describe("the report's methods are those frozen at publication (service)", () => {
  it("shows MaxDiff shares and the price block for responses collected under a version that asked them", async () => {
    const r = await report();
    expect(r.methods.source).toEqual({ version: 2, mixed: false });
    expect(r.methods.maxDiff).not.toBeNull();
    expect(r.methods.price).toEqual({ currency: "EUR", ladder: true });
    const m = r.analysis!.maxDiff;
    expect(m.ok && m.kind).toBe("quality");
    expect(m.ok && m.utilities.ok && m.utilities.respondents.length).toBe(2);
  });

  it("keeps MaxDiff after the draft switches back to points, and after a new version nobody answered yet", async () => {
    await saveMethods(demo.db, demo.study, demo.study.ownerId, pointsOnly);
    const draftChanged = await report();
    expect(draftChanged.methods.source).toEqual({ version: 2, mixed: false });
    expect(draftChanged.methods.maxDiff).not.toBeNull();
    expect(draftChanged.methods.price).toEqual({ currency: "EUR", ladder: true });
    const m = draftChanged.analysis!.maxDiff;
    expect(m.ok && m.utilities.ok && m.utilities.respondents.length).toBe(2);

    expect((await publishRating(demo.db, demo.study, demo.study.ownerId, { confirmed: true })).ok).toBe(true);
    const republished = await report();
    expect(republished.methods.source).toEqual({ version: 2, mixed: false });
    expect(republished.methods.maxDiff).not.toBeNull();
  });

  it("says so when the responses span versions with different methods, and uses the newest of them", async () => {
    const v3 = (await getLatestQuestionnaire(demo.db, demo.study.id))!;
    expect(v3.version).toBe(3);
    await demo.db.run(
      sql`update responses set questionnaire_id = ${v3.id} where id = (select max(r.id) from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${demo.study.id} and q.stage = 'rating')`,
    );
    const mixed = await report();
    expect(mixed.methods.source).toEqual({ version: 3, mixed: true });
    expect(mixed.methods.maxDiff).toBeNull();
    expect(mixed.methods.price).toBeNull();
  });
});
