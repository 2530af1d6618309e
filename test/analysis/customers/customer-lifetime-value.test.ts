import { describe, it, expect } from "vitest";
import { customerLifetimeValue } from "../../../analysis";
import { ok } from "../helpers";

// m = 100, i = 0.10, r = 0.8, c = 50 (hand calculation, docs/method.md §11).
const base = { margin: 100, discountRate: 0.1, retention: 0.8, cost: 50 };

describe("customerLifetimeValue", () => {
  it("computes the unlimited horizon m (1 + i) / (1 + i - r) - c", () => {
    // 100 x 1.1 / 0.3 - 50 = 366.666... - 50 = 316.666...
    const clv = ok(customerLifetimeValue(base));
    expect(clv.value).toBeCloseTo(316.6666666667, 9);
    expect(clv.horizon).toBe("unlimited");
  });

  it("computes a horizon of T years as the discounted sum of retained margins", () => {
    // T = 3: 100 (1 + 0.8/1.1 + 0.64/1.21) - 50 = 100 x (121 + 88 + 64) / 121 - 50
    //       = 27300 / 121 - 50 = 225.619834... - 50 = 175.619834...
    const clv = ok(customerLifetimeValue({ ...base, horizonYears: 3 }));
    expect(clv.value).toBeCloseTo(27300 / 121 - 50, 9);
    expect(clv.horizon).toBe(3);
  });

  it("gives one year's margin less the cost for T = 1", () => {
    expect(ok(customerLifetimeValue({ ...base, horizonYears: 1 })).value).toBe(50);
  });

  it("defaults the discount rate to 10 % and the cost to 0", () => {
    // 100 x 1.1 / (1.1 - 0.8) = 366.666...
    expect(ok(customerLifetimeValue({ margin: 100, retention: 0.8 })).value).toBeCloseTo(1100 / 3, 9);
  });

  it("gives m (1 + i) / (1 + i) = m with no retention", () => {
    expect(ok(customerLifetimeValue({ margin: 100, retention: 0, discountRate: 0.1 })).value).toBeCloseTo(100, 12);
  });

  it("allows full retention when the discount rate is positive", () => {
    // r = 1, i = 0.1: 100 x 1.1 / 0.1 = 1100.
    expect(ok(customerLifetimeValue({ margin: 100, retention: 1, discountRate: 0.1 })).value).toBeCloseTo(1100, 9);
  });

  it("refuses an unlimited horizon that diverges (r >= 1 + i)", () => {
    expect(customerLifetimeValue({ margin: 100, retention: 1, discountRate: 0 })).toEqual({ ok: false, reason: "diverges" });
    expect(customerLifetimeValue({ margin: 100, retention: 0.97, discountRate: -0.05 })).toEqual({ ok: false, reason: "diverges" });
  });

  it("sums a horizon even where the unlimited form diverges", () => {
    // r = 1, i = 0, T = 4: 4 x 100 = 400.
    expect(ok(customerLifetimeValue({ margin: 100, retention: 1, discountRate: 0, horizonYears: 4 })).value).toBe(400);
  });

  it("refuses rates and horizons out of range", () => {
    expect(customerLifetimeValue({ ...base, retention: 1.2 })).toEqual({ ok: false, reason: "retention-out-of-range" });
    expect(customerLifetimeValue({ ...base, retention: -0.1 })).toEqual({ ok: false, reason: "retention-out-of-range" });
    expect(customerLifetimeValue({ ...base, discountRate: -1 })).toEqual({ ok: false, reason: "discount-rate-out-of-range" });
    expect(customerLifetimeValue({ ...base, horizonYears: 0 })).toEqual({ ok: false, reason: "invalid-horizon" });
    expect(customerLifetimeValue({ ...base, horizonYears: 2.5 })).toEqual({ ok: false, reason: "invalid-horizon" });
    expect(customerLifetimeValue({ ...base, horizonYears: 1001 })).toEqual({ ok: false, reason: "invalid-horizon" });
    expect(customerLifetimeValue({ ...base, margin: Number.POSITIVE_INFINITY })).toEqual({ ok: false, reason: "not-finite" });
    expect(customerLifetimeValue({ ...base, cost: Number.NaN })).toEqual({ ok: false, reason: "not-finite" });
  });
});
