import { studyWeights } from "./study-weights";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type { AggregatedWeights, AttributeKind, IntervalsInput, MeanScores } from "./types";
import type { DeltaFigures, DeltaInterval, DeltaMethodIntervalsResult } from "./delta-method-intervals";

/** `deltaMethodIntervals`' input without the respondents: what the figures are computed for. */
export type DeltaMethodSettings = Omit<IntervalsInput, "respondents">;

/** Where the mean vector's entries sit (see `deltaMethodIntervals` 1. and 3.), for the pair sums. */
export interface DeltaLayout {
  /** rating means 0..R-1 (offer-major, attribute-minor), then one mean weight per attribute, then q */
  M: number;
  R: number;
  A: number;
  shareVar: number;
  /** the means m_a */
  mean: Float64Array;
  /** per attribute: 1 quality, 2 price (weights propagated), 0 not propagated */
  weightKind: Int8Array;
  /** the mean quality share (null: q is not propagated) */
  q: number | null;
}

/**
 * Pair sums about the means over the respondents who gave both a and b: `pairN` and
 * `pairProduct` (sum of the products of deviations) on the upper triangle `a * M + b` (a <= b),
 * `pairSum[a * M + b]` the sum of a's deviations (both halves).
 */
export interface DeltaPairs {
  pairN: Float64Array;
  pairSum: Float64Array;
  pairProduct: Float64Array;
}

