import { describe, it, expect } from "vitest";
import { meanScores, priceProfile } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);

describe("priceProfile", () => {
  const profile = ok(priceProfile({ attributes, weights, scores, offers, offerId: "aster" }));

  it("uses the price attributes only", () => {
    expect(profile.rows.map((r) => r.id)).toEqual(["purchase", "running"]);
  });

  it("gives aster's price ratios 0.8, 1.2308 (method.md worked example)", () => {
    expect(profile.rows[0]?.ratio).toBeCloseTo(0.8, 4);
    expect(profile.rows[1]?.ratio).toBeCloseTo(1.2308, 4);
  });

  it("gives S = 92.9231 for aster (method.md worked example)", () => {
    expect(profile.satisfaction).toBeCloseTo(92.9231, 4);
  });

  it("gives RP = 107.6159 for aster (method.md worked example)", () => {
    expect(profile.relativePrice).toBeCloseTo(107.6159, 4);
  });

  it("returns no-reference-ratings when no competitor was rated on price", () => {
    const market = [
      { id: "own", own: true },
      { id: "comp", own: false },
    ];
    const attrs = [{ id: "p", kind: "price" as const }];
    const unrated = meanScores([{ id: "r1", weights: {}, ratings: { own: { p: 5 } } }], market, attrs);
    const result = priceProfile({ attributes: attrs, weights: { p: 100 }, scores: unrated, offers: market, offerId: "own" });
    expect(result).toEqual({ ok: false, reason: "no-reference-ratings" });
  });

  it("returns no-attributes when the study has no price attributes", () => {
    const quality = attributes.filter((a) => a.kind === "quality");
    const result = priceProfile({ attributes: quality, weights, scores, offers, offerId: "aster" });
    expect(result).toEqual({ ok: false, reason: "no-attributes" });
  });
});
