import type { UnavailableReason } from "./unavailable-reasons";
import { aggregateWeights } from "./aggregate-weights";
import { meanScores } from "./mean-scores";
import { deltaMethodFromMoments } from "./delta-method-from-moments";
import type { AttributeDef, IntervalsInput, OfferDef } from "./types";

/** Input of `deltaMethodIntervals`. */
export type DeltaMethodIntervalsInput = IntervalsInput;

/**
 * One figure's large-sample interval `estimate ± z * se`. `n` is the smallest number of
 * ratings behind any mean the figure uses; `smallSample` flags n < 30 (method.md asks to flag
 * such cells). Unavailable reasons: the estimate's own reason, "too-few-ratings" (a mean used
 * has n < 2), "zero-variance" (the propagated variance is 0), "negative-variance" (pairwise
 * covariances that are not jointly consistent gave a negative variance), "no-quality-share" (V).
 */
export type DeltaInterval =
  | { ok: true; estimate: number; se: number; lower: number; upper: number; n: number; smallSample: boolean }
  | { ok: false; reason: UnavailableReason };

export interface DeltaFigures {
  quality: DeltaInterval;
  satisfaction: DeltaInterval;
  relativePrice: DeltaInterval;
  value: DeltaInterval;
}

export type DeltaMethodIntervalsResult =
  | {
      ok: true;
      method: "delta";
      level: number;
      z: number;
      n: number;
      /** each offer against the rest of the market (the value map's points) */
      offers: Record<string, DeltaFigures>;
      /** the own offer against `referenceIds`, with each attribute ratio r_i */
      own: DeltaFigures & { offerId: string; referenceIds: string[]; ratios: Record<string, DeltaInterval> };
    }
  | { ok: false; reason: UnavailableReason };

/** Points a respondent gave, 0 when missing, not finite or negative (as aggregateWeights). */
const usable = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * Large-sample (delta-method) intervals (method.md "Beyond Gale": confidence intervals) for
 * Q, S, RP and V of every offer (each against the rest of the market, as on the value map)
 * and for the own offer's Q, S, RP, V and attribute ratios against `referenceIds`.
 *
 * 1. Each mean `m_a` (a = offer x attribute) gets `Var(m_a) = s_a^2 / n_a` (sample variance with
 *    n - 1). Means of the same respondents are correlated, so
 *    `Cov(m_a, m_b) = n_ab * s_ab / (n_a * n_b)`, with `s_ab` the sample covariance over the
 *    n_ab respondents who rated both (0 when n_ab < 2). Disjoint samples give independent means.
 * 2. Every figure is a smooth function of the means; first-order Taylor expansion gives
 *    `Var(f) = g' C g` with g the gradient: for `r_i = m_{j,i} / m_{R,i}`, `m_{R,i} = sum_k c_k m_{k,i}`
 *    (`c_k` = 1/|R| or the share weights): `dr/dm_j = 1 / m_R`, `dr/dm_k = -c_k m_j / m_R^2`
 *    (lower-is-better `r = m_R / m_j`: `-m_R / m_j^2` and `c_k / m_j`); `Q = sum_i w_i r_i`;
 *    `RP = 10000 / S` gives `se(RP) = 10000 se(S) / S^2`; `V = (q Q + (100 - q) S) / 100`
 *    combines the gradients of Q and S (not their standard errors).
 * 3. The mean weights and the mean quality share are means over respondents too, so they join
 *    the vector of means: per respondent `w_{r,i} = 100 p_{r,i} / sum_k p_{r,k}` within its kind
 *    (as `aggregateWeights`) and `q_r`, with the same covariance rule. Their gradients:
 *    `dQ/dw_i = r_i - Q / 100` (the profile rescales the weights to sum 100; the per-respondent
 *    weights already do, so this equals `r_i` up to a direction that has no variance), and
 *    `dV/dq = (Q - S) / 100`. Two-level weights (`groups`) are treated as fixed (their
 *    group weights come from the study, not from respondents), as are weights nobody gave.
 *    The bootstrap re-estimates everything and is the interval to prefer for small n.
 * Interval: `estimate ± z se` with z the standard normal `(1 + level) / 2` quantile.
 *
 * Unavailable (whole result): "no-own-offer", "unknown-offer", "invalid-level", or a reason of
 * `studyWeights` (two-level weights with `groups`). Per figure:
 * see `DeltaInterval`.
 */
