import { describe, it, expect } from "vitest";
import { silentCustomers } from "../../../analysis";
import { ok } from "../helpers";
import { tx } from "./tx";

// D = 2025-03-01 (February 2025 has 28 days). Hand calculation, docs/method.md §11:
//   P: 01-01, 01-11, 01-31 -> T_i = 10, 20; T_r = 01-31 -> 03-01 = 29.
//      S = 29 / 20 = 1.45 (silent, degree 0.45); T_r ranks 3rd of {10, 20, 29} -> 3 / 3 = 1.
//   Q: 2024-12-01, 01-30, 02-09 -> T_i = 60, 10; T_r = 02-09 -> 03-01 = 20.
//      S = 20 / 60 = 1/3 (not silent); 20 ranks 2nd of {10, 20, 60} -> 2 / 3.
//   T: 02-01, 02-11, 02-19 -> T_i = 10, 8; T_r = 02-19 -> 03-01 = 10.
//      S = 10 / 10 = 1 (silent, degree 0); 10 ties with 10 at ranks 2, 3 of {8, 10, 10} -> 2.5 / 3.
//   U: one purchase 01-15 -> T_r = 16 + 28 + 1 = 45. Pooled intervals 10, 20, 60, 10, 10, 8:
//      sorted 8, 10, 10, 10, 20, 60 -> median (10 + 10) / 2 = 10; S = 45 / 10 = 4.5 (degree 3.5).
const D = "2025-03-01";
const transactions = [
  tx("P", "2025-01-01", 10),
  tx("P", "2025-01-11", 10),
  tx("P", "2025-01-31", 10),
  tx("Q", "2024-12-01", 10),
  tx("Q", "2025-01-30", 10),
  tx("Q", "2025-02-09", 10),
  tx("T", "2025-02-01", 10),
  tx("T", "2025-02-11", 10),
  tx("T", "2025-02-19", 10),
  tx("U", "2025-01-15", 10),
];

describe("silentCustomers", () => {
  const result = ok(silentCustomers(transactions, { analysisDate: D }));
  const byId = Object.fromEntries(result.customers.map((c) => [c.id, c]));

  it("scores a customer away longer than ever before", () => {
    expect(byId.P).toMatchObject({ purchases: 3, recency: 29, basis: "own-intervals", reference: 20, rankRatio: 1, silent: true });
    expect(byId.P?.score).toBeCloseTo(1.45, 12);
    expect(byId.P?.degree).toBeCloseTo(0.45, 12);
  });

  it("scores a customer within the usual rhythm as not silent", () => {
    expect(byId.Q).toMatchObject({ recency: 20, reference: 60, silent: false, degree: null });
    expect(byId.Q?.score).toBeCloseTo(1 / 3, 12);
    expect(byId.Q?.rankRatio).toBeCloseTo(2 / 3, 12);
  });

  it("averages the rank of T_r when it ties with an interval, and calls S = 1 silent", () => {
    expect(byId.T).toMatchObject({ recency: 10, reference: 10, score: 1, silent: true, degree: 0 });
    expect(byId.T?.rankRatio).toBeCloseTo(2.5 / 3, 12);
  });

  it("scores a one-purchase customer against the median interval of all customers, flagged", () => {
    expect(result.medianInterval).toBe(10);
    expect(byId.U).toMatchObject({ purchases: 1, recency: 45, basis: "median-interval", reference: 10, rankRatio: null, score: 4.5, silent: true, degree: 3.5 });
  });

  it("keeps the customers in order of first appearance", () => {
    expect(result.customers.map((c) => c.id)).toEqual(["P", "Q", "T", "U"]);
  });

  it("scores zero on the day of the last purchase", () => {
    const today = ok(silentCustomers([tx("a", "2025-02-01", 1), tx("a", D, 1)], { analysisDate: D }));
    expect(today.customers[0]).toMatchObject({ recency: 0, score: 0, silent: false, rankRatio: 0.5 });
  });

  it("measures intervals between purchase days, not transactions", () => {
    // Two transactions on 02-01 are one purchase: intervals 02-01 -> 02-21 = 20 only.
    const lines = ok(silentCustomers([tx("a", "2025-02-01", 1), tx("a", "2025-02-01", 2), tx("a", "2025-02-21", 1)], { analysisDate: D }));
    expect(lines.customers[0]).toMatchObject({ purchases: 2, reference: 20, recency: 8 });
  });

  it("lists one-purchase customers as unscored when nobody has two purchases", () => {
    const singles = ok(silentCustomers([tx("a", "2025-02-01", 1), tx("b", "2025-02-10", 1)], { analysisDate: D }));
    expect(singles.medianInterval).toBeNull();
    expect(singles.customers).toEqual([]);
    expect(singles.unscored).toEqual([
      { id: "a", reason: "no-intervals" },
      { id: "b", reason: "no-intervals" },
    ]);
  });

  it("returns the reasons of unusable input", () => {
    expect(silentCustomers([], { analysisDate: D })).toEqual({ ok: false, reason: "no-transactions" });
    expect(silentCustomers(transactions, { analysisDate: "2025-3-1" })).toEqual({ ok: false, reason: "invalid-analysis-date" });
  });
});
