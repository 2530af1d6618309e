import { describe, it, expect } from "vitest";
import { fairPrice, meanScores, valueMap } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { qualityShare, weights } from "../fixtures/worked-example-weights";
import { ok } from "../helpers";

/**
 * method.md worked example, weights line slope 1.5 through (100, 100): aster Q = 117.254,
 * RP = 107.6159, fair RP 125.881, vertical value +18.2651. Prices added: aster 120, birch 100,
 * cedar 80.
 */
const scores = meanScores(respondents, offers, attributes);
const map = valueMap({ offers, attributes, weights, scores, qualityShare });
const priced = offers.map((o) => ({ ...o, price: { aster: 120, birch: 100, cedar: 80 }[o.id] as number }));

describe("fairPrice", () => {
  it("puts the own offer's fair RP on the line at its Q: 100 + 1.5 (117.254 - 100) = 125.881 (method.md)", () => {
    const result = ok(fairPrice(map, offers));
    expect(result.offer).toBe("aster");
    expect(result.fairRelativePrice).toBeCloseTo(125.881, 3);
    expect(result.relativePrice).toBeCloseTo(107.6159, 4);
    expect(result.verticalValue).toBeCloseTo(18.2651, 4);
    expect(result.line).toEqual({ type: "weights", slope: 1.5, intercept: -50 });
  });

  it("turns it into a price: 125.881 / 100 * mean(100, 80) = 1.25881 * 90 = 113.2929, gap 120 - 113.2929 = 6.7071", () => {
    const prices = ok(ok(fairPrice(map, priced)).prices);
    expect(prices.referencePrice).toBe(90);
    expect(prices.referenceIds).toEqual(["birch", "cedar"]);
    expect(prices.fair).toBeCloseTo(113.2929, 4);
    expect(prices.gap).toBeCloseTo(6.7071, 4);
    // 100 * 6.7071 / 113.2929 = 5.9202 %
    expect(prices.gapPercent).toBeCloseTo(5.9202, 4);
  });

  it("gives a competitor's fair price against the rest of the market: cedar RP* = 100 + 1.5 (84.4914 - 100) = 76.737", () => {
    const result = ok(fairPrice(map, priced, { offerId: "cedar" }));
    expect(result.fairRelativePrice).toBeCloseTo(76.737, 3);
    // 76.737 / 100 * mean(120, 100) = 0.76737 * 110 = 84.4107; gap 80 - 84.4107 = -4.4107 (priced below fair)
    expect(ok(result.prices).fair).toBeCloseTo(84.4107, 3);
    expect(ok(result.prices).gap).toBeCloseTo(-4.4107, 3);
  });

  it("leaves reference offers without a price out of the mean: mean(birch 100) = 100, fair 125.881", () => {
    const partly = priced.map((o) => (o.id === "cedar" ? { id: o.id, own: o.own } : o));
    const prices = ok(ok(fairPrice(map, partly)).prices);
    expect(prices.referencePrice).toBe(100);
    expect(prices.fair).toBeCloseTo(125.881, 3);
  });

  it("gives the fair RP without prices and says why there is no fair price", () => {
    const result = ok(fairPrice(map, offers));
    expect(result.prices).toEqual({ ok: false, reason: "no-own-price" });
    const ownOnly = priced.map((o) => (o.own ? o : { id: o.id, own: o.own }));
    expect(ok(fairPrice(map, ownOnly)).prices).toEqual({ ok: false, reason: "no-reference-prices" });
    const free = priced.map((o) => (o.own ? o : { ...o, price: 0 }));
    expect(ok(fairPrice(map, free)).prices).toEqual({ ok: false, reason: "zero-reference-price" });
  });

  it("says when the map, the offer or its point is missing", () => {
    expect(fairPrice({ ok: false, reason: "no-points" }, offers)).toEqual({
      ok: false,
      reason: "base-map-unavailable",
      cause: "no-points",
    });
    expect(fairPrice(map, offers, { offerId: "elm" })).toEqual({ ok: false, reason: "unknown-offer" });
    const offMap = ok(map);
    expect(fairPrice({ ...offMap, points: offMap.points.filter((p) => p.offerId !== "aster") }, offers)).toEqual({
      ok: false,
      reason: "offer-not-on-map",
    });
  });

  it("has no fair price where the line is at or below 0 (weights line, slope 1.5, at Q = 20: 100 + 1.5 (20 - 100) = -20)", () => {
    const low = ok(map);
    const points = low.points.map((p) => (p.offerId === "aster" ? { ...p, quality: 20 } : p));
    const result = ok(fairPrice({ ...low, points }, priced));
    expect(result.fairRelativePrice).toBeCloseTo(-20, 10);
    expect(result.prices).toEqual({ ok: false, reason: "non-positive-fair-price" });
  });
});
