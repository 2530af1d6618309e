import { describe, it, expect } from "vitest";
import { analyzeStudy } from "../../analysis";
import type { StudyAnalysisInput, StudyRespondent } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

/** method.md's worked example with the respondents' price research answers (price-research tests' hand cases). */
const priced = offers.map((o, k) => ({ ...o, price: [30, 25, 35][k] as number }));
const psm = [
  { tooCheap: 6, cheap: 7, expensive: 8, tooExpensive: 11 },
  { tooCheap: 1, cheap: 3, expensive: 4, tooExpensive: 6 },
  { tooCheap: 4, cheap: 7, expensive: 10, tooExpensive: 12 },
  { tooCheap: 6, cheap: 8, expensive: 10, tooExpensive: 13 },
];
const gg = [
  [{ price: 30, buy: true }, { price: 40, buy: true }, { price: 50, buy: false }],
  [{ price: 30, buy: false }, { price: 20, buy: true }],
  [{ price: 30, buy: true }, { price: 40, buy: false }],
  [{ price: 30, buy: false }, { price: 20, buy: false }, { price: 10, buy: true }],
];
const study: StudyRespondent[] = respondents.map((r, k) => ({
  ...r,
  priceSensitivity: psm[k] as (typeof psm)[number],
  gaborGranger: gg[k] as (typeof gg)[number],
  ...(k < 2 ? { chose: "birch", considered: ["aster", "birch"] } : {}),
}));
const base: StudyAnalysisInput = {
  offers: priced,
  attributes,
  respondents: study,
  priceResearch: { ladder: [10, 20, 30, 40, 50] },
  options: { bootstrap: false },
};
const report = analyzeStudy(base);

describe("analyzeStudy: map options (docs/method.md §5)", () => {
  it("places aster at Q = 110.2465 with mapReference market (value-map-options.test.ts hand calculation)", () => {
    const market = ok(analyzeStudy({ ...base, options: { bootstrap: false, mapReference: "market" } }).valueMap);
    expect([market.reference, market.points[0]?.quality]).toEqual(["market", expect.closeTo(110.246523, 5)]);
  });

  it("gives RP from actual prices: aster 100 * 30 / 30 = 100, birch 100 * 25 / 32.5 = 76.9231", () => {
    const map = ok(analyzeStudy({ ...base, options: { bootstrap: false, relativePriceFrom: "prices" } }).valueMap);
    expect([map.relativePriceFrom, map.points[0]?.relativePrice, map.points[1]?.relativePrice]).toEqual([
      "prices",
      expect.closeTo(100, 9),
      expect.closeTo(76.923077, 5),
    ]);
  });

  it("reports the quartile zone Q1 -6.8802, Q3 6.5528 with band quartiles", () => {
    const map = ok(analyzeStudy({ ...base, options: { bootstrap: false, band: "quartiles" } }).valueMap);
    expect(map.fairZone).toEqual({ kind: "quartiles", lower: expect.closeTo(-6.88015, 3), upper: expect.closeTo(6.5528, 3) });
  });
});

describe("analyzeStudy: difference method and delivered value (docs/method.md §4 (d), (e))", () => {
  it("uses the standard error as the default threshold: aster vs birch on reliability 0.75", () => {
    const difference = ok(report.differenceMethod);
    expect([difference.threshold, difference.quality.rows[0]?.byCompetitor[0]?.threshold]).toEqual(["standard-error", expect.closeTo(0.75, 12)]);
  });

  it("gives the difference method for every offer (birch 113.125 and 130 at threshold 0)", () => {
    const byOffer = analyzeStudy({ ...base, options: { bootstrap: false, threshold: 0 } }).differenceMethodByOffer;
    const birch = ok(byOffer[1]?.result ?? { ok: false, reason: "missing" });
    expect([byOffer.map((x) => x.offerId), birch.relativeBenefit, birch.relativeCost]).toEqual([
      ["aster", "birch", "cedar"],
      expect.closeTo(113.125, 10),
      expect.closeTo(130, 10),
    ]);
  });

  it("gives the relative delivered value Q - RP = 117.2540 - 107.6159", () => {
    const delivered = ok(report.relativeDeliveredValue);
    expect(delivered.deliveredValue).toBeCloseTo(9.638093, 5);
  });
});

