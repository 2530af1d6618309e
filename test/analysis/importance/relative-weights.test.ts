import { describe, it, expect } from "vitest";
import { relativeWeights, shapleyImportance } from "../../../analysis";
import { ok } from "../helpers";

describe("relativeWeights (Johnson 2000)", () => {
  it("splits R² = 0.25 into 0.205 and 0.045 for r12 = 0.6, r_xy = (0.5, 0.3)", () => {
    // Hand calculation: eigenvalues 1.6 and 0.4, eigenvectors (1, 1) / sqrt 2, (1, -1) / sqrt 2, so
    // Λ = [[a, b], [b, a]] with a = (sqrt 1.6 + sqrt 0.4) / 2 = 3 / sqrt 10, b = 1 / sqrt 10;
    // Λ⁻¹ = sqrt 10 / 8 [[3, -1], [-1, 3]]; β = sqrt 10 / 8 (1.5 - 0.3, 0.9 - 0.5) = sqrt 10 (0.15, 0.05);
    // β² = (0.225, 0.025); ε1 = 0.9 * 0.225 + 0.1 * 0.025 = 0.205, ε2 = 0.1 * 0.225 + 0.9 * 0.025 = 0.045.
    // OLS: b = R⁻¹ r = (0.5, 0), R² = 0.25 = ε1 + ε2.
    const result = ok(relativeWeights([[1, 0.6], [0.6, 1]], [0.5, 0.3]));
    expect(result.rawWeights).toEqual([expect.closeTo(0.205, 12), expect.closeTo(0.045, 12)]);
    expect(result.rSquared).toBeCloseTo(0.25, 12);
  });

  it("gives r_i² for uncorrelated attributes", () => {
    // R_xx = I: Λ = I, β = r_xy, ε_i = r_i²: 0.16, 0.09, 0.01.
    const identity = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    expect(ok(relativeWeights(identity, [0.4, -0.3, 0.1])).rawWeights).toEqual([
      expect.closeTo(0.16, 12),
      expect.closeTo(0.09, 12),
      expect.closeTo(0.01, 12),
    ]);
  });

  it("matches an independent computation for three correlated attributes", () => {
    // R_xx = [[1, .5, .3], [.5, 1, .4], [.3, .4, 1]], r_xy = (.6, .5, .2); computed with numpy:
    // L = V diag(sqrt l) V' from numpy.linalg.eigh, beta = solve(L, r), eps = (L**2) @ beta**2
    // -> 0.25676609, 0.14578981, 0.01341184, sum 0.41596774 = r' R⁻¹ r (the OLS R²).
    const result = ok(relativeWeights([[1, 0.5, 0.3], [0.5, 1, 0.4], [0.3, 0.4, 1]], [0.6, 0.5, 0.2]));
    expect(result.rawWeights).toEqual([expect.closeTo(0.25676609, 7), expect.closeTo(0.14578981, 7), expect.closeTo(0.01341184, 7)]);
    expect(result.rSquared).toBeCloseTo(0.41596774, 7);
  });

  it("returns singular-matrix for perfectly correlated attributes", () => {
    expect(relativeWeights([[1, 1], [1, 1]], [0.5, 0.5])).toEqual({ ok: false, reason: "singular-matrix" });
  });

  it("returns no-attributes for none", () => {
    expect(relativeWeights([], [])).toEqual({ ok: false, reason: "no-attributes" });
  });
});

describe("shapleyImportance (LMG)", () => {
  it("splits R² = 0.293333 into 0.206667, 0.046667, 0.04 for r12 = 0.5, a third attribute uncorrelated", () => {
    // r_xy = (.5, .3, .2). Subset R²: {1} .25, {2} .09, {3} .04, {1,2} (.25 + .09 - 2 * .5 * .15) / .75
    // = .253333, {1,3} .29, {2,3} .13, {1,2,3} .293333.
    // φ1 = 1/3 * .25 + 1/6 (.253333 - .09) + 1/6 (.29 - .04) + 1/3 (.293333 - .13) = .206667;
    // φ2 = 1/3 * .09 + 1/6 (.253333 - .25) + 1/6 (.13 - .04) + 1/3 (.293333 - .29) = .046667;
    // φ3 = .04 (uncorrelated: it adds .04 to every subset).
    const result = ok(shapleyImportance([[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]], [0.5, 0.3, 0.2]));
    expect(result.rawWeights).toEqual([expect.closeTo(0.206667, 6), expect.closeTo(0.046667, 6), expect.closeTo(0.04, 12)]);
    expect(result.rSquared).toBeCloseTo(0.293333, 6);
  });

  it("differs slightly from relative weights for three correlated attributes", () => {
    // Same data as the relative-weights case; exact Shapley computed with itertools and
    // numpy.linalg.solve over the 8 subsets: 0.2559514, 0.14573162, 0.01428473 (sum 0.41596774).
    const result = ok(shapleyImportance([[1, 0.5, 0.3], [0.5, 1, 0.4], [0.3, 0.4, 1]], [0.6, 0.5, 0.2]));
    expect(result.rawWeights).toEqual([expect.closeTo(0.2559514, 7), expect.closeTo(0.14573162, 7), expect.closeTo(0.01428473, 7)]);
  });

  it("returns too-many-attributes above 12", () => {
    const identity = Array.from({ length: 13 }, (_, i) => Array.from({ length: 13 }, (__, j) => (i === j ? 1 : 0)));
    expect(shapleyImportance(identity, new Array<number>(13).fill(0.1))).toEqual({ ok: false, reason: "too-many-attributes" });
  });
});
