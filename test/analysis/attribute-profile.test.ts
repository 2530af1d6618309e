import { describe, it, expect } from "vitest";
import { attributeProfile, meanScores } from "../../analysis";
import type { AttributeDef, MeanScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);
const quality = attributes.filter((a) => a.kind === "quality");

describe("attributeProfile", () => {
  it("gives head-to-head areas 7.1429, -3.125, 8.125, -1.6071 for aster vs birch (method.md worked example)", () => {
    const profile = ok(
      attributeProfile({ attributes: quality, weights, scores, offerId: "aster", referenceIds: ["birch"] }),
    );
    const areas = profile.rows.map((row) => row.weight * (row.ratio - 1));
    expect(areas[0]).toBeCloseTo(7.1429, 4);
    expect(areas[1]).toBeCloseTo(-3.125, 4);
    expect(areas[2]).toBeCloseTo(8.125, 4);
    expect(areas[3]).toBeCloseTo(-1.6071, 4);
  });

  it("gives Q - 100 = 10.5357 for aster against birch alone (method.md worked example)", () => {
    const profile = ok(
      attributeProfile({ attributes: quality, weights, scores, offerId: "aster", referenceIds: ["birch"] }),
    );
    expect(profile.score - 100).toBeCloseTo(10.5357, 4);
  });

  it("reproduces the DFSS-S Table 5.3 published check Q = 232 (method.md published check)", () => {
    // Means built so that own / reference = 3.0, 2.0, 1.5, 1.4, 2.0 with reference 2 each.
    const attrs: AttributeDef[] = ["a", "b", "c", "d", "e"].map((id) => ({ id, kind: "quality" }));
    const dfss: MeanScores = {
      means: {
        own: { a: 6, b: 4, c: 3, d: 2.8, e: 4 },
        ref: { a: 2, b: 2, c: 2, d: 2, e: 2 },
      },
      n: { own: { a: 1, b: 1, c: 1, d: 1, e: 1 }, ref: { a: 1, b: 1, c: 1, d: 1, e: 1 } },
      nOffer: { own: 1, ref: 1 },
    };
    const profile = ok(
      attributeProfile({
        attributes: attrs,
        weights: { a: 40, b: 30, c: 10, d: 5, e: 15 },
        scores: dfss,
        offerId: "own",
        referenceIds: ["ref"],
      }),
    );
    expect(profile.score).toBeCloseTo(232, 4);
  });

  it("inverts the ratio for a lowerIsBetter attribute", () => {
    // Hand calculation: a (w 60) own 6 ref 5 -> 1.2 -> 72; b (w 40, lower is better) own 2
    // ref 4 -> 4 / 2 = 2 -> 80; score 152.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality", lowerIsBetter: true },
    ];
    const two: MeanScores = {
      means: { own: { a: 6, b: 2 }, ref: { a: 5, b: 4 } },
      n: { own: { a: 1, b: 1 }, ref: { a: 1, b: 1 } },
      nOffer: { own: 1, ref: 1 },
    };
    const profile = ok(
      attributeProfile({ attributes: attrs, weights: { a: 60, b: 40 }, scores: two, offerId: "own", referenceIds: ["ref"] }),
    );
    expect(profile.rows[1]?.ratio).toBeCloseTo(2, 4);
    expect(profile.score).toBeCloseTo(152, 4);
  });

  it("does not invert lowerIsBetter attributes in the absolute index", () => {
    // Hand calculation: (60 * 6 + 40 * 2) / 100 = 4.4.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality", lowerIsBetter: true },
    ];
    const two: MeanScores = {
      means: { own: { a: 6, b: 2 }, ref: { a: 5, b: 4 } },
      n: { own: { a: 1, b: 1 }, ref: { a: 1, b: 1 } },
      nOffer: { own: 1, ref: 1 },
    };
    const profile = ok(
      attributeProfile({ attributes: attrs, weights: { a: 60, b: 40 }, scores: two, offerId: "own", referenceIds: ["ref"] }),
    );
    expect(profile.absoluteIndex).toBeCloseTo(4.4, 4);
  });

  it("rescales weights that do not sum to 100", () => {
    // Hand calculation: weights 3 and 1 -> 75 and 25; ratios 2 and 1 -> 150 + 25 = 175.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const two: MeanScores = {
      means: { own: { a: 8, b: 6 }, ref: { a: 4, b: 6 } },
      n: { own: { a: 1, b: 1 }, ref: { a: 1, b: 1 } },
      nOffer: { own: 1, ref: 1 },
    };
    const profile = ok(
      attributeProfile({ attributes: attrs, weights: { a: 3, b: 1 }, scores: two, offerId: "own", referenceIds: ["ref"] }),
    );
    expect(profile.score).toBeCloseTo(175, 4);
  });

  it("gives score 100 when the offer ties the reference on every attribute", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const tie: MeanScores = {
      means: { own: { a: 7 }, ref: { a: 7 } },
      n: { own: { a: 2 }, ref: { a: 2 } },
      nOffer: { own: 2, ref: 2 },
    };
    const profile = ok(
      attributeProfile({ attributes: attrs, weights: { a: 100 }, scores: tie, offerId: "own", referenceIds: ["ref"] }),
    );
    expect(profile.score).toBe(100);
  });

  it("returns unknown-offer for an offer not in the scores", () => {
    const result = attributeProfile({ attributes: quality, weights, scores, offerId: "dahlia", referenceIds: ["birch"] });
    expect(result).toEqual({ ok: false, reason: "unknown-offer" });
  });

  it("returns no-reference for an empty reference set", () => {
    const result = attributeProfile({ attributes: quality, weights, scores, offerId: "aster", referenceIds: [] });
    expect(result).toEqual({ ok: false, reason: "no-reference" });
  });

  it("returns no-weights when the weights sum to 0", () => {
    const result = attributeProfile({ attributes: quality, weights: {}, scores, offerId: "aster", referenceIds: ["birch"] });
    expect(result).toEqual({ ok: false, reason: "no-weights" });
  });

  it("returns offer-not-rated when the offer lacks a mean on an attribute", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const missing: MeanScores = {
      means: { own: { a: null }, ref: { a: 5 } },
      n: { own: { a: 0 }, ref: { a: 1 } },
      nOffer: { own: 0, ref: 1 },
    };
    const result = attributeProfile({ attributes: attrs, weights: { a: 100 }, scores: missing, offerId: "own", referenceIds: ["ref"] });
    expect(result).toEqual({ ok: false, reason: "offer-not-rated" });
  });

  it("returns no-reference-ratings when no competitor was rated", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const missing: MeanScores = {
      means: { own: { a: 6 }, ref: { a: null } },
      n: { own: { a: 1 }, ref: { a: 0 } },
      nOffer: { own: 1, ref: 0 },
    };
    const result = attributeProfile({ attributes: attrs, weights: { a: 100 }, scores: missing, offerId: "own", referenceIds: ["ref"] });
    expect(result).toEqual({ ok: false, reason: "no-reference-ratings" });
  });
});
