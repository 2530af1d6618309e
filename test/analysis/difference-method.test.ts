import { describe, it, expect } from "vitest";
import { differenceMethod, meanScores } from "../../analysis";
import type { AttributeDef, MeanScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);
const competitorIds = ["birch", "cedar"];

/**
 * Hand calculation on method.md's means (aster 8.25 7 8.5 6 / 6 8; birch 7 8 6.3333 7 /
 * 6.6667 6; cedar 6 5.6667 6.3333 8 / 8.3333 7), weights 40 25 23.75 11.25 / 70 30:
 * quality vs birch +40 -25 +23.75 -11.25 = 27.5; vs cedar +40 +25 +23.75 -11.25 = 77.5;
 * relative benefit = 100 + (27.5 + 77.5) / 2 = 152.5.
 * price (aster rated worse on purchase = costs more, better on running = costs less):
 * vs birch +70 -30 = 40; vs cedar +70 -30 = 40; relative cost = 100 + 40 = 140.
 * customer value = 152.5 - 140 = 12.5.
 */
describe("differenceMethod", () => {
  const result = ok(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds }));

  it("gives relative benefit 152.5 on the worked example", () => {
    expect(result.relativeBenefit).toBeCloseTo(152.5, 10);
  });

  it("gives relative cost of purchase 140 on the worked example", () => {
    expect(result.relativeCost).toBeCloseTo(140, 10);
  });

  it("gives customer value 12.5 = benefit - cost on the worked example", () => {
    expect(result.customerValue).toBeCloseTo(12.5, 10);
  });

  it("sums the advantages per competitor", () => {
    expect(result.quality.perCompetitor).toEqual([
      { competitorId: "birch", sum: expect.closeTo(27.5, 10), weight: 1 },
      { competitorId: "cedar", sum: expect.closeTo(77.5, 10), weight: 1 },
    ]);
  });

  it("counts a price attribute where own is rated worse as +w (costs more)", () => {
    // purchase: aster 6 < birch 6.6667 -> +70.
    expect(result.price.rows[0]?.byCompetitor[0]?.points).toBe(70);
  });

  it("treats differences within the threshold as equal", () => {
    // Threshold 1: vs birch comfort -1 and styling -1 become 0 -> 40 + 23.75 = 63.75;
    // vs cedar reliability 2.25, comfort 1.3333, service 2.1667, styling -2 -> 77.5;
    // relative benefit = 100 + (63.75 + 77.5) / 2 = 170.625.
    const wide = ok(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds, threshold: 1 }));
    expect(wide.relativeBenefit).toBeCloseTo(170.625, 10);
  });

  it("combines group indices with group weights", () => {
    // Groups: product = reliability 75, styling 25 (weight 60); people = comfort 60, service 40
    // (weight 40); money = purchase 70, running 30 (weight 100).
    // product: vs birch +75 -25 = 50, vs cedar +75 -25 = 50 -> 150;
    // people: vs birch -60 +40 = -20, vs cedar +60 +40 = 100 -> 100 + 40 = 140;
    // benefit = (60 * 150 + 40 * 140) / 100 = 146; cost 140 as above; customer value 6.
    const grouped = ok(
      differenceMethod({
        attributes,
        weights: { reliability: 75, styling: 25, comfort: 60, service: 40, purchase: 70, running: 30 },
        scores,
        ownId: "aster",
        competitorIds,
        groups: {
          weights: { product: 60, people: 40, money: 100 },
          attributeGroup: {
            reliability: "product",
            styling: "product",
            comfort: "people",
            service: "people",
            purchase: "money",
            running: "money",
          },
        },
      }),
    );
    expect(grouped.quality.groups).toEqual([
      { id: "product", weight: 60, index: expect.closeTo(150, 10) },
      { id: "people", weight: 40, index: expect.closeTo(140, 10) },
    ]);
    expect(grouped.relativeBenefit).toBeCloseTo(146, 10);
    expect(grouped.customerValue).toBeCloseTo(6, 10);
  });

  it("reports the flat two-level weights with groups", () => {
    // Hand calculation: reliability 60 * 75 / 100 = 45, styling 60 * 25 / 100 = 15,
    // comfort 40 * 60 / 100 = 24, service 40 * 40 / 100 = 16 (method.md "Terms").
    const grouped = ok(
      differenceMethod({
        attributes,
        weights: { reliability: 75, styling: 25, comfort: 60, service: 40, purchase: 70, running: 30 },
        scores,
        ownId: "aster",
        competitorIds,
        groups: {
          weights: { product: 60, people: 40, money: 100 },
          attributeGroup: {
            reliability: "product",
            styling: "product",
            comfort: "people",
            service: "people",
            purchase: "money",
            running: "money",
          },
        },
      }),
    );
    expect(grouped.quality.rows.map((r) => [r.id, r.weight])).toEqual([
      ["reliability", expect.closeTo(45, 10)],
      ["comfort", expect.closeTo(24, 10)],
      ["service", expect.closeTo(16, 10)],
      ["styling", expect.closeTo(15, 10)],
    ]);
  });

  it("gives 100 on each side for tied offers", () => {
    const attrs: AttributeDef[] = [
      { id: "q", kind: "quality" },
      { id: "p", kind: "price" },
    ];
    const tied: MeanScores = {
      means: { own: { q: 7, p: 6 }, comp: { q: 7, p: 6 } },
      n: { own: { q: 1, p: 1 }, comp: { q: 1, p: 1 } },
      nOffer: { own: 1, comp: 1 },
    };
    const r = ok(differenceMethod({ attributes: attrs, weights: { q: 100, p: 100 }, scores: tied, ownId: "own", competitorIds: ["comp"] }));
    expect([r.relativeBenefit, r.relativeCost, r.customerValue]).toEqual([100, 100, 0]);
  });

  it("works with one respondent's ratings (n = 1)", () => {
    // Hand calculation: own q 8 > comp 6 -> +100 -> 200; own p 7 > comp 5 (more satisfied with
    // the price) -> costs less -> -100 -> 0; customer value 200.
    const attrs: AttributeDef[] = [
      { id: "q", kind: "quality" },
      { id: "p", kind: "price" },
    ];
    const one = meanScores(
      [{ id: "r1", weights: {}, ratings: { own: { q: 8, p: 7 }, comp: { q: 6, p: 5 } } }],
      [
        { id: "own", own: true },
        { id: "comp", own: false },
      ],
      attrs,
    );
    const r = ok(differenceMethod({ attributes: attrs, weights: { q: 1, p: 1 }, scores: one, ownId: "own", competitorIds: ["comp"] }));
    expect([r.relativeBenefit, r.relativeCost, r.customerValue]).toEqual([200, 0, 200]);
  });

  it("turns the difference for lower-is-better attributes", () => {
    // own 3 < comp 5 with lower better -> own better -> +100 -> 200.
    const attrs: AttributeDef[] = [
      { id: "q", kind: "quality", lowerIsBetter: true },
      { id: "p", kind: "price" },
    ];
    const s: MeanScores = {
      means: { own: { q: 3, p: 5 }, comp: { q: 5, p: 5 } },
      n: { own: { q: 1, p: 1 }, comp: { q: 1, p: 1 } },
      nOffer: { own: 1, comp: 1 },
    };
    const r = ok(differenceMethod({ attributes: attrs, weights: { q: 1, p: 1 }, scores: s, ownId: "own", competitorIds: ["comp"] }));
    expect(r.relativeBenefit).toBe(200);
  });

  it("returns offer-not-rated when a competitor lacks a mean", () => {
    const attrs: AttributeDef[] = [
      { id: "q", kind: "quality" },
      { id: "p", kind: "price" },
    ];
    const s: MeanScores = {
      means: { own: { q: 3, p: 5 }, comp: { q: null, p: 5 } },
      n: { own: { q: 1, p: 1 }, comp: { q: 0, p: 1 } },
      nOffer: { own: 1, comp: 1 },
    };
    expect(differenceMethod({ attributes: attrs, weights: { q: 1, p: 1 }, scores: s, ownId: "own", competitorIds: ["comp"] })).toEqual({
      ok: false,
      reason: "offer-not-rated",
    });
  });

  it("returns invalid-threshold for a negative threshold", () => {
    expect(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds, threshold: -1 })).toEqual({
      ok: false,
      reason: "invalid-threshold",
    });
  });

  it("returns no-reference without competitors", () => {
    expect(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["aster"] })).toEqual({
      ok: false,
      reason: "no-reference",
    });
  });

  it("returns unknown-offer for a competitor not in the scores", () => {
    expect(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["nobody"] })).toEqual({
      ok: false,
      reason: "unknown-offer",
    });
  });

  it("returns no-attributes when there are no price attributes", () => {
    expect(
      differenceMethod({ attributes: attributes.filter((a) => a.kind === "quality"), weights, scores, ownId: "aster", competitorIds }),
    ).toEqual({ ok: false, reason: "no-attributes" });
  });

  it("returns unknown-group for an attribute without a group", () => {
    expect(
      differenceMethod({
        attributes,
        weights,
        scores,
        ownId: "aster",
        competitorIds,
        groups: { weights: { all: 100 }, attributeGroup: { reliability: "all" } },
      }),
    ).toEqual({ ok: false, reason: "unknown-group" });
  });

  it("returns mixed-group for a group with quality and price attributes", () => {
    const attributeGroup = Object.fromEntries(attributes.map((a) => [a.id, "all"]));
    expect(
      differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds, groups: { weights: { all: 100 }, attributeGroup } }),
    ).toEqual({ ok: false, reason: "mixed-group" });
  });

  it("returns empty-group for a weighted group whose attributes weigh 0", () => {
    expect(
      differenceMethod({
        attributes,
        weights: { ...weights, styling: 0 },
        scores,
        ownId: "aster",
        competitorIds,
        groups: {
          weights: { core: 80, looks: 20, money: 100 },
          attributeGroup: {
            reliability: "core",
            comfort: "core",
            service: "core",
            styling: "looks",
            purchase: "money",
            running: "money",
          },
        },
      }),
    ).toEqual({ ok: false, reason: "empty-group" });
  });
});
