import { describe, it, expect } from "vitest";
import { rfmScores, rfmSegment } from "../../../analysis";
import { ok } from "../helpers";
import { tx } from "./tx";

// Five customers at D = 2025-01-31 (hand calculation, docs/method.md §11):
//   A: 2025-01-30 (100), 2025-01-20 (50), 2024-12-31 (50) -> R = 1,   F = 3, M = 200
//   B: 2025-01-30 (300)                                   -> R = 1,   F = 1, M = 300
//   C: 2025-01-01 (20), 2024-12-01 (20)                   -> R = 30,  F = 2, M = 40
//   D: 2024-11-02 (500), 2024-10-01 (100), 2024-09-01 (100) -> R = 90, F = 3, M = 700
//   E: 2024-07-05 (10)                                    -> R = 210, F = 1, M = 10
// (2024-07-05 -> 2025-01-31: 26 + 31 + 30 + 31 + 30 + 31 + 31 = 210 days.)
const transactions = [
  tx("A", "2025-01-30", 100),
  tx("A", "2025-01-20", 50),
  tx("A", "2024-12-31", 50),
  tx("B", "2025-01-30", 300),
  tx("C", "2025-01-01", 20),
  tx("C", "2024-12-01", 20),
  tx("D", "2024-11-02", 500),
  tx("D", "2024-10-01", 100),
  tx("D", "2024-09-01", 100),
  tx("E", "2024-07-05", 10),
];
const D = "2025-01-31";

