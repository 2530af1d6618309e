import { describe, it, expect } from "vitest";
import { DEFAULT_CALIBRATION, newtonMillerSmith } from "../../../analysis";
import { ok } from "../helpers";

/**
 * r1: (2, 4, 6, 8), likelihood 5 at cheap (0.7), 3 at expensive (0.3);
 * r2: (3, 5, 7, 9), likelihood 4 (0.5) and 2 (0.1).
 * Hand calculation at the observed prices 2..9:
 * r1: .7 .7 .7 .5 .3 .3 .3 0 (linear .7 -> .3 from 4 to 6; 0 above 8);
 * r2: 0 .5 .5 .5 .3 .1 .1 .1 (0 below 3; linear .5 -> .1 from 5 to 7);
 * demand: .35 .6 .6 .5 .3 .2 .2 .05; revenue: .7 1.8 2.4 2.5 1.8 1.4 1.6 .45.
 * Inside (4, 5) demand = (.7 - .2 (p - 4) + .5) / 2 = 1 - .1 p, revenue p - .1 p² peaks at 5
 * (not inside); inside (5, 6) demand = 1.5 - .2 p peaks at 3.75 (outside): revenue-maximising
 * price 5 (index 2.5); demand-maximising 3 (0.6, the lower of 3 and 4).
 */
const two = [
  { tooCheap: 2, cheap: 4, expensive: 6, tooExpensive: 8, likelihoodAtCheap: 5, likelihoodAtExpensive: 3 },
  { tooCheap: 3, cheap: 5, expensive: 7, tooExpensive: 9, likelihoodAtCheap: 4, likelihoodAtExpensive: 2 },
];

describe("newtonMillerSmith", () => {
  const result = ok(newtonMillerSmith(two));

  it("gives demand .35 .6 .6 .5 .3 .2 .2 .05 at the observed prices", () => {
    expect(result.curve.map((p) => p.price)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.curve.map((p) => p.demand)).toEqual([0.35, 0.6, 0.6, 0.5, 0.3, 0.2, 0.2, 0.05].map((d) => expect.closeTo(d, 12)));
  });

  it("gives the revenue index p x demand", () => {
    expect(result.curve.map((p) => p.revenue)).toEqual([0.7, 1.8, 2.4, 2.5, 1.8, 1.4, 1.6, 0.45].map((r) => expect.closeTo(r, 12)));
  });

  it("finds the demand-maximising price 3 and the revenue-maximising price 5", () => {
    expect([result.demandMaximising.price, result.revenueMaximising.price, result.revenueMaximising.revenue]).toEqual([
      3,
      5,
      expect.closeTo(2.5, 12),
    ]);
  });

  it("finds a revenue peak between observed prices: one respondent (1, 2, 12, 14), likelihood 5 and 1 -> 6", () => {
    // From 2 to 12 the probability falls linearly from 0.7 to 0: 0.84 - 0.07 p; revenue
    // 0.84 p - 0.07 p² peaks at p = 0.84 / 0.14 = 6 with 6 * 0.42 = 2.52 (observed prices give
    // at most 2 * 0.7 = 1.4).
    const one = ok(newtonMillerSmith([{ tooCheap: 1, cheap: 2, expensive: 12, tooExpensive: 14, likelihoodAtCheap: 5, likelihoodAtExpensive: 1 }]));
    expect([one.revenueMaximising.price, one.revenueMaximising.revenue]).toEqual([expect.closeTo(6, 9), expect.closeTo(2.52, 9)]);
  });

  it("uses and reports a changed calibration", () => {
    const calibration = { 5: 0.8, 4: 0.6, 3: 0.4, 2: 0.2, 1: 0 };
    const changed = ok(newtonMillerSmith(two, calibration));
    // at 2 only r1 counts: 0.8 / 2 = 0.4.
    expect([changed.curve[0]?.demand, changed.calibration]).toEqual([expect.closeTo(0.4, 12), calibration]);
    expect(result.calibration).toEqual(DEFAULT_CALIBRATION);
  });

  it("drops a respondent with a likelihood outside 1..5 or prices out of order", () => {
    const bad = [...two, { ...two[0], likelihoodAtCheap: 6 }, { ...two[1], cheap: 1 }] as typeof two;
    expect([ok(newtonMillerSmith(bad)).n, ok(newtonMillerSmith(bad)).dropped]).toEqual([2, 2]);
  });

  it("refuses a calibration outside 0..1", () => {
    expect(newtonMillerSmith(two, { ...DEFAULT_CALIBRATION, 5: 1.2 })).toEqual({ ok: false, reason: "invalid-calibration" });
  });
});
