import { describe, it, expect } from "vitest";
import { customerPyramid } from "../../../analysis";
import { ok } from "../helpers";

// 20 customers with margins 20, 19, ..., 1 (total 210) and revenue 100 each (total 2000).
// A customer is in the top share p when fewer than p x 20 customers have a higher margin:
//   platinum: fewer than 1 ahead -> margin 20                      (1 customer)
//   gold:     fewer than 4 ahead -> 19, 18, 17                     (3)
//   iron:     fewer than 10 ahead -> 16 .. 11                      (6)
//   lead:     the rest -> 10 .. 1                                  (10)
// Margins: 20; 19 + 18 + 17 = 54; 16 + ... + 11 = 81; 10 + ... + 1 = 55 (20 + 54 + 81 + 55 = 210).
const twenty = Array.from({ length: 20 }, (_, k) => ({ id: `c${k + 1}`, margin: 20 - k, revenue: 100 }));

describe("customerPyramid", () => {
  const result = ok(customerPyramid(twenty));
  const tier = (name: string) => result.tiers.find((t) => t.tier === name)!;

  it("puts 5 %, 15 %, 30 % and the rest in platinum, gold, iron and lead", () => {
    expect(result.tiers.map((t) => [t.tier, t.count])).toEqual([
      ["platinum", 1],
      ["gold", 3],
      ["iron", 6],
      ["lead", 10],
    ]);
  });

  it("gives each tier's margin and its share of the total", () => {
    expect(result.tiers.map((t) => t.margin)).toEqual([20, 54, 81, 55]);
    expect(ok(tier("iron").marginShare).value).toBeCloseTo(81 / 210, 12);
  });

  it("gives each tier's revenue share", () => {
    // 100 per customer: iron 600 / 2000 = 0.3.
    expect(ok(tier("iron").revenueShare).value).toBeCloseTo(0.3, 12);
    expect(tier("lead").revenue).toBe(1000);
  });

  it("tiers each customer", () => {
    expect(result.customers.slice(0, 5).map((c) => c.tier)).toEqual(["platinum", "gold", "gold", "gold", "iron"]);
  });

  it("gives tied margins the better tier", () => {
    // n = 10, margins 50, 50, 40, 30, 30, 30, 20, 10, 10, 5; limits 0.5, 2, 5 customers ahead.
    // 50s: 0 ahead -> platinum (both); 40: 2 ahead, not < 2 -> iron; 30s: 3 ahead -> iron;
    // 20: 6 ahead -> lead; 10s, 5 -> lead. Gold stays empty.
    const margins = [50, 50, 40, 30, 30, 30, 20, 10, 10, 5];
    const tied = ok(customerPyramid(margins.map((margin, k) => ({ id: `t${k}`, margin, revenue: margin }))));
    expect(tied.customers.map((c) => c.tier)).toEqual(["platinum", "platinum", "iron", "iron", "iron", "iron", "lead", "lead", "lead", "lead"]);
    expect(tied.tiers.map((t) => t.count)).toEqual([2, 0, 4, 4]);
  });

  it("takes other cut-offs", () => {
    // 10 %, 20 %, 30 % of 20: fewer than 2, 6, 12 ahead -> 2, 4, 6, and 8 in lead.
    const custom = ok(customerPyramid(twenty, { cutoffs: { platinum: 0.1, gold: 0.2, iron: 0.3 } }));
    expect(custom.tiers.map((t) => t.count)).toEqual([2, 4, 6, 8]);
  });

  it("makes a single customer platinum (nobody is ahead)", () => {
    expect(ok(customerPyramid([{ id: "x", margin: 5, revenue: 10 }])).customers[0]?.tier).toBe("platinum");
  });

  it("leaves shares unavailable when a total is not positive", () => {
    const losses = ok(customerPyramid([{ id: "x", margin: -5, revenue: 10 }]));
    expect(losses.tiers[0]?.marginShare).toEqual({ ok: false, reason: "non-positive-total" });
    expect(ok(losses.tiers[0]!.revenueShare).value).toBe(1);
  });

  it("returns the reasons of unusable input", () => {
    expect(customerPyramid([])).toEqual({ ok: false, reason: "no-customers" });
    expect(customerPyramid([twenty[0]!, twenty[0]!])).toEqual({ ok: false, reason: "duplicate-customer" });
    expect(customerPyramid([{ id: "x", margin: Number.NaN, revenue: 1 }])).toEqual({ ok: false, reason: "not-finite" });
    expect(customerPyramid(twenty, { cutoffs: { platinum: 0.5, gold: 0.4, iron: 0.2 } })).toEqual({ ok: false, reason: "invalid-cutoffs" });
    expect(customerPyramid(twenty, { cutoffs: { platinum: -0.1, gold: 0.4, iron: 0.2 } })).toEqual({ ok: false, reason: "invalid-cutoffs" });
  });
});
