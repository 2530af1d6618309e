import { describe, it, expect } from "vitest";
import { analyzeStudy } from "../../analysis";
import type { HeadToHeadResult, StudyAnalysisInput, StudyAnalysisReport } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

/** Small bootstraps keep the tests fast; the CLI test runs the default 1000. */
const fast = { bootstrap: { replicates: 50, seed: 3 } };
const worked: StudyAnalysisInput = { offers, attributes, respondents, options: fast };
const report = analyzeStudy(worked);

/** The worked example as a summary, means typed from method.md's table as exact fractions. */
const summary: StudyAnalysisInput = {
  offers,
  attributes,
  summary: {
    weights: { reliability: 40, comfort: 25, service: 23.75, styling: 11.25, purchase: 70, running: 30 },
    qualityShare: 60,
    means: {
      aster: { reliability: 8.25, comfort: 7, service: 8.5, styling: 6, purchase: 6, running: 8 },
      birch: { reliability: 7, comfort: 8, service: 19 / 3, styling: 7, purchase: 20 / 3, running: 6 },
      cedar: { reliability: 6, comfort: 17 / 3, service: 19 / 3, styling: 8, purchase: 25 / 3, running: 7 },
    },
    n: { aster: 4, birch: 3, cedar: 3 },
  },
};

function nonFinite(value: unknown): string[] {
  const bad: string[] = [];
  JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) bad.push(key);
    return v;
  });
  return bad;
}

const point = (r: StudyAnalysisReport, offer: string) => {
  const found = ok(r.valueMap).points.find((p) => p.offer === offer);
  if (found === undefined) throw new Error(`no point for ${offer}`);
  return found;
};

