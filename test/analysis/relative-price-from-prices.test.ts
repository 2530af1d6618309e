import { describe, it, expect } from "vitest";
import { relativePriceFromPrices } from "../../analysis";

const market = [
  { id: "own", own: true, price: 120 },
  { id: "b", own: false, price: 100 },
  { id: "c", own: false, price: 140 },
];

describe("relativePriceFromPrices", () => {
  it("divides the own price by the mean competitor price", () => {
    // Hand calculation: 100 * 120 / ((100 + 140) / 2) = 100.
    expect(relativePriceFromPrices(market, "own")).toEqual({ ok: true, relativePrice: 100 });
  });

  it("compares head-to-head with one reference id", () => {
    // Hand calculation: 100 * 120 / 100 = 120.
    const result = relativePriceFromPrices(market, "own", ["b"]);
    expect(result.ok && result.relativePrice).toBeCloseTo(120, 4);
  });

  it("leaves reference offers without a price out of the mean", () => {
    // Hand calculation: c has no price, 100 * 120 / 100 = 120.
    const result = relativePriceFromPrices(
      [
        { id: "own", own: true, price: 120 },
        { id: "b", own: false, price: 100 },
        { id: "c", own: false },
      ],
      "own",
    );
    expect(result.ok && result.relativePrice).toBeCloseTo(120, 4);
  });

  it("returns no-own-price when the offer has no price", () => {
    const result = relativePriceFromPrices([{ id: "own", own: true }, { id: "b", own: false, price: 1 }], "own");
    expect(result).toEqual({ ok: false, reason: "no-own-price" });
  });

  it("returns no-reference-prices when no competitor has a price", () => {
    const result = relativePriceFromPrices([{ id: "own", own: true, price: 5 }, { id: "b", own: false }], "own");
    expect(result).toEqual({ ok: false, reason: "no-reference-prices" });
  });

  it("returns zero-reference-price when the competitors' mean price is 0", () => {
    const result = relativePriceFromPrices([{ id: "own", own: true, price: 5 }, { id: "b", own: false, price: 0 }], "own");
    expect(result).toEqual({ ok: false, reason: "zero-reference-price" });
  });

  it("returns unknown-offer for an offer not in the list", () => {
    expect(relativePriceFromPrices(market, "zzz")).toEqual({ ok: false, reason: "unknown-offer" });
  });

  it("returns no-reference when the offer is alone in the market", () => {
    const result = relativePriceFromPrices([{ id: "own", own: true, price: 5 }], "own");
    expect(result).toEqual({ ok: false, reason: "no-reference" });
  });
});
