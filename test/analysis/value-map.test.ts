import { describe, it, expect } from "vitest";
import { meanScores, valueMap } from "../../analysis";
import type { RespondentInput } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { qualityShare, weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const scores = meanScores(respondents, offers, attributes);
const map = ok(valueMap({ offers, attributes, weights, scores, qualityShare }));

function point(offerId: string) {
  const found = map.points.find((p) => p.offerId === offerId);
  if (found === undefined) throw new Error(`no point for ${offerId}`);
  return found;
}

describe("valueMap", () => {
  it("uses the weights line with slope 1.5 by default (method.md worked example)", () => {
    expect(map.line.type).toBe("weights");
    expect(map.line.slope).toBeCloseTo(1.5, 4);
  });

  it("places aster at (117.254, 107.6159) (method.md worked example)", () => {
    expect(point("aster").quality).toBeCloseTo(117.254, 4);
    expect(point("aster").relativePrice).toBeCloseTo(107.6159, 4);
  });

  it("places birch at (102.4081, 112.2129) against aster and cedar (method.md worked example)", () => {
    expect(point("birch").quality).toBeCloseTo(102.4081, 4);
    expect(point("birch").relativePrice).toBeCloseTo(112.2129, 4);
  });

  it("places cedar at (84.4914, 81.8966) against aster and birch (method.md worked example)", () => {
    expect(point("cedar").quality).toBeCloseTo(84.4914, 4);
    expect(point("cedar").relativePrice).toBeCloseTo(81.8966, 4);
  });

  it("gives fair RP 125.881, 103.6121, 76.737 (method.md worked example)", () => {
    expect(point("aster").fairRelativePrice).toBeCloseTo(125.881, 4);
    expect(point("birch").fairRelativePrice).toBeCloseTo(103.6121, 4);
    expect(point("cedar").fairRelativePrice).toBeCloseTo(76.737, 4);
  });

  it("gives vertical value +18.2651, -8.6008, -5.1595 (method.md worked example)", () => {
    expect(point("aster").value).toBeCloseTo(18.2651, 4);
    expect(point("birch").value).toBeCloseTo(-8.6008, 4);
    expect(point("cedar").value).toBeCloseTo(-5.1595, 4);
  });

  it("gives the perpendicular distance v / sqrt(1 + 1.5^2)", () => {
    // Hand calculation from method.md's v = 18.2651: 18.2651 / sqrt(3.25).
    expect(point("aster").perpendicular).toBeCloseTo(18.2651 / Math.sqrt(3.25), 4);
  });

  it("reports the S and n of each point (method.md worked example: S = 92.9231, n = 4, 3, 3)", () => {
    expect(point("aster").satisfaction).toBeCloseTo(92.9231, 4);
    expect(map.points.map((p) => p.n)).toEqual([4, 3, 3]);
    expect(point("aster").own).toBe(true);
  });

  it("sorts offers into zones with the default band of 5", () => {
    // From the vertical values above: +18.27 > 5, -8.60 < -5, -5.16 < -5.
    expect(map.band).toBe(5);
    expect(map.points.map((p) => p.zone)).toEqual(["better", "worse", "worse"]);
  });

  it("puts offers within the band in the fair zone", () => {
    // cedar's v = -5.1595 lies within a band of 6.
    const wide = ok(valueMap({ offers, attributes, weights, scores, qualityShare, band: 6 }));
    expect(wide.points.find((p) => p.offerId === "cedar")?.zone).toBe("fair");
  });

  it("marks the offers not beaten on both axes as the frontier", () => {
    // birch has lower Q and higher RP than aster; aster has the highest Q, cedar the lowest RP.
    expect(map.points.map((p) => [p.offerId, p.frontier])).toEqual([
      ["aster", true],
      ["birch", false],
      ["cedar", true],
    ]);
  });

  it("draws the parity line when asked", () => {
    // Hand calculation: aster fair RP = Q = 117.254, v = 117.254 - 107.6159 = 9.6381.
    const parity = ok(valueMap({ offers, attributes, weights, scores, qualityShare, line: { type: "parity" } }));
    expect(parity.points[0]?.value).toBeCloseTo(9.6381, 4);
  });

  it("lists an offer nobody rated as unavailable and maps the rest", () => {
    const withoutCedar: RespondentInput[] = respondents.map((r) => {
      const ratings = { ...r.ratings };
      delete ratings.cedar;
      return { ...r, ratings };
    });
    const partial = meanScores(withoutCedar, offers, attributes);
    const result = ok(valueMap({ offers, attributes, weights, scores: partial, qualityShare }));
    expect(result.unavailable).toEqual([{ offerId: "cedar", reason: "offer-not-rated" }]);
    expect(result.points.map((p) => p.offerId)).toEqual(["aster", "birch"]);
  });

  it("returns too-few-offers for a regression line with 2 offers", () => {
    const two = offers.slice(0, 2);
    const twoScores = meanScores(respondents, two, attributes);
    const result = valueMap({ offers: two, attributes, weights, scores: twoScores, qualityShare, line: { type: "regression" } });
    expect(result).toEqual({ ok: false, reason: "too-few-offers" });
  });

  it("returns no-points when no offer can be placed", () => {
    const alone = offers.slice(0, 1);
    const result = valueMap({ offers: alone, attributes, weights, scores, qualityShare });
    expect(result).toEqual({ ok: false, reason: "no-points" });
  });

  it("returns no-quality-share for the default line without q", () => {
    const result = valueMap({ offers, attributes, weights, scores, qualityShare: null });
    expect(result).toEqual({ ok: false, reason: "no-quality-share" });
  });
});
