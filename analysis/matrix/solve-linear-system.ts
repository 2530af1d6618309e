/** Relative pivot size below which a system counts as singular (matrices here are on the scale of 1). */
const SINGULAR = 1e-10;

/**
 * Solves `A z = c` for a square matrix A by Gaussian elimination with partial pivoting;
 * null when a pivot is below 1e-10 in absolute value (the callers pass correlation matrices
 * or information matrices on the scale of 1) or the solution is not finite.
 */
export function solveLinearSystem(matrix: number[][], rhs: number[]): number[] | null {
  const size = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < size; col += 1) {
    let pivotRow = col;
    for (let row = col + 1; row < size; row += 1) {
      if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivotRow]?.[col] ?? 0)) pivotRow = row;
    }
    const pivotValues = a[pivotRow];
    const current = a[col];
    if (pivotValues === undefined || current === undefined) return null;
    const pivot = pivotValues[col] ?? 0;
    if (!(Math.abs(pivot) >= SINGULAR)) return null;
    a[col] = pivotValues;
    a[pivotRow] = current;
    for (let row = col + 1; row < size; row += 1) {
      const target = a[row];
      if (target === undefined) continue;
      const factor = (target[col] ?? 0) / pivot;
      if (factor === 0) continue;
      for (let k = col; k <= size; k += 1) target[k] = (target[k] ?? 0) - factor * (pivotValues[k] ?? 0);
    }
  }
  const z = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const values = a[row] ?? [];
    let sum = values[size] ?? 0;
    for (let k = row + 1; k < size; k += 1) sum -= (values[k] ?? 0) * (z[k] ?? 0);
    z[row] = sum / (values[row] ?? 1);
  }
  return z.every(Number.isFinite) ? z : null;
}
