import { describe, it, expect } from "vitest";
import { meanOfRatios } from "../../analysis";
import type { AttributeDef, RespondentInput } from "../../analysis";
import { attributes, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

const reliability = attributes.filter((a) => a.id === "reliability");
const single: AttributeDef[] = [{ id: "a", kind: "quality" }];

function one(own: number | undefined, comp: number | undefined): RespondentInput {
  const ratings: RespondentInput["ratings"] = {};
  if (own !== undefined) ratings.own = { a: own };
  if (comp !== undefined) ratings.comp = { a: comp };
  return { id: "r", weights: {}, ratings };
}

describe("meanOfRatios", () => {
  it("averages each respondent's own / reference ratio (worked example, reliability)", () => {
    // Hand calculation, aster vs mean of the competitors each respondent rated:
    // r1 9 / 6.5, r2 8 / 6.5, r3 9 / 8, r4 7 / 5 -> (1.384615 + 1.230769 + 1.125 + 1.4) / 4 = 1.285096.
    const result = ok(meanOfRatios(respondents, "aster", ["birch", "cedar"], reliability));
    expect(result.rows).toEqual([{ id: "reliability", value: expect.closeTo(1.285096, 5), n: 4 }]);
  });

  it("leaves out respondents who did not rate the reference (missing ratings)", () => {
    // Hand calculation, aster vs birch: r4 does not know birch; r1 9 / 7, r2 8 / 6, r3 9 / 8
    // -> (1.285714 + 1.333333 + 1.125) / 3 = 1.248016, n = 3.
    const result = ok(meanOfRatios(respondents, "aster", ["birch"], reliability));
    expect(result.rows).toEqual([{ id: "reliability", value: expect.closeTo(1.248016, 5), n: 3 }]);
  });

  it("works with one respondent (n = 1)", () => {
    expect(meanOfRatios([one(8, 4)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: 2, n: 1 }] });
  });

  it("gives 1 for tied ratings", () => {
    expect(meanOfRatios([one(6, 6)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: 1, n: 1 }] });
  });

  it("gives null with n = 0 when nobody rated both", () => {
    expect(meanOfRatios([one(6, undefined), one(undefined, 5)], "own", ["comp"], single)).toEqual({
      ok: true,
      rows: [{ id: "a", value: null, n: 0 }],
    });
  });

  it("inverts the ratio for lower-is-better attributes", () => {
    // Hand calculation: reference 5 / own 4 = 1.25.
    const lower: AttributeDef[] = [{ id: "a", kind: "quality", lowerIsBetter: true }];
    expect(meanOfRatios([one(4, 5)], "own", ["comp"], lower)).toEqual({ ok: true, rows: [{ id: "a", value: 1.25, n: 1 }] });
  });

  it("leaves out a respondent whose reference rating is 0", () => {
    expect(meanOfRatios([one(4, 0)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: null, n: 0 }] });
  });

  it("returns no-reference when the reference set holds only the offer itself", () => {
    expect(meanOfRatios([one(4, 5)], "own", ["own"], single)).toEqual({ ok: false, reason: "no-reference" });
  });

  it("returns no-attributes without attributes", () => {
    expect(meanOfRatios([one(4, 5)], "own", ["comp"], [])).toEqual({ ok: false, reason: "no-attributes" });
  });
});