describe("analyzeStudy", () => {
  it("gives Q = 117.254 for the own offer against the competitors (method.md worked example)", () => {
    expect(ok(report.qualityProfile).score).toBeCloseTo(117.254, 4);
  });

  it("lists the quality rows with ratios 1.2692, 1.0244, 1.3421, 0.8 and n = 4 (method.md worked example)", () => {
    const rows = ok(report.qualityProfile).attributes;
    expect(rows.map((r) => r.id)).toEqual(["reliability", "comfort", "service", "styling"]);
    [1.2692, 1.0244, 1.3421, 0.8].forEach((ratio, k) => expect(rows[k]?.ratio).toBeCloseTo(ratio, 4));
    expect(rows.map((r) => r.n)).toEqual([4, 4, 4, 4]);
  });

  it("gives S = 92.9231 and RP = 107.6159 (method.md worked example)", () => {
    const price = ok(report.priceProfile);
    expect(price.score).toBeCloseTo(92.9231, 4);
    expect(price.relativePrice).toBeCloseTo(107.6159, 4);
  });

  it("gives V = 107.5216, above parity (method.md worked example; PIMS band 103-110)", () => {
    const value = ok(report.valueScore);
    expect(value.value).toBeCloseTo(107.5216, 4);
    expect(value.band).toBe("above-parity");
  });

  it("gives V as the customer value of the default ratio method", () => {
    expect(report.customerValue).toMatchObject({ ok: true, method: "ratio", band: "above-parity" });
  });

  it("draws the weights line with slope 1.5 and places aster at (117.254, 107.6159), fair 125.881, value 18.2651 (method.md)", () => {
    const map = ok(report.valueMap);
    expect(map.line.kind).toBe("weights");
    expect(map.line.slope).toBeCloseTo(1.5, 10);
    const aster = point(report, "aster");
    expect(aster.quality).toBeCloseTo(117.254, 4);
    expect(aster.relativePrice).toBeCloseTo(107.6159, 4);
    expect(aster.fairPrice).toBeCloseTo(125.881, 4);
    expect(aster.value).toBeCloseTo(18.2651, 4);
  });

  it("gives the map's vertical values of birch and cedar, -8.6008 and -5.1595 (method.md)", () => {
    expect(point(report, "birch").value).toBeCloseTo(-8.6008, 4);
    expect(point(report, "cedar").value).toBeCloseTo(-5.1595, 4);
  });

  it("gives the head-to-head areas against birch 7.1429, -3.125, 8.125, -1.6071, sum 10.5357 (method.md)", () => {
    const quality = ok(report.headToHead.birch?.quality as HeadToHeadResult);
    [7.1429, -3.125, 8.125, -1.6071].forEach((area, k) => expect(quality.rows[k]?.area).toBeCloseTo(area, 4));
    expect(quality.sumOfAreas).toBeCloseTo(10.5357, 4);
  });

  it("gives a head-to-head per competitor, not for the own offer", () => {
    expect(Object.keys(report.headToHead)).toEqual(["birch", "cedar"]);
  });

  it("gives the absolute index 7.7438, 7.0917, 6.2208 (method.md worked example)", () => {
    expect(ok(report.absoluteIndex.aster ?? { ok: false, reason: "" }).value).toBeCloseTo(7.7438, 4);
    expect(ok(report.absoluteIndex.birch ?? { ok: false, reason: "" }).value).toBeCloseTo(7.0917, 4);
    expect(ok(report.absoluteIndex.cedar ?? { ok: false, reason: "" }).value).toBeCloseTo(6.2208, 4);
  });

  it("compares against one named competitor: Q against birch = 100 + 10.5357 (method.md head-to-head)", () => {
    const vsBirch = analyzeStudy({ ...worked, options: { ...fast, reference: "birch" } });
    expect(ok(vsBirch.qualityProfile).reference).toEqual(["birch"]);
    expect(ok(vsBirch.qualityProfile).score).toBeCloseTo(110.5357, 4);
  });

  it("gives intervals whose estimate is the report's Q", () => {
    const bootstrap = ok(report.intervals.bootstrap);
    const delta = ok(report.intervals.delta);
    expect(ok(bootstrap.own.quality).estimate).toBeCloseTo(117.254, 4);
    expect(ok(delta.own.quality).estimate).toBeCloseTo(117.254, 4);
  });

  it("honours the bootstrap replicates and seed of the options", () => {
    const bootstrap = ok(report.intervals.bootstrap);
    expect([bootstrap.replicates, bootstrap.seed]).toEqual([50, 3]);
  });

  it("runs Best's difference method: relative benefit 152.5, relative cost 140, customer value 12.5", () => {
    // Quality (w 40, 25, 23.75, 11.25), own better = +w: vs birch +40 -25 +23.75 -11.25 = 27.5,
    // vs cedar +40 +25 +23.75 -11.25 = 77.5; benefit = 100 + (27.5 + 77.5) / 2 = 152.5.
    // Price (w 70, 30), own worse rated = costs more = +w: purchase 6 < 6.67 and < 8.33 (+70),
    // running 8 > 6 and > 7 (-30): cost = 100 + 40 = 140. Value = 152.5 - 140 = 12.5.
    const difference = analyzeStudy({ ...worked, options: { ...fast, method: "difference" } });
    expect(difference.customerValue).toEqual({ ok: true, method: "difference", value: 12.5, relativeBenefit: 152.5, relativeCost: 140 });
    expect([difference.relativeBenefit, difference.relativeCost]).toEqual([152.5, 140]);
  });

  it("leaves relativeBenefit and relativeCost out of the ratio method's report", () => {
    expect("relativeBenefit" in report).toBe(false);
  });

  it("draws the parity line when asked", () => {
    const parity = analyzeStudy({ ...worked, options: { ...fast, fairValueLine: "parity" } });
    expect(ok(parity.valueMap).line).toEqual({ kind: "parity", slope: 1, intercept: 0 });
  });

  it("draws a given slope through the market means", () => {
    const given = analyzeStudy({ ...worked, options: { ...fast, fairValueLine: { slope: 2 } } });
    expect(ok(given.valueMap).line).toMatchObject({ kind: "slope", slope: 2 });
  });

  it("uses two-level weights when groups are given (60 x 40/65 = 36.9231 for reliability)", () => {
    const grouped = analyzeStudy({
      ...worked,
      attributes: attributes.map((a) => ({
        ...a,
        group: a.kind === "price" ? "money" : ["reliability", "comfort"].includes(a.id) ? "product" : "care",
      })),
      groups: [
        { id: "product", kind: "quality", weight: 60 },
        { id: "care", kind: "quality", weight: 40 },
        { id: "money", kind: "price", weight: 100 },
      ],
    });
    expect(ok(grouped.qualityProfile).attributes[0]?.weight).toBeCloseTo(36.9231, 4);
  });

  it("analyses only the filtered segment (r1, r2: Q = 1480/13 + 130/14 = 123.1319 by hand)", () => {
    // r1, r2 weights 45, 25, 20, 10; aster 8.5, 7.5, 8.5, 6.5; competitors' mean 6.5, 6.5, 6.5, 7:
    // 45*8.5/6.5 + 25*7.5/6.5 + 20*8.5/6.5 + 10*6.5/7 = 1480/13 + 65/7 = 123.1319.
    const segmented = analyzeStudy({
      ...worked,
      respondents: respondents.map((r, k) => ({ ...r, segment: k < 2 ? "north" : "south" })),
      options: { ...fast, segment: "north" },
    });
    expect(segmented.input.respondents).toBe(2);
    expect(ok(segmented.qualityProfile).score).toBeCloseTo(123.1319, 4);
  });

  it("says empty-segment everywhere when the filter keeps nobody", () => {
    const nobody = analyzeStudy({ ...worked, options: { ...fast, segment: "nobody" } });
    expect(nobody.qualityProfile).toEqual({ ok: false, reason: "empty-segment" });
    expect(nobody.intervals.bootstrap).toEqual({ ok: false, reason: "empty-segment" });
  });

  it("gives the same Q, S, RP and V from a summary of the worked example", () => {
    const fromSummary = analyzeStudy(summary);
    expect(ok(fromSummary.qualityProfile).score).toBeCloseTo(117.254, 4);
    expect(ok(fromSummary.priceProfile).score).toBeCloseTo(92.9231, 4);
    expect(ok(fromSummary.priceProfile).relativePrice).toBeCloseTo(107.6159, 4);
    expect(ok(fromSummary.valueScore).value).toBeCloseTo(107.5216, 4);
  });

  it("reports the summary's n per offer", () => {
    expect(analyzeStudy(summary).means.nOffer).toEqual({ aster: 4, birch: 3, cedar: 3 });
  });

  it("says summary-input for the respondent-level sections of a summary", () => {
    const fromSummary = analyzeStudy(summary);
    const reason = { ok: false, reason: "summary-input" };
    expect([fromSummary.wonLost, fromSummary.derivedImportance, fromSummary.intervals.bootstrap, fromSummary.intervals.delta]).toEqual([reason, reason, reason, reason]);
  });

  it("runs won/lost on the respondents' choices", () => {
    // r1 chose aster (won); r2 chose birch after considering aster (lost).
    const choices = respondents.map((r, k) =>
      k === 0 ? { ...r, chose: "aster" } : k === 1 ? { ...r, chose: "birch", considered: ["aster", "birch"] } : r,
    );
    const result = ok(analyzeStudy({ ...worked, respondents: choices }).wonLost);
    expect([result.won, result.lost]).toEqual([1, 1]);
  });

  it("gives the relative price from actual prices when offers have one (100 * 30 / mean(20, 40) = 100)", () => {
    const priced = analyzeStudy({ ...worked, offers: offers.map((o, k) => ({ ...o, price: [30, 20, 40][k] ?? 0 })) });
    expect(ok(priced.relativePriceFromPrices).relativePrice).toBe(100);
  });

  it.each([
    ["respondents", () => report],
    ["summary", () => analyzeStudy(summary)],
    ["empty segment", () => analyzeStudy({ ...worked, options: { ...fast, segment: "nobody" } })],
    ["regression line", () => analyzeStudy({ ...worked, options: { ...fast, fairValueLine: "regression" } })],
  ])("contains no NaN or Infinity (%s)", (_, make) => {
    expect(nonFinite(make())).toEqual([]);
  });
});
