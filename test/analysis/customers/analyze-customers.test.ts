import { describe, it, expect } from "vitest";
import { analyzeCustomers } from "../../../analysis";
import { ok } from "../helpers";
import { tx } from "./tx";

// D = 2025-06-30 (hand calculation, docs/method.md §11).
//   A: 2024-03-01 (100, margin 40), 2025-03-01 (200, margin 80), 2025-06-01 (100, margin 40)
//   B: 2024-05-01 (50, margin 20), 2025-06-29 (150, margin 60)
//   C: 2024-04-01 (80, margin 30)
//   E: 2025-05-01 (300, margin 100)
// Retention: last year (2023-07-01..2024-06-30) A, B, C; this year A, B -> r = 2/3.
// Annual margins (2024-07-01..2025-06-30): A 80 + 40 = 120, B 60, E 100; C inactive.
// CLV = m x 1.1 / (1.1 - 2/3) = m x 33/13: A 3960/13, B 1980/13, E 3300/13; equity 9240/13.
// Pyramid of A 120, E 100, B 60 (n = 3): A 0 ahead < 0.15 platinum; E 1 ahead: not < 0.6, < 1.5 iron;
// B 2 ahead -> lead.
// RFM (n = 4): R = 29, 1, 455, 60 days -> ranks 3, 4, 1, 2 -> scores 1 + floor(5 (rank - 1) / 4) = 3, 4, 1, 2.
//   F = 3, 2, 1, 1 -> C, E tie at 1.5 -> 1 -> score 1; B rank 3 -> 3; A rank 4 -> 4.
//   M = 400, 200, 80, 300 -> ranks 4, 2, 1, 3 -> scores 4, 2, 1, 3.
// Silent: A intervals 365, 92, T_r 29 -> S = 29/365, rank 1 of 3; B interval 424, T_r 1 -> S = 1/424, 1/2;
//   pooled median of 365, 92, 424 = 365: C 455/365 (silent), E 60/365.
const D = "2025-06-30";
const transactions = [
  tx("A", "2024-03-01", 100, { margin: 40 }),
  tx("A", "2025-03-01", 200, { margin: 80 }),
  tx("A", "2025-06-01", 100, { margin: 40 }),
  tx("B", "2024-05-01", 50, { margin: 20 }),
  tx("B", "2025-06-29", 150, { margin: 60 }),
  tx("C", "2024-04-01", 80, { margin: 30 }),
  tx("E", "2025-05-01", 300, { margin: 100 }),
];

describe("analyzeCustomers", () => {
  const result = ok(analyzeCustomers(transactions, { analysisDate: D }));
  const byId = Object.fromEntries(result.customers.map((c) => [c.id, c]));

  it("counts the customers and measures retention", () => {
    expect(result.count).toBe(4);
    expect(result.retention).toMatchObject({ ok: true, source: "measured" });
    expect(ok(result.retention).value).toBeCloseTo(2 / 3, 12);
  });

  it("sums customer equity over the active customers", () => {
    const equity = ok(result.customerEquity);
    expect(equity.value).toBeCloseTo(9240 / 13, 9);
    expect(equity.activeCustomers).toBe(3);
  });

  it("gives each customer's RFM", () => {
    expect(result.customers.map((c) => [c.id, c.recency, c.frequency, c.monetary, c.rfm.cell, c.rfm.segment])).toEqual([
      ["A", 29, 3, 400, "3-4-4", "loyal"],
      ["B", 1, 2, 200, "4-3-2", "potential-loyalist"],
      ["C", 455, 1, 80, "1-1-1", "lost"],
      ["E", 60, 1, 300, "2-1-3", "needs-attention"],
    ]);
  });

  it("gives each customer's silent score", () => {
    expect(ok(byId.A!.silent).score).toBeCloseTo(29 / 365, 12);
    expect(ok(byId.A!.silent).rankRatio).toBeCloseTo(1 / 3, 12);
    expect(ok(byId.B!.silent)).toMatchObject({ rankRatio: 0.5, silent: false });
    expect(ok(byId.C!.silent)).toMatchObject({ rankRatio: null, silent: true });
    expect(ok(byId.C!.silent).score).toBeCloseTo(455 / 365, 12);
  });

  it("gives active customers a CLV and a tier", () => {
    expect(ok(byId.A!.clv).value).toBeCloseTo(3960 / 13, 9);
    expect(ok(byId.E!.clv).value).toBeCloseTo(3300 / 13, 9);
    expect(["A", "B", "E"].map((id) => ok(byId[id]!.tier).tier)).toEqual(["platinum", "lead", "iron"]);
  });

  it("marks a customer without a purchase in the last 12 months inactive", () => {
    expect(byId.C?.clv).toEqual({ ok: false, reason: "inactive" });
    expect(byId.C?.tier).toEqual({ ok: false, reason: "inactive" });
  });

  it("uses a given retention", () => {
    // r = 0.5: CLV of A = 120 x 1.1 / 0.6 = 220.
    const given = ok(analyzeCustomers(transactions, { analysisDate: D, retention: 0.5 }));
    expect(given.retention).toEqual({ ok: true, value: 0.5, source: "given" });
    expect(ok(given.customers[0]!.clv).value).toBeCloseTo(220, 9);
  });

  it("keeps RFM and silent scores when margins are unavailable", () => {
    const noMargins = ok(analyzeCustomers(transactions.map((t) => tx(t.customerId, t.date, t.amount)), { analysisDate: D }));
    expect(noMargins.customerEquity).toEqual({ ok: false, reason: "no-margin" });
    expect(noMargins.customers[0]?.clv).toEqual({ ok: false, reason: "no-margin" });
    expect(noMargins.customers[0]?.tier).toEqual({ ok: false, reason: "no-margin" });
    expect(noMargins.customers[0]?.rfm.cell).toBe("3-4-4");
  });

  it("carries the retention's reason into CLV and equity", () => {
    // At 2025-06-30 with only E's purchase, nobody bought last year.
    const onlyNew = ok(analyzeCustomers([transactions[6]!], { analysisDate: D }));
    expect(onlyNew.retention).toEqual({ ok: false, reason: "no-previous-customers" });
    expect(onlyNew.customers[0]?.clv).toEqual({ ok: false, reason: "no-previous-customers" });
    expect(ok(onlyNew.customers[0]!.tier).tier).toBe("platinum");
  });

  it("is unavailable as a whole without purchases", () => {
    expect(analyzeCustomers([], { analysisDate: D })).toEqual({ ok: false, reason: "no-transactions" });
  });
});