describe("rfmScores", () => {
  const result = ok(rfmScores(transactions, { analysisDate: D }));
  const byId = Object.fromEntries(result.customers.map((c) => [c.id, c]));

  it("measures recency in days, frequency in purchase days and monetary as the total", () => {
    expect(result.customers.map((c) => [c.id, c.recency, c.frequency, c.monetary])).toEqual([
      ["A", 1, 3, 200],
      ["B", 1, 1, 300],
      ["C", 30, 2, 40],
      ["D", 90, 3, 700],
      ["E", 210, 1, 10],
    ]);
  });

  it("scores recency by rank from longest ago, ties sharing the rounded-down mean rank", () => {
    // Worst to best: E (210) rank 1, D (90) 2, C (30) 3, A and B (1) ranks 4 and 5 -> 4.5 -> 4.
    // n = 5: score = 1 + floor(5 (rank - 1) / 5) = rank.
    expect(["A", "B", "C", "D", "E"].map((id) => byId[id]?.r)).toEqual([4, 4, 3, 2, 1]);
  });

  it("scores frequency with ties at the bottom and at the top", () => {
    // B and E (F = 1) ranks 1, 2 -> 1.5 -> 1; C (2) rank 3; A and D (3) ranks 4, 5 -> 4.5 -> 4.
    expect(["A", "B", "C", "D", "E"].map((id) => byId[id]?.f)).toEqual([4, 1, 3, 4, 1]);
  });

  it("scores monetary by rank from lowest", () => {
    // E 10, C 40, A 200, B 300, D 700 -> ranks 1..5.
    expect(["A", "B", "C", "D", "E"].map((id) => byId[id]?.m)).toEqual([3, 4, 2, 5, 1]);
  });

  it("writes the cell as r-f-m", () => {
    expect(result.customers.map((c) => c.cell)).toEqual(["4-4-3", "4-1-4", "3-3-2", "2-4-5", "1-1-1"]);
  });

  it("names the segment from R and FM = ceil((F + M) / 2)", () => {
    // A: R4, FM ceil(3.5) = 4 -> loyal; B: R4, FM ceil(2.5) = 3 -> potential loyalist;
    // C: R3, FM ceil(2.5) = 3 -> potential loyalist; D: R2, FM ceil(4.5) = 5 -> at risk; E: 1, 1 -> lost.
    expect(result.customers.map((c) => c.segment)).toEqual(["loyal", "potential-loyalist", "potential-loyalist", "at-risk", "lost"]);
  });

  it("spreads ten customers two to a score", () => {
    // n = 10, monetary 1..10 -> ranks 1..10; score = 1 + floor(5 (rank - 1) / 10):
    // ranks 1, 2 -> 1; 3, 4 -> 2; 5, 6 -> 3; 7, 8 -> 4; 9, 10 -> 5.
    const ten = ok(rfmScores(Array.from({ length: 10 }, (_, k) => tx(`c${k + 1}`, "2025-01-01", k + 1)), { analysisDate: D }));
    expect(ten.customers.map((c) => c.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("tops out below 5 with fewer than five customers", () => {
    // n = 4: ranks 1..4 -> 1 + floor(0), 1 + floor(5/4), 1 + floor(10/4), 1 + floor(15/4) = 1, 2, 3, 4.
    const four = ok(rfmScores([tx("a", D, 1), tx("b", D, 2), tx("c", D, 3), tx("d", D, 4)], { analysisDate: D }));
    expect(four.customers.map((c) => c.m)).toEqual([1, 2, 3, 4]);
  });

  it("gives customers who all tie one common score", () => {
    // n = 3, all tied: mean rank 2 -> 1 + floor(5 x 1 / 3) = 2.
    const flat = ok(rfmScores([tx("a", D, 5), tx("b", D, 5), tx("c", D, 5)], { analysisDate: D }));
    expect(flat.customers.map((c) => c.cell)).toEqual(["2-2-2", "2-2-2", "2-2-2"]);
  });

  it("scores a single customer 1-1-1 (n = 1: rank 1)", () => {
    expect(ok(rfmScores([tx("solo", D, 50)], { analysisDate: D })).customers[0]?.cell).toBe("1-1-1");
  });

  it("treats monetary totals equal to the millionth as ties", () => {
    // 0.1 + 0.2 = 0.30000000000000004 in binary; it ties with 0.3 (mean rank 1.5 -> 1, score 1).
    const noisy = ok(rfmScores([tx("a", D, 0.1), tx("a", D, 0.2), tx("b", D, 0.3)], { analysisDate: D }));
    expect(noisy.customers.map((c) => c.m)).toEqual([1, 1]);
  });

  it("counts several transactions of one day as one purchase", () => {
    const oneDay = ok(rfmScores([tx("a", D, 10), tx("a", D, 15)], { analysisDate: D }));
    expect(oneDay.customers[0]).toMatchObject({ frequency: 1, monetary: 25 });
  });

  it("leaves out transactions after the analysis date and counts them", () => {
    const later = ok(rfmScores([...transactions, tx("A", "2025-02-01", 999)], { analysisDate: D }));
    expect(later.afterAnalysisDate).toBe(1);
    expect(later.customers[0]).toMatchObject({ id: "A", recency: 1, monetary: 200 });
  });

  it("does not count a day of refunds only as a purchase, but nets it in monetary", () => {
    // A refunds 30 on 2025-01-31: recency stays 1 (last purchase 2025-01-30), M = 200 - 30 = 170.
    const refund = ok(rfmScores([...transactions, tx("A", D, -30)], { analysisDate: D }));
    expect(refund.customers[0]).toMatchObject({ recency: 1, frequency: 3, monetary: 170 });
  });

  it("counts customers with refunds only apart", () => {
    const refundOnly = ok(rfmScores([...transactions, tx("Z", "2025-01-15", -5)], { analysisDate: D }));
    expect(refundOnly.withoutPurchases).toBe(1);
    expect(refundOnly.customers.map((c) => c.id)).not.toContain("Z");
  });

  it("keeps only the window from its start date", () => {
    // From 2024-12-01: D keeps nothing, A keeps all three, C both (2024-12-01 is in).
    const window = ok(rfmScores(transactions, { analysisDate: D, windowStart: "2024-12-01" }));
    expect(window.customers.map((c) => [c.id, c.frequency])).toEqual([
      ["A", 3],
      ["B", 1],
      ["C", 2],
    ]);
  });

  it("returns the reasons of unusable input", () => {
    expect(rfmScores([], { analysisDate: D })).toEqual({ ok: false, reason: "no-transactions" });
    expect(rfmScores(transactions, { analysisDate: "2025-02-30" })).toEqual({ ok: false, reason: "invalid-analysis-date" });
    expect(rfmScores(transactions, { analysisDate: D, windowStart: "2025-02-01" })).toEqual({ ok: false, reason: "invalid-window-start" });
    expect(rfmScores([tx("a", "31/01/2025", 1)], { analysisDate: D })).toEqual({ ok: false, reason: "invalid-date" });
    expect(rfmScores([tx("", D, 1)], { analysisDate: D })).toEqual({ ok: false, reason: "missing-customer-id" });
    expect(rfmScores([tx("a", D, Number.NaN)], { analysisDate: D })).toEqual({ ok: false, reason: "not-finite" });
    expect(rfmScores([tx("a", D, -1)], { analysisDate: D })).toEqual({ ok: false, reason: "no-purchases" });
    expect(rfmScores([tx("a", "2025-02-01", 1)], { analysisDate: D })).toEqual({ ok: false, reason: "no-transactions" });
  });
});

describe("rfmSegment", () => {
  it("follows the R x FM grid", () => {
    // One cell per segment, read off the grid in rfm-segment.ts.
    expect(rfmSegment(5, 5, 5)).toBe("champions");
    expect(rfmSegment(4, 4, 4)).toBe("loyal");
    expect(rfmSegment(5, 2, 2)).toBe("potential-loyalist");
    expect(rfmSegment(5, 1, 1)).toBe("new");
    expect(rfmSegment(3, 1, 1)).toBe("promising");
    expect(rfmSegment(2, 2, 2)).toBe("needs-attention");
    expect(rfmSegment(2, 1, 1)).toBe("about-to-sleep");
    expect(rfmSegment(1, 3, 3)).toBe("at-risk");
    expect(rfmSegment(1, 5, 4)).toBe("cannot-lose");
    expect(rfmSegment(1, 2, 2)).toBe("hibernating");
    expect(rfmSegment(1, 1, 1)).toBe("lost");
  });

  it("rounds the FM mean up", () => {
    // F = 1, M = 2: FM = ceil(1.5) = 2 -> R5 x FM2 = potential loyalist, not new (FM 1).
    expect(rfmSegment(5, 1, 2)).toBe("potential-loyalist");
  });
});
