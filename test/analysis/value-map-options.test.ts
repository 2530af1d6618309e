import { describe, it, expect } from "vitest";
import { meanScores, quantileType7, valueMap } from "../../analysis";
import type { AttributeDef, MeanScores, OfferDef } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { qualityShare, weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);

/** method.md's worked example with the prices and shares of docs/analysis-format.md's example. */
const priced: Array<OfferDef & { price?: number }> = [
  { id: "aster", own: true, price: 30 },
  { id: "birch", own: false, price: 25 },
  { id: "cedar", own: false, price: 35 },
];

function point(map: ReturnType<typeof valueMap>, offerId: string) {
  const found = ok(map).points.find((p) => p.offerId === offerId);
  if (found === undefined) throw new Error(`no point for ${offerId}`);
  return found;
}

describe("valueMap reference: market (docs/method.md §5)", () => {
  const map = valueMap({ offers, attributes, weights, scores, qualityShare, reference: "market" });

  it("places aster at Q = 110.2465 against all three offers, itself included", () => {
    // Hand calculation from method.md's means: market means reliability (8.25 + 7 + 6) / 3 =
    // 7.083333, comfort (7 + 8 + 5.666667) / 3 = 6.888889, service (8.5 + 6.333333 + 6.333333) / 3
    // = 7.055556, styling 7; ratios 1.164706, 1.016129, 1.204724, 0.857143; Q = 40 * 1.164706 +
    // 25 * 1.016129 + 23.75 * 1.204724 + 11.25 * 0.857143 = 110.246523.
    expect(point(map, "aster").quality).toBeCloseTo(110.246523, 5);
  });

  it("gives aster S = 94.2857 and RP = 106.0606 against the whole market", () => {
    // purchase market mean (6 + 6.666667 + 8.333333) / 3 = 7, running (8 + 6 + 7) / 3 = 7;
    // S = 70 * 6 / 7 + 30 * 8 / 7 = 94.285714; RP = 10000 / S = 106.060606.
    expect([point(map, "aster").satisfaction, point(map, "aster").relativePrice]).toEqual([
      expect.closeTo(94.285714, 5),
      expect.closeTo(106.060606, 5),
    ]);
  });

  it("places birch and cedar at Q = 101.1306 and 88.6229", () => {
    // birch: 40 * 7 / 7.083333 + 25 * 8 / 6.888889 + 23.75 * 6.333333 / 7.055556 + 11.25 * 7 / 7
    // = 39.529412 + 29.032258 + 21.318898 + 11.25 = 101.130567; cedar likewise 88.622910.
    expect([point(map, "birch").quality, point(map, "cedar").quality]).toEqual([
      expect.closeTo(101.130567, 5),
      expect.closeTo(88.62291, 5),
    ]);
  });

  it("says which reference it used", () => {
    expect([ok(map).reference, ok(valueMap({ offers, attributes, weights, scores, qualityShare })).reference]).toEqual([
      "market",
      "rest-of-market",
    ]);
  });
});