export function deltaMethodIntervals(input: DeltaMethodIntervalsInput): DeltaMethodIntervalsResult {
  const { respondents, offers, attributes } = input;
  return deltaMethodFromMoments(input, {
    n: respondents.length,
    aggregated: aggregateWeights(respondents, attributes),
    scores: meanScores(respondents, offers, attributes),
    pairs: ({ M, R, A, shareVar, mean, weightKind, q }) => {
      const pairN = new Float64Array(M * M);
      const pairSum = new Float64Array(M * M);
      const pairProduct = new Float64Array(M * M);
      // Per respondent: the mean indices it rated and its deviations, in typed scratch arrays
      // (the pair loop is n * M^2, the hot spot for large studies).
      const ratedIndex = new Int32Array(M);
      const ratedDeviation = new Float64Array(M);
      for (const respondent of respondents) {
        let k = 0;
        for (let o = 0; o < offers.length; o += 1) {
          const ratings = respondent.ratings[(offers[o] as OfferDef).id];
          if (ratings === undefined) continue;
          for (let t = 0; t < A; t += 1) {
            const x = ratings[(attributes[t] as AttributeDef).id];
            if (x === undefined || !Number.isFinite(x)) continue;
            const a = o * A + t;
            ratedIndex[k] = a;
            ratedDeviation[k] = x - (mean[a] ?? 0);
            k += 1;
          }
        }
        // Weight variables in attribute order (so that ratedIndex stays increasing), each kind
        // normalised to 100 over its attributes as aggregateWeights does.
        let qualityTotal = 0;
        let priceTotal = 0;
        for (let t = 0; t < A; t += 1) {
          const kind = weightKind[t];
          if (kind === 1) qualityTotal += usable(respondent.weights[(attributes[t] as AttributeDef).id]);
          else if (kind === 2) priceTotal += usable(respondent.weights[(attributes[t] as AttributeDef).id]);
        }
        for (let t = 0; t < A; t += 1) {
          const kind = weightKind[t];
          const total = kind === 1 ? qualityTotal : kind === 2 ? priceTotal : 0;
          if (total <= 0) continue;
          const a = R + t;
          ratedIndex[k] = a;
          ratedDeviation[k] = (100 * usable(respondent.weights[(attributes[t] as AttributeDef).id])) / total - (mean[a] as number);
          k += 1;
        }
        const share = respondent.qualityShare;
        if (q !== null && share !== undefined && Number.isFinite(share) && share >= 0 && share <= 100) {
          ratedIndex[k] = shareVar;
          ratedDeviation[k] = share - q;
          k += 1;
        }
        // ratedIndex is increasing, and counts and products are symmetric: accumulate them over
        // the upper triangle only; pairSum[a][b] sums a's deviations, so both halves are kept.
        for (let i = 0; i < k; i += 1) {
          const row = (ratedIndex[i] as number) * M;
          const column = ratedIndex[i] as number;
          const da = ratedDeviation[i] as number;
          for (let j = i; j < k; j += 1) {
            const aj = ratedIndex[j] as number;
            const db = ratedDeviation[j] as number;
            const cell = row + aj;
            pairN[cell] = (pairN[cell] as number) + 1;
            pairProduct[cell] = (pairProduct[cell] as number) + da * db;
            pairSum[cell] = (pairSum[cell] as number) + da;
            const mirror = aj * M + column;
            if (mirror !== cell) pairSum[mirror] = (pairSum[mirror] as number) + db;
          }
        }
      }
      return { pairN, pairSum, pairProduct };
    },
  });
}
