import { describe, it, expect } from "vitest";
import { derivedImportance, seededRandom } from "../../../analysis";
import type { AttributeDef, RespondentOutcome } from "../../../analysis";
import { ok } from "../helpers";

const attributes: AttributeDef[] = [
  { id: "a", kind: "quality" },
  { id: "b", kind: "quality" },
];

/**
 * An orthogonal design: rows (a, b) = (6, 6), (6, 4), (4, 6), (4, 4), each twice, with
 * overall = 2a - b + e, e = +1, -1, -1, +1 (orthogonal to a, b and the constant):
 * overall 7, 7, 1, 5. Hand calculation (per four rows): means 5, 5, 5; centred a = ±1,
 * b = ±1, uncorrelated; sum da dy = 8, sum db dy = -4, sum dy² = 24, sum da² = sum db² = 4.
 * OLS b = (2, -1), intercept 0, SS_res = sum e² = 4, R² = 20 / 24 = 0.833333.
 * R_xx = I, so relative weights and Shapley both give ε_i = r_i²:
 * ε_a = 8² / (4 * 24) = 0.666667, ε_b = (-4)² / 96 = 0.166667; shares 100 * ε / R² = 80 and
 * 20, signed with b: +80, -20.
 */
function orthogonal(turnB = false): RespondentOutcome[] {
  const rows: Array<[number, number, number]> = [
    [6, 6, 7],
    [6, 4, 7],
    [4, 6, 1],
    [4, 4, 5],
  ];
  const pairs = [
    [rows[0], rows[1]],
    [rows[2], rows[3]],
    [rows[0], rows[1]],
    [rows[2], rows[3]],
  ] as Array<[[number, number, number], [number, number, number]]>;
  // with turnB the b rating is stored as 10 - b (lower is better): the same data turned
  return pairs.map(([own, comp], i) => ({
    id: `r${i + 1}`,
    weights: {},
    ratings: {
      own: { a: own[0], b: turnB ? 10 - own[1] : own[1] },
      comp: { a: comp[0], b: turnB ? 10 - comp[1] : comp[1] },
    },
    overall: { own: own[2], comp: comp[2] },
  }));
}

describe("derivedImportance default: Johnson's relative weights (docs/method.md §6)", () => {
  const result = ok(derivedImportance({ respondents: orthogonal(), attributes, weights: { a: 30, b: 70 } }));

  it("uses relative weights by default", () => {
    expect(result.method).toBe("relative-weights");
  });

  it("signs the share with the OLS coefficient and never clips it: +80 and -20", () => {
    expect(result.rows.map((r) => [r.coefficient, r.derivedWeight, r.sign])).toEqual([
      [expect.closeTo(2, 9), expect.closeTo(80, 9), 1],
      [expect.closeTo(-1, 9), expect.closeTo(-20, 9), -1],
    ]);
  });

  it("reports each attribute's part of R² (0.666667, 0.166667) and R² = 0.833333, n = 8 from 4 respondents", () => {
    expect(result.rows.map((r) => r.rSquaredPart)).toEqual([expect.closeTo(2 / 3, 9), expect.closeTo(1 / 6, 9)]);
    expect([result.rSquared, result.n, result.nRespondents]).toEqual([expect.closeTo(20 / 24, 9), 8, 4]);
  });

  it("gives the rank difference to the stated weights: stated b first, derived a first", () => {
    // stated 30, 70 -> ranks 2, 1; derived +80, -20 -> ranks 1, 2; differences -1, +1.
    expect(result.rows.map((r) => [r.statedRank, r.derivedRank, r.rankDifference])).toEqual([
      [2, 1, -1],
      [1, 2, 1],
    ]);
    expect(result.mostDifferent).toEqual(["a", "b"]);
  });

  it("multiplies a lowerIsBetter attribute by -1 first: b stored as 10 - b gives back -1 and -20", () => {
    // Stored s = 10 - b with lowerIsBetter: x = -s = b - 10, a shift of b, so the coefficient is
    // b's -1 and the share -20. Without the flag, s itself gets +1 and +20.
    const turnedAttributes: AttributeDef[] = [attributes[0] as AttributeDef, { id: "b", kind: "quality", lowerIsBetter: true }];
    const turned = ok(derivedImportance({ respondents: orthogonal(true), attributes: turnedAttributes, weights: { a: 30, b: 70 } }));
    const unflagged = ok(derivedImportance({ respondents: orthogonal(true), attributes, weights: { a: 30, b: 70 } }));
    expect([turned.rows[1]?.coefficient, turned.rows[1]?.derivedWeight]).toEqual([expect.closeTo(-1, 9), expect.closeTo(-20, 9)]);
    expect([unflagged.rows[1]?.coefficient, unflagged.rows[1]?.derivedWeight]).toEqual([expect.closeTo(1, 9), expect.closeTo(20, 9)]);
  });

  it("gives the same split with Shapley for uncorrelated attributes", () => {
    const shapley = ok(derivedImportance({ respondents: orthogonal(), attributes, weights: { a: 30, b: 70 }, method: "shapley" }));
    expect([shapley.method, ...shapley.rows.map((r) => r.derivedWeight)]).toEqual(["shapley", expect.closeTo(80, 9), expect.closeTo(-20, 9)]);
  });

  it("keeps the earlier clipped split with method ols: 100 and 0", () => {
    const ols = ok(derivedImportance({ respondents: orthogonal(), attributes, weights: { a: 30, b: 70 }, method: "ols" }));
    expect(ols.rows.map((r) => [r.derivedWeight, r.rSquaredPart])).toEqual([
      [expect.closeTo(100, 9), null],
      [0, null],
    ]);
  });

  it("says the intervals were not requested without bootstrap", () => {
    expect([result.bootstrap, result.rows[0]?.interval]).toEqual([null, { ok: false, reason: "not-requested" }]);
  });
});