describe("valueMap relativePriceFrom: prices (docs/method.md §5)", () => {
  it("gives RP = 100 price_j / mean of the other offers' prices", () => {
    // aster 100 * 30 / ((25 + 35) / 2) = 100; birch 100 * 25 / 32.5 = 76.923077;
    // cedar 100 * 35 / 27.5 = 127.272727.
    const map = valueMap({ offers: priced, attributes, weights, scores, qualityShare, relativePriceFrom: "prices" });
    expect(ok(map).points.map((p) => p.relativePrice)).toEqual([
      expect.closeTo(100, 9),
      expect.closeTo(76.923077, 5),
      expect.closeTo(127.272727, 5),
    ]);
  });

  it("keeps Q from the ratings (method.md worked example: aster 117.254)", () => {
    const map = valueMap({ offers: priced, attributes, weights, scores, qualityShare, relativePriceFrom: "prices" });
    expect(point(map, "aster").quality).toBeCloseTo(117.254, 3);
  });

  it("reports S = 10000 / RP on a map from prices", () => {
    // cedar: 10000 / 127.272727 = 78.571429.
    const map = valueMap({ offers: priced, attributes, weights, scores, qualityShare, relativePriceFrom: "prices" });
    expect(point(map, "cedar").satisfaction).toBeCloseTo(78.571429, 5);
  });

  it("against the whole market divides by the mean of all three prices", () => {
    // mean (30 + 25 + 35) / 3 = 30: RP 100, 83.333333, 116.666667.
    const map = valueMap({ offers: priced, attributes, weights, scores, qualityShare, relativePriceFrom: "prices", reference: "market" });
    expect(ok(map).points.map((p) => p.relativePrice)).toEqual([
      expect.closeTo(100, 9),
      expect.closeTo(83.333333, 5),
      expect.closeTo(116.666667, 5),
    ]);
  });

  it("weights the reference price by market share when the reference is share-weighted", () => {
    // shares 40, 35, 25; aster's reference (35 * 25 + 25 * 35) / 60 = 29.166667 -> RP 102.857143;
    // birch's (40 * 30 + 25 * 35) / 65 = 31.923077 -> RP 78.313253.
    const map = valueMap({
      offers: priced,
      attributes,
      weights,
      scores,
      qualityShare,
      relativePriceFrom: "prices",
      shares: { aster: 40, birch: 35, cedar: 25 },
    });
    expect([point(map, "aster").relativePrice, point(map, "birch").relativePrice]).toEqual([
      expect.closeTo(102.857143, 5),
      expect.closeTo(78.313253, 5),
    ]);
  });

  it("leaves an offer without a price off the map, lists it, and leaves it out of the others' reference", () => {
    // cedar has no price: aster 100 * 30 / 25 = 120, birch 100 * 25 / 30 = 83.333333.
    const noCedarPrice = priced.map((o) => (o.id === "cedar" ? { id: o.id, own: o.own } : o));
    const map = ok(valueMap({ offers: noCedarPrice, attributes, weights, scores, qualityShare, relativePriceFrom: "prices" }));
    expect(map.points.map((p) => [p.offerId, p.relativePrice])).toEqual([
      ["aster", expect.closeTo(120, 9)],
      ["birch", expect.closeTo(83.333333, 5)],
    ]);
    expect(map.unavailable).toEqual([{ offerId: "cedar", reason: "no-price" }]);
  });

  it("leaves an offer with a price of 0 off the map", () => {
    const free = priced.map((o) => (o.id === "birch" ? { ...o, price: 0 } : o));
    const map = ok(valueMap({ offers: free, attributes, weights, scores, qualityShare, relativePriceFrom: "prices" }));
    expect(map.unavailable).toEqual([{ offerId: "birch", reason: "non-positive-price" }]);
  });

  it("needs no price attributes", () => {
    const qualityOnly = attributes.filter((a) => a.kind === "quality");
    const map = ok(valueMap({ offers: priced, attributes: qualityOnly, weights, scores, qualityShare, relativePriceFrom: "prices" }));
    expect(map.points).toHaveLength(3);
  });
});

describe("valueMap published check: DFSS-S Table 5.5, toasters (whole market, actual prices)", () => {
  // Design for Six Sigma for Service (2005), Example 5.1, Table 5.5: market-perceived quality
  // score, price and relative price of 15 toasters. The quality scores sum to 1500 (mean 100 by
  // hand: 128 + 119 + 117 + 112 + 109 + 107 + 104 + 101 + 94 + 91 + 87 + 84 + 84 + 83 + 80), so
  // one quality attribute whose means are the printed scores gives Q = the printed score against
  // the whole market. The prices sum to 488 (mean 32.533333); the printed relative prices are
  // 100 * price / 32.533333 rounded, except Sunbeam: 100 * 28 / 32.533333 = 86.07, printed 85.
  // Why (checked against the book's page, DFSS-S p. 92): not our reference or formula — against
  // the rest of the market Sunbeam would print 100 * 28 / (460 / 14) = 85.22 but Cuisinart CPT-60
  // 100 * 70 / (418 / 14) = 234.45 (printed 215), so the table is a whole-market one; the prices
  // are printed to the dollar, and a Sunbeam price from 27.63 to 27.80 (printed $28) gives 85:
  // with 27.70 the mean is 487.70 / 15 = 32.513333 and Sunbeam 100 * 27.70 / 32.513333 = 85.20,
  // while every other relative price keeps its printed unit (Cuisinart 215.30, KitchenAid 236.83,
  // Rival 39.98...). So the table's own price rounding, not our code, explains the one miss.
  const table: Array<[string, number, number, number]> = [
    ["cuisinart-cpt-60", 128, 70, 215],
    ["sunbeam", 119, 28, 85],
    ["kitchenaid", 117, 77, 237],
    ["black-decker", 112, 25, 77],
    ["cuisinart-cpt-30", 109, 40, 123],
    ["breadman", 107, 35, 108],
    ["proctor-silex-22425", 104, 15, 46],
    ["krups", 101, 32, 98],
    ["oster", 94, 45, 138],
    ["toastmaster-b1021", 91, 16, 49],
    ["proctor-silex-22415", 87, 35, 108],
    ["toastmaster-b1035", 84, 21, 65],
    ["betty-crocker", 84, 25, 77],
    ["proctor-silex-22205", 83, 11, 34],
    ["rival", 80, 13, 40],
  ];
  const toasterOffers = table.map(([id, , price], i) => ({ id, own: i === 0, price }));
  const toasterAttributes: AttributeDef[] = [{ id: "overall", kind: "quality" }];
  const toasterScores: MeanScores = {
    means: Object.fromEntries(table.map(([id, q]) => [id, { overall: q }])),
    n: Object.fromEntries(table.map(([id]) => [id, { overall: 1 }])),
    nOffer: Object.fromEntries(table.map(([id]) => [id, 1])),
  };
  const map = ok(
    valueMap({
      offers: toasterOffers,
      attributes: toasterAttributes,
      weights: { overall: 100 },
      scores: toasterScores,
      qualityShare: null,
      line: { type: "parity" },
      reference: "market",
      relativePriceFrom: "prices",
    }),
  );

  it("reproduces the printed quality scores", () => {
    expect(map.points.map((p) => p.quality)).toEqual(table.map(([, q]) => expect.closeTo(q, 9)));
  });

  it("reproduces the printed relative prices to the unit, Sunbeam's misprint aside", () => {
    const printed = table.map(([id, , , rp]) => (id === "sunbeam" ? 86 : rp));
    expect(map.points.map((p) => Math.round(p.relativePrice))).toEqual(printed);
  });

  it("gives Sunbeam 86.07 from the printed $28", () => {
    expect(map.points[1]?.relativePrice).toBeCloseTo((100 * 28) / (488 / 15), 9);
  });

  it("reproduces all 15 printed relative prices when Sunbeam's $28 is an unrounded 27.70", () => {
    const unrounded = ok(
      valueMap({
        offers: toasterOffers.map((o) => (o.id === "sunbeam" ? { ...o, price: 27.7 } : o)),
        attributes: toasterAttributes,
        weights: { overall: 100 },
        scores: toasterScores,
        qualityShare: null,
        line: { type: "parity" },
        reference: "market",
        relativePriceFrom: "prices",
      }),
    );
    expect(unrounded.points.map((p) => Math.round(p.relativePrice))).toEqual(table.map(([, , , rp]) => rp));
    expect(unrounded.points[1]?.relativePrice).toBeCloseTo((100 * 27.7) / (487.7 / 15), 9);
  });

  it("does not reproduce the table against the rest of the market (Cuisinart CPT-60 234.45, printed 215)", () => {
    const rest = ok(
      valueMap({
        offers: toasterOffers,
        attributes: toasterAttributes,
        weights: { overall: 100 },
        scores: toasterScores,
        qualityShare: null,
        line: { type: "parity" },
        relativePriceFrom: "prices",
      }),
    );
    expect(rest.points[0]?.relativePrice).toBeCloseTo((100 * 70) / (418 / 14), 9);
  });
});

