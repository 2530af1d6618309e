import { describe, it, expect } from "vitest";
import { wonLostReasons } from "../../analysis";
import type { RespondentOutcome } from "../../analysis";
import { attributes, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";

/** method.md's respondents 1 and 2 lost to birch (they considered aster). */
const lost: RespondentOutcome[] = respondents.slice(0, 2).map((r) => ({ ...r, chose: "birch", considered: ["aster", "birch"] }));
const result = wonLostReasons({ lost, ownId: "aster", attributes, weights });

function reason(id: string) {
  const found = result.all.find((x) => x.id === id);
  if (found === undefined) throw new Error(`no reason ${id}`);
  return found;
}

describe("wonLostReasons", () => {
  it("weights each gap by the respondent's own importance", () => {
    // r1 weights 40 30 20 10, gaps birch - aster -2, 1, -2, 1 -> -0.8, 0.3, -0.4, 0.1;
    // r2 weights 50 20 20 10, gaps -2, -1, -2, -1 -> -1, -0.2, -0.4, -0.1.
    // impacts: reliability -0.9, comfort 0.05, service -0.4, styling 0.
    expect(["reliability", "comfort", "service", "styling"].map((id) => reason(id).impact)).toEqual([
      expect.closeTo(-0.9, 12),
      expect.closeTo(0.05, 12),
      expect.closeTo(-0.4, 12),
      expect.closeTo(0, 12),
    ]);
  });

  it("splits the reasons by kind: quality comfort, price purchase", () => {
    // price: r1 70 30, gaps +1, -2 -> 0.7, -0.6; r2 60 40, gaps +2, 0 -> 1.2, 0;
    // purchase 0.95 (count 2), running -0.3. Only positive impacts are reasons.
    expect(result.quality.map((x) => [x.id, x.count, x.n])).toEqual([["comfort", 1, 2]]);
    expect(result.price.map((x) => [x.id, x.impact, x.count])).toEqual([["purchase", expect.closeTo(0.95, 12), 2]]);
    expect(result.lost).toBe(2);
  });

  it("sums to the difference of the weighted indexes A_c - A_own for one respondent", () => {
    // r1: -0.8 + 0.3 - 0.4 + 0.1 = -0.8 = (40 * 7 + 30 * 8 + 20 * 6 + 10 * 7 - (40 * 9 + 30 * 7 + 20 * 8 + 10 * 6)) / 100.
    const one = wonLostReasons({ lost: lost.slice(0, 1), ownId: "aster", attributes, weights });
    const sum = one.all.filter((x) => x.kind === "quality").reduce((s, x) => s + x.impact, 0);
    expect(sum).toBeCloseTo(-0.8, 12);
  });

  it("uses the market weights for a respondent without stated weights", () => {
    // market price weights 70, 30 (method.md): r1's price gaps +1, -2 -> 0.7 and -0.6 as above.
    const unweighted = wonLostReasons({ lost: [{ ...(lost[0] as RespondentOutcome), weights: {} }], ownId: "aster", attributes, weights });
    expect(unweighted.all.filter((x) => x.kind === "price").map((x) => x.impact)).toEqual([expect.closeTo(0.7, 12), expect.closeTo(-0.6, 12)]);
  });

  it("skips respondents who chose own or nothing", () => {
    const mixed = [...lost, { ...(respondents[2] as RespondentOutcome), chose: "aster" }, respondents[3] as RespondentOutcome];
    expect(wonLostReasons({ lost: mixed, ownId: "aster", attributes, weights }).lost).toBe(2);
  });

  it("lists nothing when there are no lost respondents", () => {
    const none = wonLostReasons({ lost: [], ownId: "aster", attributes, weights });
    expect([none.quality, none.price, none.all.every((x) => x.n === 0 && x.impact === 0)]).toEqual([[], [], true]);
    expect(none.byKind).toEqual({ n: 0, quality: 0, price: 0, total: 0 });
  });

  it("splits the loss by kind with each respondent's quality share: quality -0.835, price +0.2 (price lost it)", () => {
    // r1 (q 60): quality lead of birch -0.8 (above), price 0.7 - 0.6 = 0.1
    //   -> 60 * -0.8 / 100 = -0.48 and 40 * 0.1 / 100 = 0.04;
    // r2 (q 70): quality -1 - 0.2 - 0.4 - 0.1 = -1.7, price 1.2 + 0 = 1.2
    //   -> 70 * -1.7 / 100 = -1.19 and 30 * 1.2 / 100 = 0.36.
    // Means: quality (-0.48 - 1.19) / 2 = -0.835, price (0.04 + 0.36) / 2 = 0.2, total -0.635.
    expect(result.byKind).toEqual({ n: 2, quality: expect.closeTo(-0.835, 12), price: expect.closeTo(0.2, 12), total: expect.closeTo(-0.635, 12) });
  });

  it("uses the market quality share for a respondent without one, and skips the split without either", () => {
    // r1 with the market q 50: quality 50 * -0.8 / 100 = -0.4, price 50 * 0.1 / 100 = 0.05.
    const { qualityShare: _dropped, ...r1 } = lost[0] as RespondentOutcome;
    const market = wonLostReasons({ lost: [r1], ownId: "aster", attributes, weights, qualityShare: 50 });
    expect(market.byKind).toEqual({ n: 1, quality: expect.closeTo(-0.4, 12), price: expect.closeTo(0.05, 12), total: expect.closeTo(-0.35, 12) });
    expect(wonLostReasons({ lost: [r1], ownId: "aster", attributes, weights }).byKind.n).toBe(0);
  });
});
