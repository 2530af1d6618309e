import { derivedImportanceFromMoments, type ImportanceMoments } from "./importance/derived-importance-from-moments";
import { quantileType7 } from "./quantile-type7";
import { seededRandom } from "./seeded-random";
import type { AttributeDef, DerivedImportanceInput, DerivedImportanceResult } from "./types";

/** The pooled observations: p attribute values and the overall rating per row, rows grouped by respondent. */
interface Observations {
  p: number;
  xs: Float64Array;
  ys: Float64Array;
  /** [first row, end row) of each contributing respondent */
  ranges: Array<[number, number]>;
}

/** Every (respondent, offer) with a finite overall rating and a finite rating on every quality attribute. */
function observations(input: DerivedImportanceInput, quality: AttributeDef[]): Observations {
  const p = quality.length;
  const turn = quality.map((a) => (a.lowerIsBetter === true ? -1 : 1));
  // one flat buffer, p values per row: no array per row (this runs over every rating of the study)
  let xs = new Float64Array(1024 * p);
  let ys = new Float64Array(1024);
  let n = 0;
  const ranges: Array<[number, number]> = [];
  for (const respondent of input.respondents) {
    const overallRatings = respondent.overall;
    if (overallRatings === undefined) continue;
    const first = n;
    for (const offerId in overallRatings) {
      const overall = overallRatings[offerId] as number;
      if (!Number.isFinite(overall)) continue;
      const ratings = respondent.ratings[offerId];
      if (ratings === undefined) continue;
      if (n === ys.length) {
        const grownX = new Float64Array(xs.length * 2);
        grownX.set(xs);
        xs = grownX;
        const grownY = new Float64Array(ys.length * 2);
        grownY.set(ys);
        ys = grownY;
      }
      let complete = true;
      for (let i = 0; i < p; i += 1) {
        const score = ratings[(quality[i] as AttributeDef).id];
        if (score === undefined || !Number.isFinite(score)) {
          complete = false;
          break;
        }
        xs[n * p + i] = (turn[i] as number) * score;
      }
      if (!complete) continue;
      ys[n] = overall;
      n += 1;
    }
    if (n > first) ranges.push([first, n]);
  }
  return { p, xs, ys, ranges };
}

/** Moments of every observation, in two passes (means first: exact for constant columns). */
function moments(data: Observations): ImportanceMoments {
  const { p, xs, ys } = data;
  const n = data.ranges.reduce((s, [first, end]) => s + end - first, 0);
  let meanY = 0;
  const meanX = new Float64Array(p);
  const squares = new Float64Array(p);
  for (const [first, end] of data.ranges) {
    for (let k = first; k < end; k += 1) {
      meanY += ys[k] as number;
      for (let i = 0; i < p; i += 1) {
        const x = xs[k * p + i] as number;
        meanX[i] = (meanX[i] as number) + x;
        squares[i] = (squares[i] as number) + x * x;
      }
    }
  }
  meanY /= Math.max(1, n);
  for (let i = 0; i < p; i += 1) meanX[i] = (meanX[i] as number) / Math.max(1, n);
  const cross = new Float64Array(p * p);
  const xy = new Float64Array(p);
  const dx = new Float64Array(p);
  let ssTotal = 0;
  for (const [first, end] of data.ranges) {
    for (let k = first; k < end; k += 1) {
      const dy = (ys[k] as number) - meanY;
      ssTotal += dy * dy;
      for (let i = 0; i < p; i += 1) dx[i] = (xs[k * p + i] as number) - (meanX[i] as number);
      for (let i = 0; i < p; i += 1) {
        const di = dx[i] as number;
        xy[i] = (xy[i] as number) + di * dy;
        for (let j = i; j < p; j += 1) cross[i * p + j] = (cross[i * p + j] as number) + di * (dx[j] as number);
      }
    }
  }
  return { n, meanX, meanY, cross, xy, ssTotal, squares };
}

/**
 * Each respondent's observations summed about the full sample's means (count, sums, packed
 * cross-products): a bootstrap replicate is then a count-weighted sum over respondents, whose
 * cost does not grow with the offers a respondent rated.
 */
