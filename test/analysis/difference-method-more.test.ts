import { describe, it, expect } from "vitest";
import { differenceMethod, differenceMethodByOffer, meanScores, ratingSpread } from "../../analysis";
import type { AttributeDef, OfferDef, RespondentInput } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);
const spread = ratingSpread(respondents, offers, attributes);

describe("ratingSpread", () => {
  it("gives the sample standard deviations of method.md's worked example", () => {
    // aster reliability 9, 8, 9, 7: mean 8.25, squares .5625 + .0625 + .5625 + 1.5625 = 2.75,
    // variance 2.75 / 3 = 0.916667, sd 0.957427; birch reliability 7, 6, 8: variance 1.
    expect([spread.aster?.reliability, spread.birch?.reliability]).toEqual([expect.closeTo(Math.sqrt(2.75 / 3), 12), expect.closeTo(1, 12)]);
  });

  it("gives null below 2 ratings", () => {
    expect(ratingSpread(respondents.slice(0, 1), offers, attributes).aster?.reliability).toBeNull();
  });
});

describe("differenceMethod threshold: the difference's standard error (default)", () => {
  /** own q 6, 8 and comp q 5, 7; own p 5, 5 and comp p 7, 9. */
  const twoOffers: OfferDef[] = [
    { id: "own", own: true },
    { id: "comp", own: false },
  ];
  const twoAttributes: AttributeDef[] = [
    { id: "q", kind: "quality" },
    { id: "p", kind: "price" },
  ];
  const small: RespondentInput[] = [
    { id: "r1", weights: {}, ratings: { own: { q: 6, p: 5 }, comp: { q: 5, p: 7 } } },
    { id: "r2", weights: {}, ratings: { own: { q: 8, p: 5 }, comp: { q: 7, p: 9 } } },
  ];
  const smallScores = meanScores(small, twoOffers, twoAttributes);
  const result = ok(
    differenceMethod({
      attributes: twoAttributes,
      weights: { q: 100, p: 100 },
      scores: smallScores,
      ownId: "own",
      competitorIds: ["comp"],
      standardDeviations: ratingSpread(small, twoOffers, twoAttributes),
    }),
  );

  it("counts a difference smaller than its standard error as equal", () => {
    // q: means 7 and 6, sd sqrt 2 each, n 2: SE = sqrt(2 / 2 + 2 / 2) = 1.414214 > 1 -> equal,
    // relative benefit 100 (with threshold 0 it would be 100 + 100 = 200).
    expect(result.relativeBenefit).toBe(100);
    expect(result.quality.rows[0]?.byCompetitor[0]).toMatchObject({ threshold: expect.closeTo(Math.SQRT2, 12), thresholdSource: "standard-error" });
  });

  it("counts a difference beyond its standard error: own rated 3 points worse on price costs more", () => {
    // p: means 5 (sd 0) and 8 (sd sqrt 2): SE = sqrt(0 + 2 / 2) = 1 < 3 -> +100, relative cost 200.
    expect([result.relativeCost, result.price.rows[0]?.byCompetitor[0]?.threshold]).toEqual([200, expect.closeTo(1, 12)]);
  });

  it("says which threshold rule it used", () => {
    expect(result.threshold).toBe("standard-error");
  });

  it("gives aster vs birch on reliability a threshold of 0.75 (method.md worked example)", () => {
    // sqrt(0.916667 / 4 + 1 / 3) = sqrt(0.5625) = 0.75 < 1.25 = 8.25 - 7 -> +40. Every other
    // difference of aster also exceeds its SE, so the figures stay 152.5 and 140.
    const worked = ok(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["birch", "cedar"], standardDeviations: spread }));
    expect(worked.quality.rows[0]?.byCompetitor[0]?.threshold).toBeCloseTo(0.75, 12);
    expect([worked.relativeBenefit, worked.relativeCost]).toEqual([expect.closeTo(152.5, 10), expect.closeTo(140, 10)]);
  });

  it("uses 0 where the standard error cannot be computed (no standard deviations) and says so", () => {
    const summary = ok(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["birch", "cedar"] }));
    expect(summary.quality.rows[0]?.byCompetitor[0]).toMatchObject({ threshold: 0, thresholdSource: "no-standard-error" });
  });

  it("keeps a given threshold", () => {
    const given = ok(differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["birch"], threshold: 1, standardDeviations: spread }));
    expect([given.threshold, given.quality.rows[0]?.byCompetitor[0]?.thresholdSource]).toEqual([1, "given"]);
  });
});

describe("differenceMethod share-weighted over competitors", () => {
  it("weights each competitor's sum by its market share", () => {
    // quality sums vs birch 27.5, vs cedar 77.5 (difference-method.test.ts); shares 35 and 25:
    // 100 + (35 * 27.5 + 25 * 77.5) / 60 = 100 + 2900 / 60 = 148.333333; price sums 40 and 40 -> 140.
    const weighted = ok(
      differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["birch", "cedar"], shares: { aster: 40, birch: 35, cedar: 25 } }),
    );
    expect([weighted.relativeBenefit, weighted.relativeCost, weighted.shareWeighted]).toEqual([
      expect.closeTo(148.333333, 5),
      expect.closeTo(140, 10),
      true,
    ]);
  });

  it("refuses a competitor with a share of 0 or without a share", () => {
    const base = { attributes, weights, scores, ownId: "aster", competitorIds: ["birch", "cedar"] };
    expect([differenceMethod({ ...base, shares: { birch: 0, cedar: 25 } }), differenceMethod({ ...base, shares: { birch: 35 } })]).toEqual([
      { ok: false, reason: "zero-share" },
      { ok: false, reason: "missing-share" },
    ]);
  });
});

describe("differenceMethodByOffer", () => {
  const all = differenceMethodByOffer({ attributes, weights, scores, offers, threshold: 0 });

  it("gives every offer's figures against the others", () => {
    // birch vs aster: quality -27.5, price -40 (aster's own sums turned); birch vs cedar: quality
    // +40 +25 +0 (service 19/3 both) -11.25 = 53.75; price: purchase 6.6667 < 8.3333 -> +70,
    // running 6 < 7 -> +30 = 100. birch: benefit 100 + (-27.5 + 53.75) / 2 = 113.125,
    // cost 100 + (-40 + 100) / 2 = 130, value -16.875. cedar: quality -77.5 and -53.75 ->
    // 34.375; price -40 and -100 -> 30; value 4.375.
    expect(all.map((x) => [x.offerId, x.own])).toEqual([
      ["aster", true],
      ["birch", false],
      ["cedar", false],
    ]);
    expect(all.map((x) => ok(x.result)).map((r) => [r.relativeBenefit, r.relativeCost, r.customerValue])).toEqual([
      [expect.closeTo(152.5, 10), expect.closeTo(140, 10), expect.closeTo(12.5, 10)],
      [expect.closeTo(113.125, 10), expect.closeTo(130, 10), expect.closeTo(-16.875, 10)],
      [expect.closeTo(34.375, 10), expect.closeTo(30, 10), expect.closeTo(4.375, 10)],
    ]);
  });
});
