import { describe, it, expect } from "vitest";
import { meanDifference } from "../../analysis";
import type { AttributeDef, RespondentInput } from "../../analysis";
import { attributes, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

const single: AttributeDef[] = [{ id: "a", kind: "quality" }];

function one(own: number | undefined, comp: number | undefined): RespondentInput {
  const ratings: RespondentInput["ratings"] = {};
  if (own !== undefined) ratings.own = { a: own };
  if (comp !== undefined) ratings.comp = { a: comp };
  return { id: "r", weights: {}, ratings };
}

describe("meanDifference", () => {
  it("averages each respondent's own - reference difference (worked example, reliability)", () => {
    // Hand calculation: r1 9 - 6.5 = 2.5, r2 8 - 6.5 = 1.5, r3 9 - 8 = 1, r4 7 - 5 = 2 -> 7 / 4 = 1.75.
    const result = ok(meanDifference(respondents, "aster", ["birch", "cedar"], attributes.filter((a) => a.id === "reliability")));
    expect(result.rows).toEqual([{ id: "reliability", value: 1.75, n: 4 }]);
  });

  it("gives a negative mean where own is rated lower (worked example, styling)", () => {
    // Hand calculation: r1 6 - 7.5 = -1.5, r2 7 - 6.5 = 0.5, r3 5 - 8 = -3, r4 6 - 9 = -3 -> -7 / 4 = -1.75.
    const result = ok(meanDifference(respondents, "aster", ["birch", "cedar"], attributes.filter((a) => a.id === "styling")));
    expect(result.rows).toEqual([{ id: "styling", value: -1.75, n: 4 }]);
  });

  it("leaves out respondents who did not rate the reference (missing ratings)", () => {
    // Hand calculation, aster vs cedar (r3 does not know cedar): r1 9 - 6, r2 8 - 7, r4 7 - 5 -> 6 / 3 = 2.
    const result = ok(meanDifference(respondents, "aster", ["cedar"], attributes.filter((a) => a.id === "reliability")));
    expect(result.rows).toEqual([{ id: "reliability", value: 2, n: 3 }]);
  });

  it("works with one respondent (n = 1)", () => {
    expect(meanDifference([one(8, 5)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: 3, n: 1 }] });
  });

  it("gives 0 for tied ratings", () => {
    expect(meanDifference([one(6, 6)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: 0, n: 1 }] });
  });

  it("gives null with n = 0 when nobody rated both", () => {
    expect(meanDifference([one(6, undefined)], "own", ["comp"], single)).toEqual({ ok: true, rows: [{ id: "a", value: null, n: 0 }] });
  });

  it("turns the sign for lower-is-better attributes", () => {
    const lower: AttributeDef[] = [{ id: "a", kind: "quality", lowerIsBetter: true }];
    expect(meanDifference([one(4, 5)], "own", ["comp"], lower)).toEqual({ ok: true, rows: [{ id: "a", value: 1, n: 1 }] });
  });

  it("returns no-reference for an empty reference set", () => {
    expect(meanDifference([one(4, 5)], "own", [], single)).toEqual({ ok: false, reason: "no-reference" });
  });

  it("returns no-attributes without attributes", () => {
    expect(meanDifference([one(4, 5)], "own", ["comp"], [])).toEqual({ ok: false, reason: "no-attributes" });
  });
});
