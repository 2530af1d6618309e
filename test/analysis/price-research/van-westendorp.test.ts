import { describe, it, expect } from "vitest";
import { curveIntersection, vanWestendorp } from "../../../analysis";
import { ok } from "../helpers";

/**
 * Four respondents (too cheap, cheap, expensive, too expensive): (6, 7, 8, 11), (1, 3, 4, 6),
 * (4, 7, 10, 12), (6, 8, 10, 13), plus one who breaks the order (5, 4, 6, 8): dropped.
 * Observed prices 1, 3, 4, 6, 7, 8, 10, 11, 12, 13. Hand calculation of the shares:
 * TC (too cheap >= p; 6, 1, 4, 6): 1, .75, .75, .5, 0 from 7 on;
 * C (cheap >= p; 7, 3, 7, 8): 1, 1, .75 at 4, .75 at 6, .75 at 7, .25 at 8, 0 from 10; not cheap = 1 - C;
 * E (expensive <= p; 8, 4, 10, 10): 0, 0, .25 at 4, .25, .25, .5 at 8, 1 from 10; not expensive = 1 - E;
 * TE (too expensive <= p; 11, 6, 12, 13): 0 to 4, .25 at 6..10, .5 at 11, .75 at 12, 1 at 13.
 * - PMC, TC - not cheap: 6 -> .5 - .25 = .25, 7 -> 0 - .25 = -.25: 6 + 1 * .25 / .5 = 6.5;
 * - OPP, TC - TE: 6 -> .5 - .25 = .25, 7 -> 0 - .25 = -.25: 6.5;
 * - IPP, C - E: 7 -> .75 - .25 = .5, 8 -> .25 - .5 = -.25: 7 + 1 * .5 / .75 = 7.6667;
 * - PME, TE - not expensive: 8 -> .25 - .5 = -.25, 10 -> .25 - 0 = .25: 8 + 2 * .25 / .5 = 9.
 */
const answers = [
  { tooCheap: 6, cheap: 7, expensive: 8, tooExpensive: 11 },
  { tooCheap: 1, cheap: 3, expensive: 4, tooExpensive: 6 },
  { tooCheap: 4, cheap: 7, expensive: 10, tooExpensive: 12 },
  { tooCheap: 6, cheap: 8, expensive: 10, tooExpensive: 13 },
  { tooCheap: 5, cheap: 4, expensive: 6, tooExpensive: 8 },
];
const result = ok(vanWestendorp(answers));

describe("vanWestendorp", () => {
  it("finds PMC 6.5, OPP 6.5, IPP 7.67, PME 9 (hand calculation)", () => {
    expect([result.pmc, result.opp, result.ipp, result.pme].map((p) => (p.ok ? Number(p.price.toFixed(2)) : null))).toEqual([6.5, 6.5, 7.67, 9]);
  });

  it("gives the acceptable range [PMC, PME] = [6.5, 9]", () => {
    expect(result.range).toEqual({ ok: true, lower: expect.closeTo(6.5, 10), upper: expect.closeTo(9, 10) });
  });

  it("drops the respondent whose prices break the order and counts them", () => {
    expect([result.n, result.dropped]).toEqual([4, 1]);
  });

  it("returns the curves at every observed price", () => {
    expect(result.curves.map((c) => c.price)).toEqual([1, 3, 4, 6, 7, 8, 10, 11, 12, 13]);
    expect(result.curves[3]).toEqual({ price: 6, tooCheap: 0.5, cheap: 0.75, notCheap: 0.25, expensive: 0.25, notExpensive: 0.75, tooExpensive: 0.25 });
  });

  it("returns no-valid-answers when every respondent is dropped", () => {
    expect(vanWestendorp([{ tooCheap: 5, cheap: 4, expensive: 6, tooExpensive: 8 }, { tooCheap: Number.NaN, cheap: 1, expensive: 2, tooExpensive: 3 }])).toEqual({
      ok: false,
      reason: "no-valid-answers",
    });
  });
});

describe("curveIntersection", () => {
  it("returns the first price where the curves are equal", () => {
    expect(curveIntersection([1, 2, 3], [3, 2, 1], [1, 2, 3])).toEqual({ ok: true, price: 2 });
  });

  it("interpolates a crossing between two prices: (1, 3) -> d 1, -1 gives 2", () => {
    expect(curveIntersection([1, 3], [1, 0], [0, 1])).toEqual({ ok: true, price: 2 });
  });

  it("returns no-intersection when the curves never meet", () => {
    expect(curveIntersection([1, 2], [1, 1], [0, 0])).toEqual({ ok: false, reason: "no-intersection" });
  });
});