interface RespondentSums {
  p: number;
  count: Float64Array;
  sx: Float64Array;
  sy: Float64Array;
  cross: Float64Array;
  xy: Float64Array;
  yy: Float64Array;
  xx: Float64Array;
  centreX: Float64Array;
  centreY: number;
}

function respondentSums(data: Observations, full: ImportanceMoments): RespondentSums {
  const { p, xs, ys } = data;
  const R = data.ranges.length;
  const packed = (p * (p + 1)) / 2;
  const sums: RespondentSums = {
    p,
    count: new Float64Array(R),
    sx: new Float64Array(R * p),
    sy: new Float64Array(R),
    cross: new Float64Array(R * packed),
    xy: new Float64Array(R * p),
    yy: new Float64Array(R),
    xx: new Float64Array(R * p),
    centreX: full.meanX,
    centreY: full.meanY,
  };
  const dx = new Float64Array(p);
  data.ranges.forEach(([first, end], r) => {
    for (let k = first; k < end; k += 1) {
      const dy = (ys[k] as number) - full.meanY;
      sums.count[r] = (sums.count[r] as number) + 1;
      sums.sy[r] = (sums.sy[r] as number) + dy;
      sums.yy[r] = (sums.yy[r] as number) + dy * dy;
      let c = r * packed;
      for (let i = 0; i < p; i += 1) {
        const x = xs[k * p + i] as number;
        dx[i] = x - (full.meanX[i] as number);
        sums.xx[r * p + i] = (sums.xx[r * p + i] as number) + x * x;
      }
      for (let i = 0; i < p; i += 1) {
        const di = dx[i] as number;
        sums.sx[r * p + i] = (sums.sx[r * p + i] as number) + di;
        sums.xy[r * p + i] = (sums.xy[r * p + i] as number) + di * dy;
        for (let j = i; j < p; j += 1) {
          sums.cross[c] = (sums.cross[c] as number) + di * (dx[j] as number);
          c += 1;
        }
      }
    }
  });
  return sums;
}

/** Moments of a resample (`weights[r]` = times respondent r was drawn) from the respondents' sums. */
function resampledMoments(sums: RespondentSums, weights: Float64Array): ImportanceMoments {
  const { p } = sums;
  const packed = (p * (p + 1)) / 2;
  let n = 0;
  let sy = 0;
  let yy = 0;
  const sx = new Float64Array(p);
  const packedCross = new Float64Array(packed);
  const sxy = new Float64Array(p);
  const squares = new Float64Array(p);
  for (let r = 0; r < weights.length; r += 1) {
    const w = weights[r] as number;
    if (w === 0) continue;
    n += w * (sums.count[r] as number);
    sy += w * (sums.sy[r] as number);
    yy += w * (sums.yy[r] as number);
    for (let i = 0; i < p; i += 1) {
      sx[i] = (sx[i] as number) + w * (sums.sx[r * p + i] as number);
      sxy[i] = (sxy[i] as number) + w * (sums.xy[r * p + i] as number);
      squares[i] = (squares[i] as number) + w * (sums.xx[r * p + i] as number);
    }
    const base = r * packed;
    for (let c = 0; c < packed; c += 1) packedCross[c] = (packedCross[c] as number) + w * (sums.cross[base + c] as number);
  }
  // about the resample's own means: sum (x - m)(x - m)' = sum d d' - n δ δ', δ = mean d
  const delta = Array.from(sx, (v) => (n > 0 ? v / n : 0));
  const deltaY = n > 0 ? sy / n : 0;
  const cross = new Float64Array(p * p);
  let c = 0;
  for (let i = 0; i < p; i += 1) {
    for (let j = i; j < p; j += 1) {
      cross[i * p + j] = (packedCross[c] as number) - n * (delta[i] as number) * (delta[j] as number);
      c += 1;
    }
  }
  return {
    n,
    meanX: Float64Array.from(sums.centreX, (m, i) => m + (delta[i] as number)),
    meanY: sums.centreY + deltaY,
    cross,
    xy: Float64Array.from(sxy, (v, i) => v - n * (delta[i] as number) * deltaY),
    ssTotal: yy - n * deltaY * deltaY,
    squares,
  };
}

