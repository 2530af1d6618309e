import { describe, it, expect } from "vitest";
import { customerValueScore, meanScores, priceProfile, qualityProfile } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { qualityShare, weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

describe("customerValueScore", () => {
  it("gives V = 107.5216, above parity, for aster (method.md worked example)", () => {
    const scores = meanScores(respondents, offers, attributes);
    const q = ok(qualityProfile({ attributes, weights, scores, offers, offerId: "aster" }));
    const s = ok(priceProfile({ attributes, weights, scores, offers, offerId: "aster" }));
    const result = ok(customerValueScore(q.score, s.satisfaction, qualityShare));
    expect(result.value).toBeCloseTo(107.5216, 4);
    expect(result.band).toBe("above-parity");
  });

  it("weighs Q and S by q and 100 - q", () => {
    // Hand calculation: (60 * 120 + 40 * 90) / 100 = 108.
    expect(customerValueScore(120, 90, 60)).toEqual({ ok: true, value: 108, band: "above-parity" });
  });

  it("puts V just above 110 in world-class", () => {
    expect(ok(customerValueScore(110.001, 110.001, 50)).band).toBe("world-class");
  });

  it("puts V = 110 in above-parity", () => {
    expect(ok(customerValueScore(110, 110, 60)).band).toBe("above-parity");
  });

  it("puts V = 103 in above-parity", () => {
    expect(ok(customerValueScore(103, 103, 60)).band).toBe("above-parity");
  });

  it("puts V = 102.5 (the gap between 102 and 103) in parity", () => {
    expect(ok(customerValueScore(102.5, 102.5, 60)).band).toBe("parity");
  });

  it("puts V = 98 in parity", () => {
    expect(ok(customerValueScore(98, 98, 60)).band).toBe("parity");
  });

  it("puts V just below 98 in below-parity", () => {
    expect(ok(customerValueScore(97.999, 97.999, 50)).band).toBe("below-parity");
  });

  it("uses S only when q = 0", () => {
    expect(ok(customerValueScore(150, 90, 0)).value).toBe(90);
  });

  it("returns quality-share-out-of-range for q above 100", () => {
    expect(customerValueScore(100, 100, 101)).toEqual({ ok: false, reason: "quality-share-out-of-range" });
  });

  it("returns quality-share-out-of-range for q below 0", () => {
    expect(customerValueScore(100, 100, -1)).toEqual({ ok: false, reason: "quality-share-out-of-range" });
  });

  it("returns not-finite for a NaN score", () => {
    expect(customerValueScore(Number.NaN, 100, 50)).toEqual({ ok: false, reason: "not-finite" });
  });
});
