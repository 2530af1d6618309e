import { describe, it, expect } from "vitest";
import { meanScores } from "../../analysis";
import type { AttributeDef, OfferDef } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";

describe("meanScores", () => {
  const scores = meanScores(respondents, offers, attributes);

  it("gives aster's means 8.25 7 8.5 6 / 6 8 (method.md worked example)", () => {
    const m = scores.means.aster ?? {};
    expect(m.reliability).toBeCloseTo(8.25, 4);
    expect(m.comfort).toBeCloseTo(7, 4);
    expect(m.service).toBeCloseTo(8.5, 4);
    expect(m.styling).toBeCloseTo(6, 4);
    expect(m.purchase).toBeCloseTo(6, 4);
    expect(m.running).toBeCloseTo(8, 4);
  });

  it("gives birch's means 7 8 6.3333 7 / 6.6667 6 (method.md worked example)", () => {
    const m = scores.means.birch ?? {};
    expect(m.reliability).toBeCloseTo(7, 4);
    expect(m.comfort).toBeCloseTo(8, 4);
    expect(m.service).toBeCloseTo(6.3333, 4);
    expect(m.styling).toBeCloseTo(7, 4);
    expect(m.purchase).toBeCloseTo(6.6667, 4);
    expect(m.running).toBeCloseTo(6, 4);
  });

  it("gives cedar's means 6 5.6667 6.3333 8 / 8.3333 7 (method.md worked example)", () => {
    const m = scores.means.cedar ?? {};
    expect(m.reliability).toBeCloseTo(6, 4);
    expect(m.comfort).toBeCloseTo(5.6667, 4);
    expect(m.service).toBeCloseTo(6.3333, 4);
    expect(m.styling).toBeCloseTo(8, 4);
    expect(m.purchase).toBeCloseTo(8.3333, 4);
    expect(m.running).toBeCloseTo(7, 4);
  });

  it("counts n = 4, 3, 3 respondents per offer (method.md worked example)", () => {
    expect(scores.nOffer).toEqual({ aster: 4, birch: 3, cedar: 3 });
    expect(scores.n.birch?.reliability).toBe(3);
    expect(scores.n.aster?.running).toBe(4);
  });

  it("uses only the ratings given when an attribute rating is missing", () => {
    // Hand calculation: a rated 4 and 6 -> 5 (n 2); b rated only by r1 -> 9 (n 1).
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const own: OfferDef[] = [{ id: "x", own: true }];
    const result = meanScores(
      [
        { id: "r1", weights: {}, ratings: { x: { a: 4, b: 9 } } },
        { id: "r2", weights: {}, ratings: { x: { a: 6 } } },
      ],
      own,
      attrs,
    );
    expect(result.means.x?.a).toBeCloseTo(5, 4);
    expect(result.n.x).toEqual({ a: 2, b: 1 });
    expect(result.means.x?.b).toBeCloseTo(9, 4);
    expect(result.nOffer.x).toBe(2);
  });

  it("returns null means and n = 0 for an offer nobody rated", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const result = meanScores(
      [{ id: "r1", weights: {}, ratings: {} }],
      [{ id: "x", own: true }],
      attrs,
    );
    expect(result.means.x?.a).toBeNull();
    expect(result.n.x?.a).toBe(0);
    expect(result.nOffer.x).toBe(0);
  });

  it("returns each rating as the mean with n = 1 for a single respondent", () => {
    const attrs: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const result = meanScores(
      [{ id: "r1", weights: {}, ratings: { x: { a: 7 } } }],
      [{ id: "x", own: true }],
      attrs,
    );
    expect(result.means.x?.a).toBe(7);
    expect(result.nOffer.x).toBe(1);
  });
});