/**
 * Derived importance (docs/method.md §4 (c), §6): how much each quality
 * attribute explains of the overall quality rating, pooled over (respondent, offer) pairs,
 * beside the stated weights.
 *
 * Observations: every (r, j) with a finite `overall[j]` and a finite rating of j on every
 * quality attribute; ratings of a `lowerIsBetter` attribute are multiplied by −1 first.
 * OLS `y = b_0 + sum_i b_i x_i` from the centred data scaled to the correlation matrix `R_xx`
 * and the correlations `r_xy` (`rSquared` = R² of the fit, clamped to 0..1 against rounding).
 * Derived weights by `method`:
 * - "relative-weights" (default, `relativeWeights`) or "shapley" (`shapleyImportance`, at
 *   most 12 attributes): raw weights ε_i summing to R²; derived weight
 *   `sign(b_i) * 100 * ε_i / R²` (signed with the OLS coefficient, never clipped);
 * - "ols": `100 * max(0, b_i) / sum_k max(0, b_k)` (the earlier method).
 * Stated weights are rescaled to 100 over the quality attributes (missing = 0). Ranks: 1 =
 * most important (by the signed derived weight), ties (equal to 1e-9) share the mean rank;
 * `rankDifference = derivedRank - statedRank`; `mostDifferent` lists the attributes with the
 * largest |rankDifference| (none when all ranks agree).
 *
 * `bootstrap` (replicates default 1000, seed default 1, level default 0.95): respondents who
 * contributed an observation are resampled with replacement (all their observations go
 * together, `seededRandom`); each replicate refits and splits; a derived weight's interval is
 * the (1 − level)/2 and (1 + level)/2 quantiles (type 7) of the replicates that could be
 * computed ("too-few-replicates" below 2).
 *
 * Unavailable: "no-attributes", "not-finite" or "negative-weight" or "no-weights" (stated
 * weights), "too-few-observations" (n <= attributes + 1), "zero-variance" (overall or an
 * attribute rating constant over the observations), "singular-matrix" (attribute ratings
 * collinear), "too-many-attributes" (Shapley), "no-explained-variance" (R² = 0),
 * "no-positive-coefficients" ("ols").
 */
export function derivedImportance(input: DerivedImportanceInput): DerivedImportanceResult {
  const quality = input.attributes.filter((a) => a.kind === "quality");
  const p = quality.length;
  let data: Observations | null = null;
  const settings = input.bootstrap;
  return derivedImportanceFromMoments(
    input,
    () => {
      data = observations(input, quality);
      return { moments: moments(data), nRespondents: data.ranges.length };
    },
    settings === undefined
      ? undefined
      : (refit, full) => {
          const observed = data as Observations | null;
          if (observed === null) throw new Error("derivedImportance: bootstrap before the observations");
          const replicates = Math.max(1, Math.floor(settings.replicates ?? 1000));
          const seed = settings.seed ?? 1;
          const level = settings.level ?? 0.95;
          const random = seededRandom(seed);
          const draws: number[][] = Array.from({ length: p }, () => []);
          let failed = 0;
          const sums = respondentSums(observed, full);
          const count = observed.ranges.length;
          const weights = new Float64Array(count);
          for (let b = 0; b < replicates; b += 1) {
            weights.fill(0);
            for (let k = 0; k < count; k += 1) {
              const r = Math.floor(random() * count);
              weights[r] = (weights[r] as number) + 1;
            }
            const shares = refit(resampledMoments(sums, weights));
            if (!shares.ok) {
              failed += 1;
              continue;
            }
            shares.shares.forEach((s, i) => (draws[i] as number[]).push(s));
          }
          return {
            bootstrap: { replicates: replicates - failed, failed, level, seed },
            intervals: draws.map((values) => {
              const lower = values.length >= 2 ? quantileType7(values, (1 - level) / 2) : null;
              const upper = values.length >= 2 ? quantileType7(values, (1 + level) / 2) : null;
              return lower !== null && upper !== null ? { ok: true, lower, upper } : { ok: false, reason: "too-few-replicates" };
            }),
          };
        },
  );
}
