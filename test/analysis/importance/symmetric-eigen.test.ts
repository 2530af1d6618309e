import { describe, it, expect } from "vitest";
import { symmetricEigen } from "../../../analysis";

/** V diag(values) V' */
function rebuild(values: number[], vectors: number[][]): number[][] {
  return vectors.map((row) => vectors.map((other) => values.reduce((s, l, k) => s + (row[k] ?? 0) * l * (other[k] ?? 0), 0)));
}

describe("symmetricEigen", () => {
  it("finds eigenvalues 3 and 1 of [[2, 1], [1, 2]] with eigenvectors (1, 1) / sqrt 2 and (1, -1) / sqrt 2", () => {
    // Hand calculation: det [[2 - l, 1], [1, 2 - l]] = (2 - l)^2 - 1 = 0 -> l = 3, 1.
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(Math.abs(vectors[0]?.[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 12);
    expect((vectors[0]?.[0] ?? 0) * (vectors[1]?.[0] ?? 0)).toBeCloseTo(0.5, 12);
    expect((vectors[0]?.[1] ?? 0) * (vectors[1]?.[1] ?? 0)).toBeCloseTo(-0.5, 12);
  });

  it("finds the eigenvalues 6.669079, 3.476024, 1.854897 of [[4, 1, 2], [1, 3, 0], [2, 0, 5]]", () => {
    // Roots of the characteristic polynomial l^3 - 12 l^2 + 42 l - 43 (trace 12; principal
    // 2x2 minors 4*3 - 1 + 4*5 - 4 + 3*5 - 0 = 11 + 16 + 15 = 42; determinant
    // 4 * 15 - 1 * 5 + 2 * (0 - 6) = 43), solved numerically (numpy.linalg.eigh agrees).
    const { values } = symmetricEigen([
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ]);
    expect(values).toEqual([expect.closeTo(6.669079, 5), expect.closeTo(3.476024, 5), expect.closeTo(1.854897, 5)]);
    expect(values.reduce((s, l) => s + l, 0)).toBeCloseTo(12, 10);
    expect(values.reduce((s, l) => s * l, 1)).toBeCloseTo(43, 9);
  });

  it("rebuilds a 6 x 6 correlation-like matrix from its eigenvalues and orthonormal eigenvectors", () => {
    const m = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (__, j) => (i === j ? 1 : 0.9 ** Math.abs(i - j))));
    const { values, vectors } = symmetricEigen(m);
    rebuild(values, vectors).forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(m[i]?.[j] ?? 0, 10)));
    const gram = rebuild([1, 1, 1, 1, 1, 1], vectors.map((_, i) => vectors.map((row) => row[i] ?? 0)));
    gram.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(i === j ? 1 : 0, 10)));
  });

  it("returns a diagonal matrix as it is, values descending", () => {
    expect(symmetricEigen([[1, 0], [0, 4]]).values).toEqual([4, 1]);
  });
});
