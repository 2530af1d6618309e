import { describe, it, expect } from "vitest";
import { meanScores, referenceScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";

const scores = meanScores(respondents, offers, attributes);

describe("referenceScores", () => {
  it("averages birch and cedar unweighted as aster's reference", () => {
    // Hand calculation from the method.md means: reliability (7 + 6) / 2 = 6.5,
    // comfort (8 + 5.6667) / 2 = 6.8333, service (6.3333 + 6.3333) / 2 = 6.3333, styling 7.5.
    const ref = referenceScores(scores, ["birch", "cedar"], attributes);
    expect(ref.reliability).toBeCloseTo(6.5, 4);
    expect(ref.comfort).toBeCloseTo(6.8333, 4);
    expect(ref.service).toBeCloseTo(6.3333, 4);
    expect(ref.styling).toBeCloseTo(7.5, 4);
  });

  it("weights the reference means by market share when shares are given", () => {
    // Hand calculation: reliability (3 * 7 + 1 * 6) / 4 = 6.75.
    const ref = referenceScores(scores, ["birch", "cedar"], attributes, { birch: 3, cedar: 1 });
    expect(ref.reliability).toBeCloseTo(6.75, 4);
  });

  it("skips reference offers without a mean for the attribute", () => {
    const partial = {
      means: { b: { a: 4 }, c: { a: null } },
      n: { b: { a: 2 }, c: { a: 0 } },
      nOffer: { b: 2, c: 0 },
    };
    const ref = referenceScores(partial, ["b", "c"], [{ id: "a", kind: "quality" }]);
    expect(ref.a).toBe(4);
  });

  it("returns null when no reference offer has a mean", () => {
    const none = { means: { c: { a: null } }, n: { c: { a: 0 } }, nOffer: { c: 0 } };
    const ref = referenceScores(none, ["c"], [{ id: "a", kind: "quality" }]);
    expect(ref.a).toBeNull();
  });
});