/** The respondent-level figures the delta method needs: weights, means, n and the pair sums. */
export interface DeltaMoments {
  n: number;
  aggregated: AggregatedWeights;
  scores: MeanScores;
  pairs: (layout: DeltaLayout) => DeltaPairs;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (q: number) =>
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** A linear form in the means: gradient by mean index, and which means it uses. */
interface Linear {
  gradient: Float64Array;
  used: Set<number>;
}

/**
 * `deltaMethodIntervals` from the respondents' moments instead of the respondents (the formulas
 * are documented there): the weights, the means and the pair sums about the means. The
 * respondent path (`deltaMethodIntervals`) and the sufficient-statistics path
 * (`analyzeStudyFromStatistics`) both end here.
 */
export function deltaMethodFromMoments(input: DeltaMethodSettings, moments: DeltaMoments): DeltaMethodIntervalsResult {
  const level = input.level ?? 0.95;
  if (!Number.isFinite(level) || level <= 0 || level >= 1) return { ok: false, reason: "invalid-level" };
  const ownId = input.ownId ?? input.offers.find((o) => o.own)?.id;
  if (ownId === undefined) return { ok: false, reason: "no-own-offer" };
  const offerIndex = new Map(input.offers.map((o, index) => [o.id, index]));
  const referenceIds = input.referenceIds ?? input.offers.filter((o) => o.id !== ownId).map((o) => o.id);
  if (!offerIndex.has(ownId) || referenceIds.some((id) => !offerIndex.has(id))) {
    return { ok: false, reason: "unknown-offer" };
  }
  const z = normalQuantile((1 + level) / 2);

  const { attributes, offers, shares } = input;
  const aggregated = moments.aggregated;
  const studied = studyWeights(aggregated.weights, attributes, input.groups);
  if (!studied.ok) return studied;
  const scores = moments.scores;
  const attributeIndex = new Map(attributes.map((a, index) => [a.id, index]));
  const A = attributes.length;
  /** Rating means occupy indices 0..R-1, then one mean weight per attribute, then q. */
  const R = offers.length * A;
  const weightVar = (attributeId: string) => R + (attributeIndex.get(attributeId) ?? 0);
  const shareVar = R + A;
  const M = R + A + 1;
  const index = (offerId: string, attributeId: string) =>
    (offerIndex.get(offerId) ?? 0) * A + (attributeIndex.get(attributeId) ?? 0);
  // Weights propagate when they are the respondents' own flat weights (see 3. above).
  const weighted = (kind: AttributeKind) => input.groups === undefined && aggregated.n[kind] > 0;
  const kindAttributes = (["quality", "price"] as const).map((kind) => ({
    kind,
    set: weighted(kind) ? attributes.filter((a) => a.kind === kind) : [],
  }));
  /** Per attribute: 1 quality, 2 price (weights propagated), 0 not propagated. */
  const weightKind = Int8Array.from(attributes, (a) => (weighted(a.kind) ? (a.kind === "quality" ? 1 : 2) : 0));
  const q = aggregated.qualityShare;

  // Means and counts per mean index, then pairwise sums of deviations from the means.
  const mean = new Float64Array(M);
  const count = new Float64Array(M);
  for (const { kind, set } of kindAttributes) {
    for (const attribute of set) {
      mean[weightVar(attribute.id)] = aggregated.weights[attribute.id] ?? 0;
      count[weightVar(attribute.id)] = aggregated.n[kind];
    }
  }
  if (q !== null) {
    mean[shareVar] = q;
    count[shareVar] = aggregated.nQualityShare;
  }
  for (const offer of offers) {
    for (const attribute of attributes) {
      const a = index(offer.id, attribute.id);
      mean[a] = scores.means[offer.id]?.[attribute.id] ?? 0;
      count[a] = scores.n[offer.id]?.[attribute.id] ?? 0;
    }
  }
  const { pairN, pairSum, pairProduct } = moments.pairs({ M, R, A, shareVar, mean, weightKind, q });
  /** Cov(m_a, m_b) from the respondents who rated both. */
  const covariance = (a: number, b: number): number => {
    const upper = a <= b ? a * M + b : b * M + a;
    const nab = pairN[upper] ?? 0;
    if (nab < 2) return 0;
    const sab = ((pairProduct[upper] ?? 0) - ((pairSum[a * M + b] ?? 0) * (pairSum[b * M + a] ?? 0)) / nab) / (nab - 1);
    return (nab * sab) / ((count[a] ?? 1) * (count[b] ?? 1));
  };

  const interval = (estimate: number, linear: Linear): DeltaInterval => {
    const used = [...linear.used];
    const n = Math.min(...used.filter((a) => a < R).map((a) => count[a] ?? 0));
    if (used.length === 0 || n < 2) return { ok: false, reason: "too-few-ratings" };
    let variance = 0;
    for (const a of used) {
      for (const b of used) variance += (linear.gradient[a] ?? 0) * (linear.gradient[b] ?? 0) * covariance(a, b);
    }
    if (variance < -1e-12) return { ok: false, reason: "negative-variance" };
    if (variance <= 1e-12) return { ok: false, reason: "zero-variance" };
    const se = Math.sqrt(variance);
    return { ok: true, estimate, se, lower: estimate - z * se, upper: estimate + z * se, n, smallSample: n < 30 };
  };

  const combine = (terms: Array<[number, Linear]>): Linear => {
    const gradient = new Float64Array(M);
    const used = new Set<number>();
    for (const [factor, linear] of terms) {
      linear.gradient.forEach((g, a) => {
        gradient[a] = (gradient[a] ?? 0) + factor * g;
      });
      linear.used.forEach((a) => used.add(a));
    }
    return { gradient, used };
  };

  /** Gradients of each ratio r_i and of the score of offer j against R over one kind. */
  const gradients = (
    kind: AttributeKind,
    offerId: string,
    reference: string[],
    rows: Array<{ id: string; weight: number; own: number; reference: number; ratio: number }>,
    means: MeanScores,
  ) => {
    const ratios: Record<string, Linear> = {};
    const terms: Array<[number, Linear]> = [];
    for (const row of rows) {
      const attribute = attributes.find((a) => a.id === row.id && a.kind === kind);
      if (attribute === undefined) continue;
      const coefficients: Array<[string, number]> = [];
      for (const id of reference) {
        const m = means.means[id]?.[row.id];
        if (m === undefined || m === null || !Number.isFinite(m)) continue;
        let w = 1;
        if (shares !== undefined) {
          const share = shares[id];
          if (share === undefined || !Number.isFinite(share) || share <= 0) continue;
          w = share;
        }
        coefficients.push([id, w]);
      }
      const total = coefficients.reduce((s, [, w]) => s + w, 0);
      const linear: Linear = { gradient: new Float64Array(M), used: new Set() };
      const own = index(offerId, row.id);
      const lower = attribute.lowerIsBetter === true;
      linear.gradient[own] = (linear.gradient[own] ?? 0) + (lower ? -row.reference / row.own ** 2 : 1 / row.reference);
      linear.used.add(own);
      for (const [id, w] of coefficients) {
        const k = index(id, row.id);
        const c = w / total;
        linear.gradient[k] =
          (linear.gradient[k] ?? 0) + (lower ? c / row.own : (-c * row.own) / row.reference ** 2);
        linear.used.add(k);
      }
      ratios[row.id] = linear;
      terms.push([row.weight, linear]);
    }
    const score = combine(terms);
    if (weighted(kind)) {
      const total = rows.reduce((s, row) => s + row.weight * row.ratio, 0);
      for (const row of rows) {
        const w = weightVar(row.id);
        score.gradient[w] = (score.gradient[w] ?? 0) + row.ratio - total / 100;
        score.used.add(w);
      }
    }
    return { ratios, score };
  };

  const shareGradient: Linear = { gradient: new Float64Array(M), used: new Set([shareVar]) };
  shareGradient.gradient[shareVar] = 1;
  const four = (offerId: string, reference: string[]) => {
    const profileInput = {
      attributes,
      weights: studied.weights,
      scores,
      offerId,
      referenceIds: reference,
      ...(shares !== undefined ? { shares } : {}),
    };
    const quality = qualityProfile(profileInput);
    const price = priceProfile(profileInput);
    const qualityGradients = quality.ok ? gradients("quality", offerId, reference, quality.rows, scores) : null;
    const priceGradients = price.ok ? gradients("price", offerId, reference, price.rows, scores) : null;
    let value: DeltaInterval;
    if (!quality.ok) value = { ok: false, reason: quality.reason };
    else if (!price.ok) value = { ok: false, reason: price.reason };
    else if (q === null) value = { ok: false, reason: "no-quality-share" };
    else if (qualityGradients === null || priceGradients === null) value = { ok: false, reason: "no-attributes" };
    else {
      value = interval(
        (q * quality.score + (100 - q) * price.satisfaction) / 100,
        combine([
          [q / 100, qualityGradients.score],
          [(100 - q) / 100, priceGradients.score],
          [(quality.score - price.satisfaction) / 100, shareGradient],
        ]),
      );
    }
    const figures: DeltaFigures = {
      quality: quality.ok && qualityGradients ? interval(quality.score, qualityGradients.score) : { ok: false, reason: quality.ok ? "no-attributes" : quality.reason },
      satisfaction: price.ok && priceGradients ? interval(price.satisfaction, priceGradients.score) : { ok: false, reason: price.ok ? "no-attributes" : price.reason },
      relativePrice:
        price.ok && priceGradients
          ? interval(price.relativePrice, combine([[-10000 / price.satisfaction ** 2, priceGradients.score]]))
          : { ok: false, reason: price.ok ? "no-attributes" : price.reason },
      value,
    };
    const ratios: Record<string, DeltaInterval> = {};
    for (const kind of ["quality", "price"] as const) {
      const profile = kind === "quality" ? quality : price;
      const linear = kind === "quality" ? qualityGradients : priceGradients;
      for (const attribute of attributes.filter((a) => a.kind === kind)) {
        const row = profile.ok ? profile.rows.find((r) => r.id === attribute.id) : undefined;
        const ratio = linear?.ratios[attribute.id];
        ratios[attribute.id] =
          row !== undefined && ratio !== undefined
            ? interval(row.ratio, ratio)
            : { ok: false, reason: profile.ok ? "offer-not-rated" : profile.reason };
      }
    }
    return { figures, ratios };
  };

  const offerFigures: Record<string, DeltaFigures> = {};
  for (const offer of offers) {
    offerFigures[offer.id] = four(
      offer.id,
      offers.filter((o) => o.id !== offer.id).map((o) => o.id),
    ).figures;
  }
  const own = four(ownId, referenceIds);
  return {
    ok: true,
    method: "delta",
    level,
    z,
    n: moments.n,
    offers: offerFigures,
    own: { offerId: ownId, referenceIds, ...own.figures, ratios: own.ratios },
  };
}
