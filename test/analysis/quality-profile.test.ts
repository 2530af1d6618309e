import { describe, it, expect } from "vitest";
import { meanScores, qualityProfile } from "../../analysis";
import type { AttributeDef } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);

describe("qualityProfile", () => {
  const profile = ok(qualityProfile({ attributes, weights, scores, offers, offerId: "aster" }));

  it("uses the quality attributes only", () => {
    expect(profile.rows.map((r) => r.id)).toEqual(["reliability", "comfort", "service", "styling"]);
  });

  it("gives aster's ratios 1.2692, 1.0244, 1.3421, 0.8 vs all competitors (method.md worked example)", () => {
    expect(profile.rows[0]?.ratio).toBeCloseTo(1.2692, 4);
    expect(profile.rows[1]?.ratio).toBeCloseTo(1.0244, 4);
    expect(profile.rows[2]?.ratio).toBeCloseTo(1.3421, 4);
    expect(profile.rows[3]?.ratio).toBeCloseTo(0.8, 4);
  });

  it("gives contributions 50.7692, 25.6098, 31.875, 9.0 (method.md worked example)", () => {
    expect(profile.rows[0]?.contribution).toBeCloseTo(50.7692, 4);
    expect(profile.rows[1]?.contribution).toBeCloseTo(25.6098, 4);
    expect(profile.rows[2]?.contribution).toBeCloseTo(31.875, 4);
    expect(profile.rows[3]?.contribution).toBeCloseTo(9.0, 4);
  });

  it("gives Q = 117.254 for aster (method.md worked example)", () => {
    expect(profile.score).toBeCloseTo(117.254, 4);
  });

  it("reports n = 4 respondents for aster (method.md worked example)", () => {
    expect(profile.n).toBe(4);
  });

  it("gives absolute index 7.7438 for aster (method.md worked example)", () => {
    // Hand calculation: (40 * 8.25 + 25 * 7 + 23.75 * 8.5 + 11.25 * 6) / 100 = 7.74375,
    // printed 7.7438 in method.md; the unrounded value is checked.
    expect(profile.absoluteIndex).toBeCloseTo(7.74375, 4);
  });

  it("gives absolute index 7.0917 for birch (method.md worked example)", () => {
    const birch = ok(qualityProfile({ attributes, weights, scores, offers, offerId: "birch" }));
    expect(birch.absoluteIndex).toBeCloseTo(7.0917, 4);
  });

  it("gives absolute index 6.2208 for cedar (method.md worked example)", () => {
    const cedar = ok(qualityProfile({ attributes, weights, scores, offers, offerId: "cedar" }));
    expect(cedar.absoluteIndex).toBeCloseTo(6.2208, 4);
  });

  it("compares head-to-head when one reference id is given (method.md worked example: Q - 100 = 10.5357)", () => {
    const h2h = ok(qualityProfile({ attributes, weights, scores, offers, offerId: "aster", referenceIds: ["birch"] }));
    expect(h2h.score).toBeCloseTo(110.5357, 4);
  });

  it("defaults the reference to every other offer in the scores when offers are not given", () => {
    const profileFromScores = ok(qualityProfile({ attributes, weights, scores, offerId: "aster" }));
    expect(profileFromScores.score).toBeCloseTo(117.254, 4);
  });

  it("works with one respondent (n = 1)", () => {
    // Hand calculation: weights 3/1 -> 75/25; own 8, 6 vs competitor 4, 6: ratios 2, 1;
    // Q = 75 * 2 + 25 * 1 = 175.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const one = meanScores(
      [{ id: "r1", weights: { a: 3, b: 1 }, ratings: { own: { a: 8, b: 6 }, comp: { a: 4, b: 6 } } }],
      [
        { id: "own", own: true },
        { id: "comp", own: false },
      ],
      attrs,
    );
    const result = ok(
      qualityProfile({ attributes: attrs, weights: { a: 75, b: 25 }, scores: one, offerId: "own" }),
    );
    expect(result.score).toBeCloseTo(175, 4);
    expect(result.n).toBe(1);
  });

  it("returns no-reference-ratings when no competitor was rated", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const market = [
      { id: "own", own: true },
      { id: "comp", own: false },
    ];
    const unrated = meanScores([{ id: "r1", weights: { a: 1 }, ratings: { own: { a: 8 } } }], market, attrs);
    const result = qualityProfile({ attributes: attrs, weights: { a: 100 }, scores: unrated, offers: market, offerId: "own" });
    expect(result).toEqual({ ok: false, reason: "no-reference-ratings" });
  });

  it("returns offer-not-rated when a rating of the offer is missing for an attribute", () => {
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const market = [
      { id: "own", own: true },
      { id: "comp", own: false },
    ];
    const partial = meanScores(
      [{ id: "r1", weights: {}, ratings: { own: { a: 8 }, comp: { a: 5, b: 5 } } }],
      market,
      attrs,
    );
    const result = qualityProfile({ attributes: attrs, weights: { a: 50, b: 50 }, scores: partial, offers: market, offerId: "own" });
    expect(result).toEqual({ ok: false, reason: "offer-not-rated" });
  });
});
