import { describe, it, expect } from "vitest";
import { annualMargin, measuredRetention } from "../../../analysis";
import { ok } from "../helpers";
import { tx } from "./tx";

describe("measuredRetention", () => {
  // D = 2025-06-30: this year 2024-07-01..2025-06-30, last year 2023-07-01..2024-06-30.
  //   A: 2024-01-10 and 2025-02-01 -> last year and this year: retained
  //   B: 2023-08-01 only           -> last year only
  //   C: 2024-06-30 and 2024-07-01 -> the last day of last year and the first of this year: retained
  //   D: 2023-06-30 and 2025-01-01 -> before last year, then this year: not counted
  //   E: 2025-03-03 only           -> new this year: not counted
  // r = retained / last year's customers = 2 / 3.
  const transactions = [
    tx("A", "2024-01-10", 10),
    tx("A", "2025-02-01", 10),
    tx("B", "2023-08-01", 10),
    tx("C", "2024-06-30", 10),
    tx("C", "2024-07-01", 10),
    tx("D", "2023-06-30", 10),
    tx("D", "2025-01-01", 10),
    tx("E", "2025-03-03", 10),
  ];
  const result = ok(measuredRetention(transactions, { analysisDate: "2025-06-30" }));

  it("is the share of last year's customers who bought this year", () => {
    expect(result.retention).toBeCloseTo(2 / 3, 12);
    expect(result.previousCustomers).toBe(3);
    expect(result.retained).toBe(2);
  });

  it("names both periods", () => {
    expect(result.previous).toEqual({ from: "2023-07-01", to: "2024-06-30" });
    expect(result.current).toEqual({ from: "2024-07-01", to: "2025-06-30" });
  });

  it("steps back from 29 February to 28 February", () => {
    const leap = ok(measuredRetention([tx("a", "2023-01-01", 1)], { analysisDate: "2024-02-29" }));
    expect(leap.current).toEqual({ from: "2023-03-01", to: "2024-02-29" });
    expect(leap.previous).toEqual({ from: "2022-03-01", to: "2023-02-28" });
    expect(leap.retention).toBe(0);
  });

  it("is unavailable when nobody bought last year", () => {
    expect(measuredRetention([tx("E", "2025-03-03", 10)], { analysisDate: "2025-06-30" })).toEqual({
      ok: false,
      reason: "no-previous-customers",
    });
  });
});

describe("annualMargin", () => {
  // D = 2025-06-30, period 2024-07-01..2025-06-30.
  //   a: 200 with margin 50 (and a rate of 0.9 that the margin overrides) -> 50
  //      100 with rate 0.3 (and a cost of 90 that the rate overrides)     -> 30; a: revenue 300, margin 80
  //   b: 100 with cost 60 -> 40; a 1000 on 2024-06-30 without any margin is outside the period
  //   c: 50 without margin, rate or cost -> 50 x default 0.2 = 10
  //   d: a refund of -20 with margin -5 only -> revenue -20, margin -5, not active
  const transactions = [
    tx("a", "2025-01-10", 200, { margin: 50, marginRate: 0.9 }),
    tx("a", "2025-02-10", 100, { marginRate: 0.3, cost: 90 }),
    tx("b", "2025-03-01", 100, { cost: 60 }),
    tx("b", "2024-06-30", 1000),
    tx("c", "2025-04-01", 50),
    tx("d", "2025-05-05", -20, { margin: -5 }),
  ];

  it("adds up each customer's revenue and margin over the last 12 months, by precedence", () => {
    const result = ok(annualMargin(transactions, { analysisDate: "2025-06-30", defaultMarginRate: 0.2 }));
    expect(result.period).toEqual({ from: "2024-07-01", to: "2025-06-30" });
    expect(result.customers).toEqual([
      { id: "a", revenue: 300, margin: 80, active: true },
      { id: "b", revenue: 100, margin: 40, active: true },
      { id: "c", revenue: 50, margin: 10, active: true },
      { id: "d", revenue: -20, margin: -5, active: false },
    ]);
  });

  it("is unavailable when a transaction in the period has no way to a margin", () => {
    expect(annualMargin(transactions, { analysisDate: "2025-06-30" })).toEqual({ ok: false, reason: "no-margin" });
  });

  it("ignores transactions outside the period when looking for margins", () => {
    // D = 2025-07-01: the period is 2024-07-02..2025-07-01, so b's 2024-06-30 sale without a margin is
    // before it and does not make the margins unavailable.
    const later = annualMargin([tx("b", "2024-06-30", 1000), tx("b", "2025-07-01", 10, { margin: 2 })], { analysisDate: "2025-07-01" });
    expect(ok(later).customers).toEqual([{ id: "b", revenue: 10, margin: 2, active: true }]);
  });
});
