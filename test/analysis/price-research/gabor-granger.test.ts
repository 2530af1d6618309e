import { describe, it, expect } from "vitest";
import { gaborGranger, gaborGrangerNextPrice } from "../../../analysis";
import { ok } from "../helpers";

const ladder = [10, 20, 30, 40, 50];
const yes = (price: number) => ({ price, buy: true });
const no = (price: number) => ({ price, buy: false });

/**
 * Willing up to: r1 40 (30 yes, 40 yes, 50 no), r2 20 (30 no, 20 yes), r3 30 (30 yes, 40 no),
 * r4 10 (30 no, 20 no, 10 yes), r5 50 (yes to 30, 40, 50); r6 says no at 30 and yes at 40: dropped.
 * Demand 10: 5/5, 20: 4/5, 30: 3/5, 40: 2/5, 50: 1/5; revenue 10, 16, 18, 16, 10 -> 30.
 */
const respondents = [
  { answers: [yes(30), yes(40), no(50)] },
  { answers: [no(30), yes(20)] },
  { answers: [yes(30), no(40)] },
  { answers: [no(30), no(20), yes(10)] },
  { answers: [yes(30), yes(40), yes(50)] },
  { answers: [no(30), yes(40)] },
];

describe("gaborGranger", () => {
  const result = ok(gaborGranger(ladder, respondents));

  it("gives demand 1, .8, .6, .4, .2 and revenue 10, 16, 18, 16, 10", () => {
    expect(result.curve.map((p) => [p.price, p.demand, p.revenue])).toEqual([
      [10, 1, 10],
      [20, 0.8, 16],
      [30, 0.6, expect.closeTo(18, 12)],
      [40, 0.4, 16],
      [50, 0.2, 10],
    ]);
  });

  it("finds the revenue-maximising price 30", () => {
    expect(result.revenueMaximising.price).toBe(30);
  });

  it("drops the respondent whose answers are not monotone", () => {
    expect([result.n, result.dropped]).toEqual([5, 1]);
  });

  it("leaves a respondent out where their willingness is unknown (yes at 10, no at 40: 20 and 30 unknown)", () => {
    // r: willing at 10, unknown at 20 and 30, not at 40 and 50. With r5 (yes up to 50):
    // 20 -> 1 / 1 known; 40 -> 1 / 2.
    const partial = ok(gaborGranger(ladder, [{ answers: [yes(10), no(40)] }, respondents[4] as (typeof respondents)[number]]));
    expect(partial.curve.map((p) => [p.demand, p.nKnown])).toEqual([
      [1, 2],
      [1, 1],
      [1, 1],
      [0.5, 2],
      [0.5, 2],
    ]);
  });

  it("refuses a ladder that is not ascending, and answers off the ladder", () => {
    expect(gaborGranger([10, 10], respondents)).toEqual({ ok: false, reason: "invalid-ladder" });
    expect(gaborGranger(ladder, [{ answers: [yes(15)] }])).toEqual({ ok: false, reason: "no-valid-answers" });
  });
});

describe("gaborGrangerNextPrice", () => {
  it("starts in the middle, moves up after yes and down after no, stops at the boundary", () => {
    expect([
      gaborGrangerNextPrice(ladder, []),
      gaborGrangerNextPrice(ladder, [yes(30)]),
      gaborGrangerNextPrice(ladder, [yes(30), no(40)]),
      gaborGrangerNextPrice(ladder, [no(30)]),
      gaborGrangerNextPrice(ladder, [no(30), no(20), no(10)]),
      gaborGrangerNextPrice(ladder, [yes(30), yes(40), yes(50)]),
    ]).toEqual([30, 40, null, 20, null, null]);
  });
});
