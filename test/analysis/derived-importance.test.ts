import { describe, it, expect } from "vitest";
import { derivedImportance } from "../../analysis";
import type { AttributeDef, RespondentOutcome } from "../../analysis";
import { ok } from "./helpers";

const attributes: AttributeDef[] = [
  { id: "a", kind: "quality" },
  { id: "b", kind: "quality" },
  { id: "c", kind: "quality" },
  { id: "p", kind: "price" },
];

type Triple = [number, number, number];

/** Respondents rating offers own and comp on a, b, c, with overall = f(a, b, c). */
function study(rows: Array<[Triple, Triple]>, overall: (x: Triple) => number): RespondentOutcome[] {
  return rows.map(([own, comp], index) => ({
    id: `r${index + 1}`,
    weights: {},
    ratings: {
      own: { a: own[0], b: own[1], c: own[2] },
      comp: { a: comp[0], b: comp[1], c: comp[2] },
    },
    overall: { own: overall(own), comp: overall(comp) },
  }));
}

/** Six observations (3 respondents x 2 offers), not collinear. */
const ratings: Array<[Triple, Triple]> = [
  [
    [8, 6, 5],
    [6, 7, 9],
  ],
  [
    [9, 5, 7],
    [4, 8, 6],
  ],
  [
    [7, 9, 3],
    [5, 4, 8],
  ],
];
/** overall = 0.5 a + 0.3 b + 0.2 c exactly, so the coefficients are known. */
const exact = study(ratings, ([a, b, c]) => 0.5 * a + 0.3 * b + 0.2 * c);
const stated = { a: 20, b: 30, c: 50 };

