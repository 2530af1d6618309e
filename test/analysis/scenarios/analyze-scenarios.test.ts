import { describe, expect, it } from "vitest";
import { analyzeScenarios, analyzeStudy, type StudyAnalysisInput } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { ok } from "../helpers";

/**
 * `analyze`'s scenarios on the worked example of docs/method.md §12: weights 40 25 23.75 11.25
 * / 70 30, q = 60, Q = 117.254 (contributions 50.7692 25.6098 31.875 9.0), S = 92.9231,
 * V = 107.5216; map (weights line, slope 1.5): birch Q 102.4081, aster v +18.2651. Reliability
 * means: aster 8.25, birch 7, cedar 6. Prices added: aster 120, birch 100, cedar 80; shares 34,
 * 41, 25 (no respondent has a last purchase, so β is fitted to the shares).
 */
const input: StudyAnalysisInput = {
  offers: offers.map((o) => ({ ...o, price: { aster: 120, birch: 100, cedar: 80 }[o.id] as number, share: { aster: 34, birch: 41, cedar: 25 }[o.id] as number })),
  attributes,
  respondents,
  options: { bootstrap: { replicates: 200, seed: 1 } },
};
const report = analyzeStudy(input);
const scenarios = analyzeScenarios(input, report, [
  { name: "reliability", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }] },
  { name: "answer", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }], respond: [{ competitor: "birch", copies: "aster" }] },
  { name: "price", changes: [{ offer: "aster", priceFactor: 0.9 }] },
]);

describe("analyzeScenarios (the analyze command's options.scenarios)", () => {
  it("moves the own Q by 40 · 0.5 / 6.5 = 3.0769 to 120.3309, S unchanged, V by 0.6 · 3.0769 to 109.3678", () => {
    const s = ok(scenarios.reliability!);
    expect(ok(s.qualityProfile).score).toBeCloseTo(117.254 + 3.0769231, 3);
    expect(ok(s.priceProfile).score).toBeCloseTo(92.9231, 4);
    // V = (60 Q + 40 S) / 100 = (60 · 120.3309 + 40 · 92.9231) / 100
    expect(ok(s.valueScore).value).toBeCloseTo(109.3678, 3);
  });

  it("redraws every point: birch's Q falls by 40 · 7 / 7.375 − 40 · 7 / 7.125 = −1.3321, aster's v rises by 1.5 · 3.0769 to 22.8805", () => {
    const map = ok(ok(scenarios.reliability!).valueMap);
    expect(map.points.find((p) => p.offer === "birch")!.quality).toBeCloseTo(102.4081 - 1.3321, 3);
    expect(map.points.find((p) => p.offer === "aster")!.value).toBeCloseTo(18.2651 + 1.5 * 3.0769231, 3);
  });

  it("lets birch copy the change: aster's reliability ratio becomes 8.75 / ((7.5 + 6) / 2), Q = 117.254 − 50.7692 + 51.8519 = 118.3366", () => {
    const s = ok(scenarios.answer!);
    expect(s.changes.map((c) => [c.offer, c.source, c.applied && c.from, c.applied && c.to])).toEqual([
      ["aster", "change", 8.25, 8.75],
      ["birch", "response", 7, 7.5],
    ]);
    expect(ok(s.qualityProfile).score).toBeCloseTo(118.3366, 3);
  });

  it("moves the actual price 120 → 108 without moving a price-satisfaction map", () => {
    const s = ok(scenarios.price!);
    expect(s.changes).toEqual([expect.objectContaining({ offer: "aster", applied: true, from: 120, to: 108 })]);
    expect(ok(s.qualityProfile).score).toBeCloseTo(117.254, 3);
    expect(s.movements.filter((m) => m.code === "quality" || m.code === "relative-price")).toEqual([]);
  });

  it("on a map from actual prices, aster's RP moves from 100 · 120 / 90 = 133.33 to 100 · 108 / 90 = 120", () => {
    const byPrices = { ...input, options: { ...input.options, relativePriceFrom: "prices" as const } };
    const s = ok(analyzeScenarios(byPrices, analyzeStudy(byPrices), [{ name: "price", changes: [{ offer: "aster", priceFactor: 0.9 }] }]).price!);
    const rp = s.movements.find((m) => m.offer === "aster" && m.code === "relative-price");
    expect(rp && "from" in rp ? [rp.from, rp.to] : null).toEqual([expect.closeTo(133.3333, 3), expect.closeTo(120, 9)]);
  });

  it("gives the share of preference fitted to the entered shares, base and scenario each summing to 100, with intervals", () => {
    const shares = ok(scenarios.reliability!).shares!;
    expect(shares.fit.ok && shares.fit.method).toBe("share-fit");
    const point = ok(shares.shares);
    expect(point.shares.reduce((s, o) => s + o.base, 0)).toBeCloseTo(100, 9);
    expect(point.shares.reduce((s, o) => s + o.scenario, 0)).toBeCloseTo(100, 9);
    // Raising aster's ratings never lowers its share (β ≥ 0).
    expect(point.shares.find((o) => o.offer === "aster")!.change).toBeGreaterThanOrEqual(0);
    const intervals = ok(shares.intervals);
    expect(intervals.replicates).toBe(200);
  });

  it("has no shares for a summary input (the share of preference needs respondents)", () => {
    const summary: StudyAnalysisInput = {
      offers: input.offers,
      attributes,
      summary: {
        weights: { reliability: 40, comfort: 25, service: 23.75, styling: 11.25, purchase: 70, running: 30 },
        qualityShare: 60,
        means: report.means.means as Record<string, Record<string, number>>,
      },
    };
    const s = ok(analyzeScenarios(summary, analyzeStudy(summary), [{ name: "reliability", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }] }]).reliability!);
    expect(s.shares).toBeUndefined();
    expect(ok(s.qualityProfile).score).toBeCloseTo(117.254 + 3.0769231, 3);
  });

  it("reports a scenario naming an unknown offer as invalid, with where", () => {
    expect(analyzeScenarios(input, report, [{ name: "ghost", changes: [{ offer: "oak", attribute: "reliability", delta: 1 }] }]).ghost).toEqual({
      ok: false,
      reason: "unknown-offer",
      at: { list: "changes", index: 0 },
    });
  });
});
