import { describe, it, expect } from "vitest";
import { headToHead, meanScores } from "../../analysis";
import type { AttributeDef, MeanScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);

/** Mean scores of two offers on the given attributes, one rating each (n = 1). */
function pair(own: Record<string, number>, comp: Record<string, number>): MeanScores {
  const ids = Object.keys(own);
  return {
    means: { own, comp },
    n: { own: Object.fromEntries(ids.map((id) => [id, 1])), comp: Object.fromEntries(ids.map((id) => [id, 1])) },
    nOffer: { own: 1, comp: 1 },
  };
}

describe("headToHead", () => {
  const quality = ok(
    headToHead({ attributes, weights, scores, offerId: "aster", competitorId: "birch", kind: "quality" }),
  );

  it("gives areas 7.1429, -3.125, 8.125, -1.6071 for aster vs birch (method.md worked example)", () => {
    expect(quality.rows.map((r) => r.id)).toEqual(["reliability", "comfort", "service", "styling"]);
    expect(quality.rows[0]?.area).toBeCloseTo(7.1429, 4);
    expect(quality.rows[1]?.area).toBeCloseTo(-3.125, 4);
    expect(quality.rows[2]?.area).toBeCloseTo(8.125, 4);
    expect(quality.rows[3]?.area).toBeCloseTo(-1.6071, 4);
  });

  it("sums the areas to 10.5357 (method.md worked example)", () => {
    expect(quality.sumOfAreas).toBeCloseTo(10.5357, 4);
  });

  it("checks that the areas sum to Q - 100 (method.md (e))", () => {
    // Q of aster vs birch alone = 110.5357 (method.md worked example: sum 10.5357 = Q - 100).
    expect(quality.score).toBeCloseTo(110.5357, 4);
    expect(quality.check.expected).toBeCloseTo(10.5357, 4);
    expect(quality.check.holds).toBe(true);
  });

  it("gives bar lengths r_i - 1 and thickness w_i", () => {
    // Hand calculation: reliability r = 8.25 / 7 = 1.178571, length 0.178571, weight 40.
    expect(quality.rows[0]?.advantage).toBeCloseTo(0.178571, 6);
    expect(quality.rows[0]?.weight).toBeCloseTo(40, 10);
  });

  it("gives the difference in points m_own - m_comp", () => {
    // Hand calculation from method.md means: 8.25 - 7 = 1.25, 7 - 8 = -1,
    // 8.5 - 6.3333 = 2.1667, 6 - 7 = -1.
    expect(quality.rows.map((r) => r.pointsDifference)).toEqual([
      expect.closeTo(1.25, 4),
      expect.closeTo(-1, 4),
      expect.closeTo(2.1667, 4),
      expect.closeTo(-1, 4),
    ]);
  });

  it("draws the same chart over the price attributes", () => {
    // Hand calculation: aster 6, 8 vs birch 6.6667, 6 (method.md means); ratios 0.9, 1.3333;
    // areas 70 * -0.1 = -7 and 30 * 0.3333 = 10; sum 3 = S - 100 with S = 103.
    const price = ok(
      headToHead({ attributes, weights, scores, offerId: "aster", competitorId: "birch", kind: "price" }),
    );
    expect(price.rows.map((r) => r.id)).toEqual(["purchase", "running"]);
    expect(price.rows[0]?.area).toBeCloseTo(-7, 4);
    expect(price.rows[1]?.area).toBeCloseTo(10, 4);
    expect(price.score).toBeCloseTo(103, 4);
    expect(price.check.holds).toBe(true);
  });

  it("gives zero areas and Q = 100 for tied offers", () => {
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const tied = ok(
      headToHead({
        attributes: attrs,
        weights: { a: 60, b: 40 },
        scores: pair({ a: 7, b: 5 }, { a: 7, b: 5 }),
        offerId: "own",
        competitorId: "comp",
        kind: "quality",
      }),
    );
    expect(tied.rows.map((r) => r.area)).toEqual([0, 0]);
    expect(tied.score).toBe(100);
  });

  it("works with one respondent per offer (n = 1)", () => {
    // Hand calculation: weights 75/25, own 8, 6 vs comp 4, 6: ratios 2, 1; areas 75, 0; Q = 175.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const one = ok(
      headToHead({
        attributes: attrs,
        weights: { a: 75, b: 25 },
        scores: pair({ a: 8, b: 6 }, { a: 4, b: 6 }),
        offerId: "own",
        competitorId: "comp",
        kind: "quality",
      }),
    );
    expect(one.rows.map((r) => r.area)).toEqual([75, 0]);
    expect(one.score).toBe(175);
  });

  it("turns ratio and points difference for lower-is-better attributes", () => {
    // Hand calculation: own 4, comp 5, lower is better: r = 5 / 4 = 1.25, length 0.25,
    // points 5 - 4 = +1 (own better), area 100 * 0.25 = 25.
    const row = ok(
      headToHead({
        attributes: [{ id: "a", kind: "quality", lowerIsBetter: true }],
        weights: { a: 100 },
        scores: pair({ a: 4 }, { a: 5 }),
        offerId: "own",
        competitorId: "comp",
        kind: "quality",
      }),
    ).rows[0];
    expect(row?.ratio).toBe(1.25);
    expect(row?.pointsDifference).toBe(1);
    expect(row?.area).toBe(25);
  });

  it("returns same-offer for an offer against itself", () => {
    expect(
      headToHead({ attributes, weights, scores, offerId: "aster", competitorId: "aster", kind: "quality" }),
    ).toEqual({ ok: false, reason: "same-offer" });
  });

  it("returns unknown-offer for a competitor not in the scores", () => {
    expect(
      headToHead({ attributes, weights, scores, offerId: "aster", competitorId: "nobody", kind: "quality" }),
    ).toEqual({ ok: false, reason: "unknown-offer" });
  });

  it("returns no-reference-ratings when the competitor lacks a rating", () => {
    const missing: MeanScores = {
      means: { own: { a: 5 }, comp: { a: null } },
      n: { own: { a: 1 }, comp: { a: 0 } },
      nOffer: { own: 1, comp: 0 },
    };
    expect(
      headToHead({
        attributes: [{ id: "a", kind: "quality" }],
        weights: { a: 100 },
        scores: missing,
        offerId: "own",
        competitorId: "comp",
        kind: "quality",
      }),
    ).toEqual({ ok: false, reason: "no-reference-ratings" });
  });

  it("returns no-attributes when the kind has no attributes", () => {
    expect(
      headToHead({
        attributes: [{ id: "a", kind: "quality" }],
        weights: { a: 100 },
        scores: pair({ a: 5 }, { a: 5 }),
        offerId: "own",
        competitorId: "comp",
        kind: "price",
      }),
    ).toEqual({ ok: false, reason: "no-attributes" });
  });

  it("returns non-positive-score when the competitor's mean is 0", () => {
    expect(
      headToHead({
        attributes: [{ id: "a", kind: "quality" }],
        weights: { a: 100 },
        scores: pair({ a: 5 }, { a: 0 }),
        offerId: "own",
        competitorId: "comp",
        kind: "quality",
      }),
    ).toEqual({ ok: false, reason: "non-positive-score" });
  });
});