/** The OLS machinery and the earlier clipped method ("ols"); the default split is tested in importance/derived-importance-default.test.ts. */
describe("derivedImportance", () => {
  const result = ok(derivedImportance({ respondents: exact, attributes, weights: stated, method: "ols" }));

  it("recovers the coefficients 0.5, 0.3, 0.2 of an exact linear combination", () => {
    expect(result.rows.map((r) => r.coefficient)).toEqual([
      expect.closeTo(0.5, 9),
      expect.closeTo(0.3, 9),
      expect.closeTo(0.2, 9),
    ]);
  });

  it("recovers intercept 0 and R squared 1", () => {
    expect([result.intercept, result.rSquared]).toEqual([expect.closeTo(0, 9), expect.closeTo(1, 9)]);
  });

  it("normalises the coefficients to derived weights 50, 30, 20 with method ols", () => {
    // Hand calculation: 100 * 0.5 / (0.5 + 0.3 + 0.2) = 50, then 30 and 20.
    expect(result.rows.map((r) => r.derivedWeight)).toEqual([
      expect.closeTo(50, 7),
      expect.closeTo(30, 7),
      expect.closeTo(20, 7),
    ]);
  });

  it("uses the quality attributes only", () => {
    expect(result.rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("counts 6 observations from 3 respondents", () => {
    expect([result.n, result.nRespondents]).toEqual([6, 3]);
  });

  it("compares ranks: stated 3, 2, 1 against derived 1, 2, 3", () => {
    expect(result.rows.map((r) => [r.statedRank, r.derivedRank, r.rankDifference])).toEqual([
      [3, 1, -2],
      [2, 2, 0],
      [1, 3, 2],
    ]);
  });

  it("flags the attributes whose ranks differ most", () => {
    expect(result.mostDifferent).toEqual(["a", "c"]);
  });

  it("flags nothing when stated and derived ranks agree", () => {
    const agree = ok(derivedImportance({ respondents: exact, attributes, weights: { a: 50, b: 30, c: 20 }, method: "ols" }));
    expect(agree.mostDifferent).toEqual([]);
  });

  it("gives tied stated weights the mean of their ranks", () => {
    // Hand calculation: stated 40, 40, 20 -> ranks 1.5, 1.5, 3; derived 1, 2, 3;
    // differences -0.5, +0.5, 0, so a and b differ most.
    const tied = ok(derivedImportance({ respondents: exact, attributes, weights: { a: 40, b: 40, c: 20 }, method: "ols" }));
    expect(tied.rows.map((r) => r.statedRank)).toEqual([1.5, 1.5, 3]);
    expect(tied.mostDifferent).toEqual(["a", "b"]);
  });

  it("reports a negative coefficient and gives it derived weight 0 with method ols", () => {
    // overall = 1 + 0.6 a + 0.5 b - 0.1 c: derived weights 100 * 0.6 / 1.1 = 54.545455,
    // 100 * 0.5 / 1.1 = 45.454545, 0.
    const negative = ok(
      derivedImportance({
        respondents: study(ratings, ([a, b, c]) => 1 + 0.6 * a + 0.5 * b - 0.1 * c),
        attributes,
        weights: stated,
        method: "ols",
      }),
    );
    expect(negative.rows.map((r) => [r.coefficient, r.derivedWeight])).toEqual([
      [expect.closeTo(0.6, 9), expect.closeTo(54.545455, 5)],
      [expect.closeTo(0.5, 9), expect.closeTo(45.454545, 5)],
      [expect.closeTo(-0.1, 9), 0],
    ]);
  });

  it("leaves out an observation with a missing rating", () => {
    const extra: RespondentOutcome = {
      id: "r4",
      weights: {},
      ratings: { own: { a: 5, b: 5 } },
      overall: { own: 5 },
    };
    const withMissing = ok(derivedImportance({ respondents: [...exact, extra], attributes, weights: stated }));
    expect([withMissing.n, withMissing.nRespondents]).toEqual([6, 3]);
  });

  it("leaves out an offer without an overall rating", () => {
    const noOverall = exact.map((r, i) => (i === 0 ? { ...r, overall: { own: r.overall?.own ?? 0 } } : r));
    const fewer = ok(derivedImportance({ respondents: noOverall, attributes, weights: stated }));
    expect(fewer.n).toBe(5);
  });

  it("returns too-few-observations with n = attributes + 1", () => {
    // 4 observations for 3 attributes: n must exceed 3 + 1.
    const four = exact.slice(0, 2);
    expect(derivedImportance({ respondents: four, attributes, weights: stated })).toEqual({
      ok: false,
      reason: "too-few-observations",
    });
  });

  it("returns too-few-observations for one respondent (n = 1)", () => {
    expect(derivedImportance({ respondents: exact.slice(0, 1), attributes, weights: stated })).toEqual({
      ok: false,
      reason: "too-few-observations",
    });
  });

  it("returns zero-variance when an attribute rating is constant", () => {
    const constant = study(
      ratings.map(([own, comp]) => [
        [own[0], own[1], 5],
        [comp[0], comp[1], 5],
      ]),
      ([a, b]) => 0.5 * a + 0.3 * b,
    );
    expect(derivedImportance({ respondents: constant, attributes, weights: stated })).toEqual({
      ok: false,
      reason: "zero-variance",
    });
  });

  it("returns zero-variance when the overall rating is constant", () => {
    expect(derivedImportance({ respondents: study(ratings, () => 7), attributes, weights: stated })).toEqual({
      ok: false,
      reason: "zero-variance",
    });
  });

  it("returns singular-matrix when two attributes are collinear", () => {
    // c = a in every observation.
    const collinear = study(
      ratings.map(([own, comp]) => [
        [own[0], own[1], own[0]],
        [comp[0], comp[1], comp[0]],
      ]),
      ([a, b]) => 0.5 * a + 0.3 * b,
    );
    expect(derivedImportance({ respondents: collinear, attributes, weights: stated })).toEqual({
      ok: false,
      reason: "singular-matrix",
    });
  });

  it("returns no-positive-coefficients when every coefficient is negative with method ols", () => {
    const inverse = study(ratings, ([a, b, c]) => 20 - 0.5 * a - 0.3 * b - 0.2 * c);
    expect(derivedImportance({ respondents: inverse, attributes, weights: stated, method: "ols" })).toEqual({
      ok: false,
      reason: "no-positive-coefficients",
    });
  });

  it("returns no-weights when the stated weights sum to 0", () => {
    expect(derivedImportance({ respondents: exact, attributes, weights: {} })).toEqual({
      ok: false,
      reason: "no-weights",
    });
  });

  it("returns no-attributes without quality attributes", () => {
    expect(derivedImportance({ respondents: exact, attributes: [{ id: "p", kind: "price" }], weights: stated })).toEqual({
      ok: false,
      reason: "no-attributes",
    });
  });
});
