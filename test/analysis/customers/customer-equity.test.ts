import { describe, it, expect } from "vitest";
import { customerEquity, equitySensitivity } from "../../../analysis";
import { ok } from "../helpers";

// Margins 100, 200, 300; r = 0.8, i = 0.10, c = 50 (docs/method.md §11): each CLV = m x 1.1 / 0.3 - 50
// = 316.67, 683.33, 1050; equity = 600 x 11 / 3 - 3 x 50 = 2200 - 150 = 2050.
const customers = [
  { id: "a", margin: 100 },
  { id: "b", margin: 200 },
  { id: "c", margin: 300 },
];

describe("customerEquity", () => {
  const result = ok(customerEquity({ customers, retention: 0.8, discountRate: 0.1, cost: 50 }));

  it("sums the CLV of the customers", () => {
    expect(result.equity).toBeCloseTo(2050, 9);
    expect(result.count).toBe(3);
  });

  it("is n times the mean CLV", () => {
    expect(result.meanClv).toBeCloseTo(2050 / 3, 9);
  });

  it("lists each customer's CLV", () => {
    expect(result.customers.map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(result.customers[2]?.clv).toBeCloseTo(1050, 9);
  });

  it("passes a horizon on", () => {
    // T = 1: each CLV = m - c -> 50 + 150 + 250 = 450.
    expect(ok(customerEquity({ customers, retention: 0.8, cost: 50, horizonYears: 1 })).equity).toBe(450);
  });

  it("returns the reasons of unusable input", () => {
    expect(customerEquity({ customers: [], retention: 0.8 })).toEqual({ ok: false, reason: "no-customers" });
    expect(customerEquity({ customers: [customers[0]!, customers[0]!], retention: 0.8 })).toEqual({ ok: false, reason: "duplicate-customer" });
    expect(customerEquity({ customers, retention: 1, discountRate: 0 })).toEqual({ ok: false, reason: "diverges" });
  });
});

describe("equitySensitivity", () => {
  // Margins 100 + 200 = 300, c = 0: equity = 300 (1 + i) / (1 + i - r).
  //   i = 0:   r = 0.5 -> 300 / 0.5 = 600;        r = 1 -> diverges
  //   i = 0.1: r = 0.5 -> 330 / 0.6 = 550;        r = 1 -> 330 / 0.1 = 3300
  const table = ok(
    equitySensitivity({ customers: customers.slice(0, 2), retentions: [0.5, 1], discountRates: [0, 0.1] }),
  );

  it("fills rows of discount rates and columns of retention", () => {
    expect(table.discountRates).toEqual([0, 0.1]);
    expect(table.retentions).toEqual([0.5, 1]);
    const [row0, row1] = table.equity;
    expect(ok(row0![0]!).value).toBeCloseTo(600, 9);
    expect(ok(row1![0]!).value).toBeCloseTo(550, 9);
    expect(ok(row1![1]!).value).toBeCloseTo(3300, 9);
  });

  it("marks a cell that diverges and keeps the rest", () => {
    expect(table.equity[0]![1]).toEqual({ ok: false, reason: "diverges" });
  });

  it("returns the reasons of an unusable table", () => {
    expect(equitySensitivity({ customers, retentions: [], discountRates: [0.1] })).toEqual({ ok: false, reason: "no-grid" });
    expect(equitySensitivity({ customers: [], retentions: [0.5], discountRates: [0.1] })).toEqual({ ok: false, reason: "no-customers" });
    expect(equitySensitivity({ customers: [{ id: "x", margin: Number.NaN }], retentions: [0.5], discountRates: [0.1] })).toEqual({
      ok: false,
      reason: "not-finite",
    });
    expect(equitySensitivity({ customers, retentions: [0.5], discountRates: [0.1], horizonYears: 0 })).toEqual({
      ok: false,
      reason: "invalid-horizon",
    });
  });
});