/** 120 respondents x 2 offers, three correlated attributes, overall = 0.5 x1 + 0.3 x2 + 0.1 x3 + noise. */
function simulated(seed: number): RespondentOutcome[] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: 120 }, (_, r) => {
    const ratings: Record<string, Record<string, number>> = {};
    const overall: Record<string, number> = {};
    for (const offer of ["own", "comp"]) {
      const common = normal();
      const x = [6 + common + normal(), 6 + 0.8 * common + normal(), 6 + 0.5 * common + normal()];
      ratings[offer] = { x1: x[0] as number, x2: x[1] as number, x3: x[2] as number };
      overall[offer] = 0.5 * (x[0] as number) + 0.3 * (x[1] as number) + 0.1 * (x[2] as number) + normal();
    }
    return { id: `r${r}`, weights: {}, ratings, overall };
  });
}

describe("derivedImportance bootstrap intervals", () => {
  const threeAttributes: AttributeDef[] = ["x1", "x2", "x3"].map((id) => ({ id, kind: "quality" }));
  const respondents = simulated(7);
  const run = () =>
    ok(derivedImportance({ respondents, attributes: threeAttributes, weights: { x1: 1, x2: 1, x3: 1 }, bootstrap: { replicates: 200, seed: 3 } }));

  it("gives the same intervals for the same seed", () => {
    expect(run().rows.map((r) => r.interval)).toEqual(run().rows.map((r) => r.interval));
  });

  it("gives intervals around each derived share, and counts the replicates", () => {
    const result = run();
    for (const row of result.rows) {
      if (!row.interval.ok) throw new Error("interval expected");
      expect(row.interval.lower).toBeLessThanOrEqual(row.derivedWeight);
      expect(row.interval.upper).toBeGreaterThanOrEqual(row.derivedWeight);
    }
    expect(result.bootstrap).toEqual({ replicates: 200, failed: 0, level: 0.95, seed: 3 });
  });

  it("gives a zero-width interval at 50, 30, 20 when every resample fits exactly (method ols)", () => {
    // overall = 0.5 a + 0.3 b + 0.2 c exactly: every replicate that can be fitted recovers the
    // same coefficients, hence the same clipped shares 50, 30, 20.
    const exact = respondents.map((r) => ({
      ...r,
      overall: Object.fromEntries(
        Object.entries(r.ratings).map(([offer, x]) => [offer, 0.5 * (x.x1 ?? 0) + 0.3 * (x.x2 ?? 0) + 0.2 * (x.x3 ?? 0)]),
      ),
    }));
    const result = ok(
      derivedImportance({ respondents: exact, attributes: threeAttributes, weights: { x1: 1, x2: 1, x3: 1 }, method: "ols", bootstrap: { replicates: 50 } }),
    );
    expect(result.rows.map((r) => r.interval)).toEqual([
      { ok: true, lower: expect.closeTo(50, 7), upper: expect.closeTo(50, 7) },
      { ok: true, lower: expect.closeTo(30, 7), upper: expect.closeTo(30, 7) },
      { ok: true, lower: expect.closeTo(20, 7), upper: expect.closeTo(20, 7) },
    ]);
  });
});
