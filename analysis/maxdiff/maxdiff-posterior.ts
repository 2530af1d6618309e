
/** A respondent's tasks as item indexes: shown, best, worst. */
export interface IndexedTask {
  shown: number[];
  best: number;
  worst: number;
}

/** Newton iterations before giving up (the objective is strictly concave; 5–10 suffice). */
const MAX_NEWTON = 100;

/**
 * Cholesky factor L (lower, row-major, J x J) of a symmetric positive definite matrix, or null
 * when a pivot is not positive (the posterior's information matrix always is, given the prior).
 */
function cholesky(a: Float64Array, J: number): Float64Array | null {
  const l = new Float64Array(J * J);
  for (let i = 0; i < J; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * J + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (l[i * J + k] as number) * (l[j * J + k] as number);
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * J + i] = Math.sqrt(sum);
      } else {
        l[i * J + j] = sum / (l[j * J + j] as number);
      }
    }
  }
  return l;
}

/** Solves L L' x = b. */
function choleskySolve(l: Float64Array, J: number, b: number[]): number[] {
  const y = new Array<number>(J).fill(0);
  for (let i = 0; i < J; i += 1) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (l[i * J + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * J + i] as number);
  }
  const x = new Array<number>(J).fill(0);
  for (let i = J - 1; i >= 0; i -= 1) {
    let sum = y[i] as number;
    for (let k = i + 1; k < J; k += 1) sum -= (l[k * J + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * J + i] as number);
  }
  return x;
}

/** Diagonal of (L L')⁻¹ = sum over rows k of (L⁻¹)_{k,i}², with L⁻¹ by forward substitution. */
function inverseDiagonal(l: Float64Array, J: number): number[] {
  const inverse = new Float64Array(J * J);
  for (let col = 0; col < J; col += 1) {
    for (let i = col; i < J; i += 1) {
      let sum = i === col ? 1 : 0;
      for (let k = col; k < i; k += 1) sum -= (l[i * J + k] as number) * (inverse[k * J + col] as number);
      inverse[i * J + col] = sum / (l[i * J + i] as number);
    }
  }
  const diagonal = new Array<number>(J).fill(0);
  for (let i = 0; i < J; i += 1) {
    let sum = 0;
    for (let k = i; k < J; k += 1) sum += (inverse[k * J + i] as number) ** 2;
    diagonal[i] = sum;
  }
  return diagonal;
}

/** Log-likelihood of the best–worst choices plus the log prior (up to a constant). */
function objective(u: number[], tasks: IndexedTask[], mean: number[], variance: number): number {
  let value = 0;
  for (const task of tasks) {
    let maxUp = -Infinity;
    let maxDown = -Infinity;
    for (const i of task.shown) {
      maxUp = Math.max(maxUp, u[i] as number);
      maxDown = Math.max(maxDown, -(u[i] as number));
    }
    let up = 0;
    let down = 0;
    for (const i of task.shown) {
      up += Math.exp((u[i] as number) - maxUp);
      down += Math.exp(-(u[i] as number) - maxDown);
    }
    value += (u[task.best] as number) - maxUp - Math.log(up);
    value += -(u[task.worst] as number) - maxDown - Math.log(down);
  }
  for (let i = 0; i < u.length; i += 1) value -= ((u[i] as number) - (mean[i] as number)) ** 2 / (2 * variance);
  return value;
}

/**
 * One respondent's MaxDiff utilities (docs/method.md §7): the posterior mode of a best–worst
 * multinomial logit — best: `P = e^{u_b} / sum e^{u}`, worst: `P = e^{-u_w} / sum e^{-u}`
 * over the task's items — under the normal prior `u ~ N(mean, variance I)`, by Newton's
 * method with step halving (the log posterior is strictly concave). Returns the mode and the
 * diagonal of the posterior covariance (the inverse of the negative Hessian, Laplace
 * approximation). The likelihood does not move when every u_i moves by the same amount, so
 * the mode's sum equals the prior mean's sum (0 when the prior mean sums to 0).
 * Newton systems are solved by Cholesky (the information matrix plus the prior's I / variance
 * is positive definite); null if a factorisation fails, not expected.
 */
export function maxDiffPosterior(
  tasks: IndexedTask[],
  mean: number[],
  variance: number,
  start?: number[],
): { mode: number[]; varianceDiagonal: number[] } | null {
  const J = mean.length;
  let u = start !== undefined ? [...start] : [...mean];
  let current = objective(u, tasks, mean, variance);
  let factor: Float64Array | null = null;
  const information = new Float64Array(J * J);
  const p = new Array<number>(J).fill(0);
  for (let iteration = 0; iteration < MAX_NEWTON; iteration += 1) {
    const gradient = u.map((x, i) => -(x - (mean[i] as number)) / variance);
    information.fill(0);
    for (let i = 0; i < J; i += 1) information[i * J + i] = 1 / variance;
    for (const task of tasks) {
      for (const sign of [1, -1]) {
        const chosen = sign === 1 ? task.best : task.worst;
        let top = -Infinity;
        for (const i of task.shown) top = Math.max(top, sign * (u[i] as number));
        let total = 0;
        task.shown.forEach((i, a) => {
          p[a] = Math.exp(sign * (u[i] as number) - top);
          total += p[a] as number;
        });
        // d/du_i of sign u_chosen - log sum e^{sign u}: sign (1[i = chosen] - p_i); information diag(p) - p p'
        task.shown.forEach((i, a) => {
          const pa = (p[a] as number) / total;
          gradient[i] = (gradient[i] as number) + sign * ((i === chosen ? 1 : 0) - pa);
          task.shown.forEach((j, b) => {
            const pb = (p[b] as number) / total;
            information[i * J + j] = (information[i * J + j] as number) + (a === b ? pa : 0) - pa * pb;
          });
        });
      }
    }
    factor = cholesky(information, J);
    if (factor === null) return null;
    const step = choleskySolve(factor, J, gradient);
    let scale = 1;
    let next = u.map((x, i) => x + (step[i] as number));
    let value = objective(next, tasks, mean, variance);
    while (!(value >= current) && scale > 1e-10) {
      scale /= 2;
      next = u.map((x, i) => x + scale * (step[i] as number));
      value = objective(next, tasks, mean, variance);
    }
    const moved = Math.max(...step.map((s) => Math.abs(scale * s)));
    if (value >= current) {
      u = next;
      current = value;
    }
    if (moved < 1e-9 || scale <= 1e-10) break;
  }
  if (factor === null) return null;
  return { mode: u, varianceDiagonal: inverseDiagonal(factor, J) };
}
