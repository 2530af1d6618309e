import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIncluded } from "../../../analysis/index";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { listAnalysisRespondents } from "../../../db/queries/analysis-respondents";
import { insertMethodAnswers } from "../../../db/queries/method-answers";
import { listAttributes, listOffers } from "../../../db/queries/studies";
import { setPublishedMethods } from "../../helpers/published-methods";
import { StudyMethodsSchema } from "../../../surveys/study-methods";
import { demoDb } from "../demo-db";

/**
 * The report's MaxDiff and price research figures (issue 19) from respondents' answers stored
 * beside their responses, on the demo study with the methods switched on. Two analysed
 * respondents answer the price block (the others have none):
 *   R1: too cheap 10, cheap 20, expensive 30, too expensive 40; likelihood 5 at cheap, 3 at expensive; ladder 30 yes, 50 yes
 *   R2: too cheap 20, cheap 30, expensive 40, too expensive 50; likelihood 4 at cheap, 2 at expensive; ladder 30 no, 20 yes
 * By hand (method-more.md §4), at the observed prices 10, 20, 30, 40, 50:
 *   TC (share ≥ p) 1, .5, 0, 0, 0; C 1, 1, .5, 0, 0 so 1 − C 0, 0, .5, 1, 1;
 *   E (share ≤ p) 0, 0, .5, 1, 1 so 1 − E 1, 1, .5, 0, 0; TE 0, 0, 0, .5, 1.
 *   PMC = TC ∩ (1 − C): +.5 at 20, −.5 at 30 → 25. PME = TE ∩ (1 − E): −.5 at 30, +.5 at 40 → 35.
 *   OPP = TC ∩ TE: +.5 at 20, 0 at 30 → 30. IPP = C ∩ E: 1 at 20, 0 at 30 → 30. Range [25, 35].
 * Newton–Miller–Smith (5→.7, 4→.5, 3→.3, 2→.1): between 20 and 30, R1 falls .7→.3, R2 is .5:
 *   D(p) = (.7 − .04(p − 20) + .5) / 2 = 1 − .02p; revenue p − .02p² peaks at p = 25 (12.5,
 *   above 12 at 20 and 30); demand peaks at 20 (.6 = (.7 + .5) / 2).
 * Gabor–Granger on ladder 20, 30, 50: R1 yes at 30 and 50 (so yes at 20), R2 yes at 20, no at 30
 *   (so no at 50): demand 1, .5, .5; revenue 20, 15, 25 → 50.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let quality: string[] = [];
beforeAll(async () => {
  demo = await demoDb();
  const own = (await listOffers(demo.db, demo.study.id)).find((o) => o.isOwn)!.code;
  const analysed = (await listAnalysisRespondents(demo.db, demo.study.id, own)).filter((r) => isIncluded(r.flags, r.review, "out"));
  quality = (await listAttributes(demo.db, demo.study.id)).filter((a) => a.kind === "quality").map((a) => a.code);
  await setPublishedMethods(
    demo.db,
    demo.study.id,
    StudyMethodsSchema.parse({
      importance: { rating: { quality: "maxdiff" } },
      priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [20, 30, 50] },
    }),
    Date.UTC(2026, 10, 2),
  );
  const [r1, r2] = analysed;
  const [a, b, c, d] = quality;
  // Both put the first quality attribute first and the fourth last in every task.
  const tasks = [
    { kind: "quality" as const, task: 1, items: [a!, b!, c!, d!], best: a!, worst: d! },
    { kind: "quality" as const, task: 2, items: [d!, c!, a!, b!], best: a!, worst: d! },
  ];
  await insertMethodAnswers(demo.db, r1!.id, {
    maxDiff: tasks,
    prices: { tooCheap: 10, cheap: 20, expensive: 30, tooExpensive: 40, likelihoodCheap: 5, likelihoodExpensive: 3 },
    ladder: [{ price: 30, buy: true }, { price: 50, buy: true }],
  });
  await insertMethodAnswers(demo.db, r2!.id, {
    maxDiff: tasks,
    prices: { tooCheap: 20, cheap: 30, expensive: 40, tooExpensive: 50, likelihoodCheap: 4, likelihoodExpensive: 2 },
    ladder: [{ price: 30, buy: false }, { price: 20, buy: true }],
  });
  reportCache.clear();
});
afterAll(() => demo.cleanup());

describe("the report's research methods (service)", () => {
  it("computes Van Westendorp, Newton–Miller–Smith and Gabor–Granger from the respondents' price answers", async () => {
    const report = await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    expect(report.methods.price).toEqual({ currency: "EUR", ladder: true });
    const { vanWestendorp: psm, newtonMillerSmith: nms, gaborGranger: gg } = report.analysis!.priceResearch;
    expect(psm.ok && { n: psm.n, pmc: psm.pmc, pme: psm.pme, opp: psm.opp, ipp: psm.ipp, range: psm.range }).toEqual({
      n: 2,
      pmc: { ok: true, price: 25 },
      pme: { ok: true, price: 35 },
      opp: { ok: true, price: 30 },
      ipp: { ok: true, price: 30 },
      range: { ok: true, lower: 25, upper: 35 },
    });
    expect(nms.ok && nms.n).toBe(2);
    expect(nms.ok && nms.demandMaximising.price).toBe(20);
    expect(nms.ok && nms.demandMaximising.demand).toBeCloseTo(0.6, 9);
    expect(nms.ok && nms.revenueMaximising.price).toBeCloseTo(25, 6);
    expect(nms.ok && nms.revenueMaximising.revenue).toBeCloseTo(12.5, 6);
    expect(gg.ok && gg.curve.map((c) => [c.price, c.demand])).toEqual([
      [20, 1],
      [30, 0.5],
      [50, 0.5],
    ]);
    expect(gg.ok && gg.revenueMaximising.price).toBe(50);
  });

  it("gives MaxDiff shares of the quality attributes beside their stated weights", async () => {
    const report = await loadReport(demo.db, demo.study, "zh-CN", { line: "weights", flagged: "out" });
    const m = report.analysis!.maxDiff;
    expect(m.ok && m.kind).toBe("quality");
    const items = m.ok && m.utilities.ok ? m.utilities.items : [];
    expect(m.ok && m.utilities.ok && m.utilities.respondents.length).toBe(2);
    // Shares sum to 100; always best beats everything, always worst is last.
    expect(items.reduce((s, i) => s + i.share, 0)).toBeCloseTo(100, 6);
    const byShare = [...items].sort((x, y) => y.share - x.share).map((i) => i.id);
    expect(byShare[0]).toBe(quality[0]);
    expect(byShare.at(-1)).toBe(quality[3]);
    // The stated weights of the kind: every quality attribute, summing to 100.
    const stated = report.methods.maxDiff!.stated;
    expect(Object.keys(stated).sort()).toEqual([...quality].sort());
    expect(Object.values(stated).reduce((s, v) => s + v, 0)).toBeCloseTo(100, 6);
  });
});

describe("MaxDiff of both kinds in the report (service)", () => {
  it("analyses quality and price tasks each on its own, each kind's shares summing to 100, with both kinds' stated weights", async () => {
    const own = (await listOffers(demo.db, demo.study.id)).find((o) => o.isOwn)!.code;
    const analysed = (await listAnalysisRespondents(demo.db, demo.study.id, own)).filter((r) => isIncluded(r.flags, r.review, "out"));
    const price = (await listAttributes(demo.db, demo.study.id)).filter((a) => a.kind === "price").map((a) => a.code);
    expect(price.length).toBeGreaterThanOrEqual(3);
    await setPublishedMethods(
      demo.db,
      demo.study.id,
      StudyMethodsSchema.parse({
        importance: { rating: { quality: "maxdiff", price: "maxdiff" } },
        priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [20, 30, 50] },
      }),
      Date.UTC(2026, 10, 3),
    );
    const [p, q, r] = price;
    // Both respondents put the first price attribute first and the third last in both tasks.
    const tasks = [
      { kind: "price" as const, task: 1, items: [p!, q!, r!], best: p!, worst: r! },
      { kind: "price" as const, task: 2, items: [r!, p!, q!], best: p!, worst: r! },
    ];
    for (const respondent of analysed.slice(0, 2)) await insertMethodAnswers(demo.db, respondent.id, { maxDiff: tasks });
    reportCache.clear();

    const report = await loadReport(demo.db, demo.study, "en", { line: "weights", flagged: "out" });
    expect(report.methods.maxDiff!.kinds).toEqual(["quality", "price"]);
    const byKind = report.analysis!.maxDiffByKind;
    for (const [kind, codes, best, worst] of [
      ["quality", quality, quality[0], quality[3]],
      ["price", price.slice(0, 3), p, r],
    ] as const) {
      const m = byKind[kind];
      const items = m.ok && m.utilities.ok ? m.utilities.items : [];
      expect(items.map((i) => i.id).sort(), kind).toEqual([...codes].sort());
      expect(items.reduce((s, i) => s + i.share, 0), kind).toBeCloseTo(100, 6);
      const order = [...items].sort((x, y) => y.share - x.share).map((i) => i.id);
      expect(order[0], kind).toBe(best);
      expect(order.at(-1), kind).toBe(worst);
    }
    // Stated weights of both kinds: 100 within quality and 100 within price.
    const stated = report.methods.maxDiff!.stated;
    expect(Object.keys(stated).sort()).toEqual([...quality, ...price].sort());
    expect(quality.reduce((s, c) => s + stated[c]!, 0)).toBeCloseTo(100, 6);
    expect(price.reduce((s, c) => s + stated[c]!, 0)).toBeCloseTo(100, 6);
  });
});
