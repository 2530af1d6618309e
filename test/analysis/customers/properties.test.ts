import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { analyzeCustomers, customerEquity, customerLifetimeValue, customerPyramid, rfmScores, silentCustomers } from "../../../analysis";
import type { Transaction } from "../../../analysis";
import { numbers, ok } from "../helpers";

/** Invariants of docs/method.md §11 on generated transactions (fixed seed, bounded runs). */
const RUNS = { seed: 20250721, numRuns: 100 };
const FIRST_DAY = Date.UTC(2023, 0, 1);
/** ISO date `offset` days after 2023-01-01, computed with the platform's Date (not our calendar). */
const isoDay = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
const LAST_OFFSET = 800;

const transaction = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
  offset: fc.integer({ min: 0, max: LAST_OFFSET }),
  amount: fc.integer({ min: 1, max: 100_000 }).map((cents) => cents / 100),
});
const transactions = fc
  .array(transaction, { minLength: 1, maxLength: 40 })
  .map((rows): Transaction[] => rows.map((r) => ({ customerId: r.customerId, date: isoDay(r.offset), amount: r.amount })));

describe("customers' value: properties", () => {
  it("gives every R, F and M score a whole number from 1 to 5", () => {
    fc.assert(
      fc.property(transactions, fc.integer({ min: 0, max: 400 }), (list, extra) => {
        const result = ok(rfmScores(list, { analysisDate: isoDay(LAST_OFFSET + extra) }));
        for (const c of result.customers) for (const s of [c.r, c.f, c.m]) expect([1, 2, 3, 4, 5]).toContain(s);
      }),
      RUNS,
    );
  });

  it("returns only finite numbers from the whole analysis, refunds and one-purchase customers included", () => {
    const withRefunds = fc
      .array(fc.record({ row: transaction, refund: fc.boolean(), margin: fc.boolean() }), { minLength: 1, maxLength: 40 })
      .map((rows): Transaction[] =>
        rows.map(({ row, refund, margin }) => ({
          customerId: row.customerId,
          date: isoDay(row.offset),
          amount: refund ? -row.amount : row.amount,
          ...(margin ? { margin: row.amount / 4 } : { marginRate: 0.2 }),
        })),
      );
    fc.assert(
      fc.property(withRefunds, fc.integer({ min: 0, max: 400 }), (list, extra) => {
        const result = analyzeCustomers(list, { analysisDate: isoDay(LAST_OFFSET + extra) });
        for (const [path, value] of numbers(result)) expect(Number.isFinite(value), path).toBe(true);
      }),
      RUNS,
    );
  });

  it("never lowers a customer's recency at a later analysis date", () => {
    fc.assert(
      fc.property(transactions, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (list, a, b) => {
        const early = ok(rfmScores(list, { analysisDate: isoDay(LAST_OFFSET + Math.min(a, b)) }));
        const late = ok(rfmScores(list, { analysisDate: isoDay(LAST_OFFSET + Math.max(a, b)) }));
        const lateById = new Map(late.customers.map((c) => [c.id, c.recency]));
        for (const c of early.customers) expect(lateById.get(c.id)).toBeGreaterThanOrEqual(c.recency);
      }),
      RUNS,
    );
  });

  it("keeps the rank ratio within (0, 1]", () => {
    fc.assert(
      fc.property(transactions, (list) => {
        for (const c of ok(silentCustomers(list, { analysisDate: isoDay(LAST_OFFSET) })).customers) {
          if (c.rankRatio === null) continue;
          expect(c.rankRatio).toBeGreaterThan(0);
          expect(c.rankRatio).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  const margins = fc.array(fc.integer({ min: -50_000, max: 500_000 }).map((c) => c / 100), { minLength: 1, maxLength: 30 });
  const clvSettings = fc.record({
    retention: fc.double({ min: 0, max: 0.99, noNaN: true }),
    discountRate: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
    cost: fc.integer({ min: 0, max: 1000 }),
    horizonYears: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  });

  it("makes customer equity the sum of the customers' CLV", () => {
    fc.assert(
      fc.property(margins, clvSettings, (list, settings) => {
        const customers = list.map((margin, k) => ({ id: `c${k}`, margin }));
        const equity = ok(customerEquity({ customers, ...settings }));
        const sum = customers.reduce((s, c) => s + ok(customerLifetimeValue({ margin: c.margin, ...settings })).value, 0);
        expect(equity.equity).toBeCloseTo(sum, 6);
      }),
      RUNS,
    );
  });

  it("puts every customer in one tier and never a higher margin in a lower tier", () => {
    const order = ["platinum", "gold", "iron", "lead"];
    fc.assert(
      fc.property(margins, (list) => {
        const pyramid = ok(customerPyramid(list.map((margin, k) => ({ id: `c${k}`, margin, revenue: Math.abs(margin) }))));
        expect(pyramid.tiers.reduce((s, t) => s + t.count, 0)).toBe(list.length);
        for (const x of pyramid.customers) {
          for (const y of pyramid.customers) {
            if (x.margin > y.margin) expect(order.indexOf(x.tier)).toBeLessThanOrEqual(order.indexOf(y.tier));
          }
        }
      }),
      RUNS,
    );
  });
});
