import { describe, it, expect } from "vitest";
import { deliveredValue, meanScores } from "../../analysis";
import type { GroupedAttributeDef, MeanScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);

/** The worked example's attributes in Kotler's groups. */
const groupOf: Record<string, string> = {
  reliability: "product",
  comfort: "product",
  service: "service",
  styling: "image",
  purchase: "monetary",
  running: "monetary",
};
const grouped: GroupedAttributeDef[] = attributes.map((a) => ({ ...a, group: groupOf[a.id] ?? "" }));

function single(own: { q: number; p: number }): MeanScores {
  return { means: { own }, n: { own: { q: 1, p: 1 } }, nOffer: { own: 1 } };
}
const twoAttributes: GroupedAttributeDef[] = [
  { id: "q", kind: "quality" },
  { id: "p", kind: "price" },
];

describe("deliveredValue", () => {
  const result = ok(deliveredValue({ attributes: grouped, weights, scores, offerId: "aster" }));

  it("gives total value 7.7438, aster's absolute index (method.md worked example)", () => {
    expect(result.totalValue).toBeCloseTo(7.74375, 10);
  });

  it("gives total cost 11 - weighted price satisfaction = 4.4", () => {
    // Hand calculation: 11 - (70 * 6 + 30 * 8) / 100 = 11 - 6.6 = 4.4.
    expect(result.totalCost).toBeCloseTo(4.4, 10);
  });

  it("gives delivered value = total value - total cost = 3.34375", () => {
    // Hand calculation: 7.74375 - 4.4 = 3.34375.
    expect(result.deliveredValue).toBeCloseTo(3.34375, 10);
  });

  it("gives the value groups' weights and scores", () => {
    // Hand calculation: product weight 40 + 25 = 65, score (40 * 8.25 + 25 * 7) / 65 = 505 / 65
    // = 7.769231; service 23.75, 8.5; image 11.25, 6.
    expect(result.valueGroups).toEqual([
      { id: "product", weight: 65, score: expect.closeTo(7.769231, 5), attributes: ["reliability", "comfort"] },
      { id: "service", weight: 23.75, score: 8.5, attributes: ["service"] },
      { id: "image", weight: 11.25, score: 6, attributes: ["styling"] },
    ]);
  });

  it("gives the cost groups on the cost scale", () => {
    expect(result.costGroups).toEqual([
      { id: "monetary", weight: 100, score: expect.closeTo(4.4, 10), attributes: ["purchase", "running"] },
    ]);
  });

  it("puts attributes without a group in the group ungrouped", () => {
    const r = ok(deliveredValue({ attributes: twoAttributes, weights: { q: 1, p: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" }));
    expect(r.valueGroups.map((g) => g.id)).toEqual(["ungrouped"]);
  });

  it("works with one rating per side (n = 1)", () => {
    // Hand calculation: value 7, cost 11 - 6 = 5, delivered 2.
    const r = ok(deliveredValue({ attributes: twoAttributes, weights: { q: 1, p: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" }));
    expect([r.totalValue, r.totalCost, r.deliveredValue]).toEqual([7, 5, 2]);
  });

  it("gives delivered value 0 when value and cost tie", () => {
    // Hand calculation: value 5.5, cost 11 - 5.5 = 5.5.
    const r = ok(deliveredValue({ attributes: twoAttributes, weights: { q: 1, p: 1 }, scores: single({ q: 5.5, p: 5.5 }), offerId: "own" }));
    expect(r.deliveredValue).toBe(0);
  });

  it("scores a group whose weights are all 0 by the plain mean", () => {
    // Hand calculation: group g (a weight 1, mean 8) and group h (b weight 0, mean 4): h scores 4, weight 0.
    const attrs: GroupedAttributeDef[] = [
      { id: "a", kind: "quality", group: "g" },
      { id: "b", kind: "quality", group: "h" },
      { id: "p", kind: "price" },
    ];
    const s: MeanScores = { means: { own: { a: 8, b: 4, p: 5 } }, n: { own: { a: 1, b: 1, p: 1 } }, nOffer: { own: 1 } };
    const r = ok(deliveredValue({ attributes: attrs, weights: { a: 1, b: 0, p: 1 }, scores: s, offerId: "own" }));
    expect(r.valueGroups[1]).toEqual({ id: "h", weight: 0, score: 4, attributes: ["b"] });
  });

  it("returns offer-not-rated when the offer lacks a mean", () => {
    const s: MeanScores = { means: { own: { q: 7, p: null } }, n: { own: { q: 1, p: 0 } }, nOffer: { own: 1 } };
    expect(deliveredValue({ attributes: twoAttributes, weights: { q: 1, p: 1 }, scores: s, offerId: "own" })).toEqual({
      ok: false,
      reason: "offer-not-rated",
    });
  });

  it("returns not-a-rating for a lower-is-better attribute", () => {
    const attrs: GroupedAttributeDef[] = [{ id: "q", kind: "quality", lowerIsBetter: true }, { id: "p", kind: "price" }];
    expect(deliveredValue({ attributes: attrs, weights: { q: 1, p: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" })).toEqual({
      ok: false,
      reason: "not-a-rating",
    });
  });

  it("returns mixed-group for a group on both sides", () => {
    const attrs: GroupedAttributeDef[] = [
      { id: "q", kind: "quality", group: "g" },
      { id: "p", kind: "price", group: "g" },
    ];
    expect(deliveredValue({ attributes: attrs, weights: { q: 1, p: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" })).toEqual({
      ok: false,
      reason: "mixed-group",
    });
  });

  it("returns no-attributes without price attributes", () => {
    expect(
      deliveredValue({ attributes: [{ id: "q", kind: "quality" }], weights: { q: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" }),
    ).toEqual({ ok: false, reason: "no-attributes" });
  });

  it("returns no-weights when a side's weights sum to 0", () => {
    expect(deliveredValue({ attributes: twoAttributes, weights: { q: 1 }, scores: single({ q: 7, p: 6 }), offerId: "own" })).toEqual({
      ok: false,
      reason: "no-weights",
    });
  });

  it("returns unknown-offer for an offer not in the scores", () => {
    expect(deliveredValue({ attributes: grouped, weights, scores, offerId: "nobody" })).toEqual({ ok: false, reason: "unknown-offer" });
  });
});