describe("analyzeStudy: importance, won/lost reasons, gap tests", () => {
  it("puts the stated weights in quadrants against aster's ratios", () => {
    // 40, 25, 23.75, 11.25 (mean 25) against 1.2692, 1.0244, 1.3421, 0.8.
    expect(ok(report.importancePerformance.stated).attributes.map((a) => a.quadrant)).toEqual(["keep", "keep", "over-invested", "low-priority"]);
  });

  it("says why derived importance is missing without overall ratings", () => {
    expect(report.importancePerformance.derived).toEqual({ ok: false, reason: "too-few-observations" });
  });

  it("weights the reasons of respondents 1 and 2, lost to birch: comfort 0.05, purchase 0.95", () => {
    const reasons = ok(report.wonLostReasons);
    expect([reasons.quality.map((x) => [x.id, x.impact]), reasons.price.map((x) => [x.id, x.impact])]).toEqual([
      [["comfort", expect.closeTo(0.05, 12)]],
      [["purchase", expect.closeTo(0.95, 12)]],
    ]);
  });

  it("tests aster's reliability gap against the competitors: p 0.0298 (attribute-gap-tests.test.ts)", () => {
    const reliability = ok(report.gapTests).attributes[0];
    expect(reliability).toMatchObject({ ok: true, test: "welch-t", p: expect.closeTo(0.0298129, 6) });
  });
});

describe("analyzeStudy: price research (docs/method.md §8)", () => {
  it("finds PMC 6.5 and PME 9 from the respondents' Van Westendorp answers", () => {
    const meter = ok(report.priceResearch.vanWestendorp);
    expect(meter.range).toEqual({ ok: true, lower: expect.closeTo(6.5, 10), upper: expect.closeTo(9, 10) });
  });

  it("finds the Gabor–Granger revenue-maximising price on the ladder", () => {
    // willing up to 40, 20, 30, 10: demand 10: 1, 20: .75, 30: .5, 40: .25, 50: 0;
    // revenue 10, 15, 15, 10, 0 -> 20 (the lower of the tie).
    expect(ok(report.priceResearch.gaborGranger).revenueMaximising.price).toBe(20);
  });

  it("says there are no Newton–Miller–Smith answers without likelihoods", () => {
    expect(report.priceResearch.newtonMillerSmith).toEqual({ ok: false, reason: "no-answers" });
  });
});

describe("analyzeStudy: MaxDiff shares as the respondents' weights (docs/method.md §7)", () => {
  const maxDiff = (best: string, worst: string) => [
    { items: ["reliability", "comfort", "service", "styling"], best, worst },
    { items: ["styling", "service", "comfort", "reliability"], best, worst },
    { items: ["comfort", "reliability", "styling", "service"], best, worst },
  ];
  const withMaxDiff = study.map((r, k) => ({ ...r, maxDiff: k % 2 === 0 ? maxDiff("reliability", "styling") : maxDiff("service", "comfort") }));
  const md = analyzeStudy({ ...base, respondents: withMaxDiff, options: { bootstrap: false, weightsFrom: "maxdiff" } });

  it("replaces the quality weights by the mean of the respondents' MaxDiff shares", () => {
    // aggregateWeights averages each respondent's weights normalised to 100; MaxDiff shares sum to 100.
    const utilities = ok(md.maxDiff).utilities;
    if (!utilities.ok) throw new Error("utilities expected");
    const meanShare = (id: string) => utilities.respondents.reduce((s, r) => s + (r.shares[id] ?? 0), 0) / utilities.respondents.length;
    const weights = md.weights;
    if ("ok" in weights) throw new Error("weights expected");
    expect(["reliability", "comfort", "service", "styling"].map((id) => weights.weights[id])).toEqual(
      ["reliability", "comfort", "service", "styling"].map((id) => expect.closeTo(meanShare(id), 9)),
    );
  });

  it("counts best and worst: each item shown 12 times; reliability and service best 6 times, comfort and styling worst 6", () => {
    // respondents 1 and 3: best reliability, worst styling in 3 tasks; 2 and 4: best service, worst comfort.
    const counts = ok(md.maxDiff).counts.items;
    expect(counts.map((c) => [c.id, c.score])).toEqual([
      ["reliability", 0.5],
      ["comfort", -0.5],
      ["service", 0.5],
      ["styling", -0.5],
    ]);
  });

  it("keeps the stated weights without weightsFrom maxdiff", () => {
    const weights = analyzeStudy({ ...base, respondents: withMaxDiff, options: { bootstrap: false } }).weights;
    if ("ok" in weights) throw new Error("weights expected");
    expect(weights.weights.reliability).toBeCloseTo(40, 10);
  });
});

describe("analyzeStudy: summary input", () => {
  it("says summary-input for the respondent-level sections", () => {
    const summary = analyzeStudy({
      offers: priced,
      attributes,
      summary: {
        weights: { reliability: 40, comfort: 25, service: 23.75, styling: 11.25, purchase: 70, running: 30 },
        qualityShare: 60,
        means: { aster: { reliability: 8.25, comfort: 7, service: 8.5, styling: 6, purchase: 6, running: 8 } },
      },
    });
    const reason = { ok: false, reason: "summary-input" };
    expect([summary.maxDiff, summary.wonLostReasons, summary.gapTests, summary.priceResearch.vanWestendorp]).toEqual([reason, reason, reason, reason]);
  });
});
