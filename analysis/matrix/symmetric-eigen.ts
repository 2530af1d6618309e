/** Sweeps of the cyclic Jacobi method before giving up (it converges in well under 20 for p <= 40). */
const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * "Matrix Computations", §8.5): plane rotations that zero each off-diagonal element in turn,
 * repeated until the off-diagonal sum of squares is below 1e-30 of the total. Returns the
 * eigenvalues (descending) and the eigenvectors as the columns of `vectors`
 * (`A = V diag(values) V'`). Only the upper triangle is read; fine for p up to ~40.
 */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const p = matrix.length;
  const a = matrix.map((row, i) => matrix.map((_, j) => (j >= i ? (row[j] ?? 0) : (matrix[j]?.[i] ?? 0))));
  const v = matrix.map((_, i) => matrix.map((__, j) => (i === j ? 1 : 0)));
  const at = (m: number[][], i: number, j: number) => (m[i] as number[])[j] as number;
  const set = (m: number[][], i: number, j: number, value: number) => {
    (m[i] as number[])[j] = value;
  };
  let total = 0;
  for (let i = 0; i < p; i += 1) for (let j = 0; j < p; j += 1) total += at(a, i, j) ** 2;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
    let off = 0;
    for (let i = 0; i < p; i += 1) for (let j = i + 1; j < p; j += 1) off += 2 * at(a, i, j) ** 2;
    if (off <= 1e-30 * total || off === 0) break;
    for (let k = 0; k < p; k += 1) {
      for (let l = k + 1; l < p; l += 1) {
        const akl = at(a, k, l);
        if (akl === 0) continue;
        // rotation angle that zeroes a[k][l]: tan(2 theta) = 2 a_kl / (a_ll - a_kk)
        const theta = (at(a, l, l) - at(a, k, k)) / (2 * akl);
        const t = Math.sign(theta === 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < p; i += 1) {
          const aik = at(a, i, k);
          const ail = at(a, i, l);
          set(a, i, k, c * aik - s * ail);
          set(a, i, l, s * aik + c * ail);
        }
        for (let j = 0; j < p; j += 1) {
          const akj = at(a, k, j);
          const alj = at(a, l, j);
          set(a, k, j, c * akj - s * alj);
          set(a, l, j, s * akj + c * alj);
        }
        for (let i = 0; i < p; i += 1) {
          const vik = at(v, i, k);
          const vil = at(v, i, l);
          set(v, i, k, c * vik - s * vil);
          set(v, i, l, s * vik + c * vil);
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((x, y) => at(a, y, y) - at(a, x, x));
  return {
    values: order.map((i) => at(a, i, i)),
    vectors: v.map((row) => order.map((i) => row[i] as number)),
  };
}