describe("valueMap band: quartiles (docs/method.md §5)", () => {
  // method.md worked example: v = +18.2651, -8.6008, -5.1595; sorted -8.6008, -5.1595, 18.2651.
  // Q1 (type 7): h = 2 * 0.25 = 0.5 -> -8.6008 + 0.5 * 3.4413 = -6.88015;
  // Q3: h = 1.5 -> -5.1595 + 0.5 * 23.4246 = 6.5528.
  const map = ok(valueMap({ offers, attributes, weights, scores, qualityShare, band: "quartiles" }));

  it("puts the fair-value zone between Q1 = -6.8802 and Q3 = 6.5528 of the offers' v", () => {
    expect(map.fairZone).toEqual({ kind: "quartiles", lower: expect.closeTo(-6.88015, 3), upper: expect.closeTo(6.5528, 3) });
  });

  it("classifies aster better, birch worse, cedar fair", () => {
    expect(map.points.map((p) => p.zone)).toEqual(["better", "worse", "fair"]);
  });

  it("keeps the fixed band of ±5 by default", () => {
    const fixed = ok(valueMap({ offers, attributes, weights, scores, qualityShare }));
    expect([fixed.fairZone, fixed.band]).toEqual([{ kind: "fixed", lower: -5, upper: 5 }, 5]);
  });
});

describe("valueMap market shares", () => {
  it("refuses a share of 0 instead of dropping the offer", () => {
    const map = valueMap({ offers, attributes, weights, scores, qualityShare, shares: { aster: 40, birch: 0, cedar: 25 } });
    expect(map).toEqual({ ok: false, reason: "zero-share" });
  });

  it("refuses an offer without a share when the reference is share-weighted", () => {
    const map = valueMap({ offers, attributes, weights, scores, qualityShare, shares: { aster: 40, cedar: 25 } });
    expect(map).toEqual({ ok: false, reason: "missing-share" });
  });
});

describe("quantileType7", () => {
  it("interpolates between order statistics: 1, 2, 3, 4 -> Q1 1.75, median 2.5, Q3 3.25", () => {
    // h = 3 * 0.25 = 0.75 -> 1 + 0.75 * 1; h = 1.5 -> 2.5; h = 2.25 -> 3.25.
    expect([0.25, 0.5, 0.75].map((p) => quantileType7([4, 1, 3, 2], p))).toEqual([1.75, 2.5, 3.25]);
  });

  it("returns the value itself for one value, null for none", () => {
    expect([quantileType7([7], 0.25), quantileType7([], 0.5)]).toEqual([7, null]);
  });
});
