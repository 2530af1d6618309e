import type { UnavailableReason } from "./unavailable-reasons";
import { aggregateWeights } from "./aggregate-weights";
import { customerValueScore } from "./customer-value-score";
import { meanScores } from "./mean-scores";
import { studyWeights } from "./study-weights";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type {
  AggregatedWeights,
  AttributeDef,
  IntervalsInput,
  MeanScores,
  OfferDef,
  RespondentInput,
} from "./types";
import { seededRandom } from "./seeded-random";

/** Input of `bootstrapIntervals`. */
export interface BootstrapIntervalsInput extends IntervalsInput {
  /** number of bootstrap replicates B; default 1000 */
  replicates?: number;
  /** seed of the pseudo-random generator (a 32-bit unsigned integer); default 1 */
  seed?: number;
  /** least share of replicates that must give a figure; default 0.9 */
  minUsedShare?: number;
}

/**
 * One figure's percentile interval. `replicates` counts the replicates used, `failed` those
 * where the figure could not be computed (excluded). Unavailable reasons: the point
 * estimate's own reason, or "too-few-replicates" when fewer than `minUsedShare * B` (and
 * fewer than 2) replicates gave the figure.
 */
export type BootstrapInterval =
  | { ok: true; estimate: number; lower: number; upper: number; replicates: number; failed: number }
  | { ok: false; reason: UnavailableReason; replicates: number; failed: number };

/** The four figures of an offer (method.md (a)-(c)): Q, S, RP = 10000 / S and V. */
export interface BootstrapFigures {
  quality: BootstrapInterval;
  satisfaction: BootstrapInterval;
  relativePrice: BootstrapInterval;
  value: BootstrapInterval;
}

export type BootstrapIntervalsResult =
  | {
      ok: true;
      method: "percentile-bootstrap";
      replicates: number;
      seed: number;
      level: number;
      n: number;
      /** each offer against the rest of the market (the value map's points) */
      offers: Record<string, BootstrapFigures>;
      /** the own offer against `referenceIds`, with each attribute ratio r_i */
      own: BootstrapFigures & {
        offerId: string;
        referenceIds: string[];
        ratios: Record<string, BootstrapInterval>;
      };
    }
  | { ok: false; reason: UnavailableReason };

/** Quantile p of sorted values, linear interpolation between order statistics (Hyndman-Fan type 7). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (h - below) * (high - low);
}

type Figure = number | { reason: UnavailableReason };

/** Number of figure slots: 4 per offer, 4 for the own profiles, one ratio per attribute. */
function slots(input: BootstrapIntervalsInput): null[] {
  return new Array<null>(4 * input.offers.length + 4 + input.attributes.length).fill(null);
}

/**
 * All figures of one sample from its aggregates, in a fixed slot order: per offer Q, S, RP, V
 * against the rest of the market, then the own offer's Q, S, RP, V against R, then its ratios
 * (quality attributes, then price attributes, in `attributes` order).
 */
function figures(
  aggregated: AggregatedWeights,
  scores: MeanScores,
  input: BootstrapIntervalsInput,
  ownId: string,
  referenceIds: string[],
): Figure[] {
  const weights = studyWeights(aggregated.weights, input.attributes, input.groups);
  if (!weights.ok) return slots(input).map(() => ({ reason: weights.reason }));
  const base = {
    attributes: input.attributes,
    weights: weights.weights,
    scores,
    ...(input.shares !== undefined ? { shares: input.shares } : {}),
  };
  const four = (offerId: string, reference: string[]) => {
    const quality = qualityProfile({ ...base, offerId, referenceIds: reference });
    const price = priceProfile({ ...base, offerId, referenceIds: reference });
    const q = aggregated.qualityShare;
    let value: Figure;
    if (!quality.ok) value = { reason: quality.reason };
    else if (!price.ok) value = { reason: price.reason };
    else if (q === null) value = { reason: "no-quality-share" };
    else {
      const v = customerValueScore(quality.score, price.satisfaction, q);
      value = v.ok ? v.value : { reason: v.reason };
    }
    const out: Figure[] = [
      quality.ok ? quality.score : { reason: quality.reason },
      price.ok ? price.satisfaction : { reason: price.reason },
      price.ok ? price.relativePrice : { reason: price.reason },
      value,
    ];
    return { out, quality, price };
  };

  const result: Figure[] = [];
  for (const offer of input.offers) {
    const rest = input.offers.filter((o) => o.id !== offer.id).map((o) => o.id);
    result.push(...four(offer.id, rest).out);
  }
  const own = four(ownId, referenceIds);
  result.push(...own.out);
  for (const kind of ["quality", "price"] as const) {
    const profile = kind === "quality" ? own.quality : own.price;
    for (const attribute of input.attributes.filter((a) => a.kind === kind)) {
      const row = profile.ok ? profile.rows.find((r) => r.id === attribute.id) : undefined;
      result.push(row !== undefined ? row.ratio : { reason: profile.ok ? "offer-not-rated" : profile.reason });
    }
  }
  return result;
}

/**
 * The respondents as column-major typed arrays, read once, so that a replicate only forms
 * `sum_r times_r * column_r` (times_r = how often r was drawn) per column (n respondents,
 * O offers, A attributes, C = O * A cells):
 * - `weights[a*n + r]`: r's normalised weight `100 * p / sum` of a within its kind, computed
 *   exactly as `aggregateWeights` does, 0 when r is left out of that kind;
 *   `included[k*n + r]` 1 when r counts for kind k (0 quality, 1 price);
 * - `share[r]`, `hasShare[r]`: the usable quality share (0 and 0 when none);
 * - `ratings[(o*A + a)*n + r]`: the rating, 0 when absent or not finite, with the presence mask
 *   `rated` (1/0) at the same index; `complete` when every respondent rated every cell (no
 *   mask is summed); `byOffer` when each respondent rated each offer on all attributes or on
 *   none (the usual "does not know the offer"): then only `knows[o*n + r]` is summed;
 *   `smallRatings` holds the same ratings as 8-bit integers when every rating is a whole number
 *   in -128..127 (the usual 1..10 scale), `ratings` is then empty: integer sums are exact
 *   (|sum| <= 128 n < 2^31) and faster to form.
 * Absent values are 0, so they add nothing. Sums of whole numbers and all counts are exactly
 * those `aggregateWeights` and `meanScores` form on the resampled records; sums of fractional
 * values (normalised weights, fractional ratings or quality shares) are added in another order
 * and may differ in the last bits (relative 1e-15).
 */
interface Prepared {
  n: number;
  O: number;
  A: number;
  kindOf: Uint8Array;
  weights: Float64Array;
  included: Float64Array;
  share: Float64Array;
  hasShare: Float64Array;
  ratings: Float64Array;
  smallRatings: Int8Array | null;
  rated: Int8Array;
  knows: Int8Array;
  complete: boolean;
  byOffer: boolean;
}

function usablePoints(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function prepare(respondents: RespondentInput[], offers: OfferDef[], attributes: AttributeDef[]): Prepared {
  const n = respondents.length;
  const O = offers.length;
  const A = attributes.length;
  const kindOf = Uint8Array.from(attributes, (a) => (a.kind === "quality" ? 0 : 1));
  const weights = new Float64Array(A * n);
  const included = new Float64Array(2 * n);
  const share = new Float64Array(n);
  const hasShare = new Float64Array(n);
  const ratings = new Float64Array(O * A * n);
  const rated = new Int8Array(O * A * n);
  const knows = new Int8Array(O * n);
  let byOffer = true;
  let complete = true;
  let small = n < 2 ** 24;
  const sets = [0, 1].map((k) => attributes.flatMap((_, index) => (kindOf[index] === k ? [index] : [])));
  respondents.forEach((respondent, r) => {
    sets.forEach((set, k) => {
      const points = set.map((index) => usablePoints(respondent.weights[(attributes[index] as AttributeDef).id]));
      const total = points.reduce((s, p) => s + p, 0);
      if (total <= 0) return;
      included[k * n + r] = 1;
      set.forEach((index, position) => {
        weights[index * n + r] = (100 * (points[position] ?? 0)) / total;
      });
    });
    const q = respondent.qualityShare;
    if (q !== undefined && Number.isFinite(q) && q >= 0 && q <= 100) {
      share[r] = q;
      hasShare[r] = 1;
    }
    offers.forEach((offer, o) => {
      const byAttribute = respondent.ratings[offer.id];
      let count = 0;
      attributes.forEach((attribute, a) => {
        const score = byAttribute?.[attribute.id];
        if (score === undefined || !Number.isFinite(score)) {
          complete = false;
          return;
        }
        count += 1;
        if (!Number.isInteger(score) || score < -128 || score > 127) small = false;
        ratings[(o * A + a) * n + r] = score;
        rated[(o * A + a) * n + r] = 1;
      });
      if (count > 0) knows[o * n + r] = 1;
      if (count > 0 && count < A) byOffer = false;
    });
  });
  const columns = { n, O, A, kindOf, weights, included, share, hasShare, rated, knows, complete, byOffer };
  return small
    ? { ...columns, ratings: new Float64Array(0), smallRatings: Int8Array.from(ratings) }
    : { ...columns, ratings, smallRatings: null };
}

/**
 * Respondents per block of the weighted column sums: the block's draw counts stay in the
 * first-level cache while each column streams through it once.
 */
const BLOCK = 2048;

/** `sum_r times[r] * column[offset + r]` over r in [from, to). */
function weightedSum(column: Float64Array, offset: number, times: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let r = from; r < to; r += 1) sum += (times[r] as number) * (column[offset + r] as number);
  return sum;
}

/** The same over whole numbers in -128..127 (or a 0/1 mask), exact while |sum| < 2^31. */
function weightedSmallSum(column: Int8Array, offset: number, times: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let r = from; r < to; r += 1) sum = (sum + (times[r] as number) * (column[offset + r] as number)) | 0;
  return sum;
}

/** Sums over one resample, given by how many times each respondent was drawn. */
interface Sums {
  weights: Float64Array;
  included: [number, number];
  share: number;
  shares: number;
  ratings: Float64Array;
  counts: Float64Array;
}

function resampleSums(p: Prepared, times: Int32Array): Sums {
  const { n, O, A } = p;
  const cells = O * A;
  // weights (A), included (2), share, hasShare; then the ratings and, unless complete, counts
  const plain = new Float64Array(A + 4);
  const ratings = new Float64Array(cells);
  const counts = new Float64Array(cells);
  const small = p.smallRatings;
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let a = 0; a < A; a += 1) plain[a] = (plain[a] as number) + weightedSum(p.weights, a * n, times, from, to);
    plain[A] = (plain[A] as number) + weightedSum(p.included, 0, times, from, to);
    plain[A + 1] = (plain[A + 1] as number) + weightedSum(p.included, n, times, from, to);
    plain[A + 2] = (plain[A + 2] as number) + weightedSum(p.share, 0, times, from, to);
    plain[A + 3] = (plain[A + 3] as number) + weightedSum(p.hasShare, 0, times, from, to);
    for (let c = 0; c < cells; c += 1) {
      const sum = small !== null ? weightedSmallSum(small, c * n, times, from, to) : weightedSum(p.ratings, c * n, times, from, to);
      ratings[c] = (ratings[c] as number) + sum;
    }
    if (p.complete) continue;
    if (p.byOffer) {
      for (let o = 0; o < O; o += 1) {
        const known = weightedSmallSum(p.knows, o * n, times, from, to);
        for (let a = 0; a < A; a += 1) counts[o * A + a] = (counts[o * A + a] as number) + known;
      }
    } else {
      for (let c = 0; c < cells; c += 1) counts[c] = (counts[c] as number) + weightedSmallSum(p.rated, c * n, times, from, to);
    }
  }
  if (p.complete) counts.fill(n);
  return {
    weights: plain.subarray(0, A),
    included: [plain[A] as number, plain[A + 1] as number],
    share: plain[A + 2] as number,
    shares: plain[A + 3] as number,
    ratings,
    counts,
  };
}

/** What every replicate computes, as indices: the profiles of `figures`, in its slot order. */
interface Plan {
  /** attribute indices of each kind, in `attributes` order */
  kinds: [number[], number[]];
  lowerIsBetter: Uint8Array;
  /** usable market share per offer (finite and > 0), when `shares` is given */
  shares: Float64Array | null;
  /** per offer, then the own offer: [offer index, reference offer indices] */
  profiles: Array<[number, number[]]>;
}

function plan(input: BootstrapIntervalsInput, ownId: string, referenceIds: string[]): Plan {
  const { offers, attributes, shares } = input;
  const position = new Map(offers.map((o, index) => [o.id, index]));
  const at = (id: string) => position.get(id) as number;
  return {
    kinds: [
      attributes.flatMap((a, index) => (a.kind === "quality" ? [index] : [])),
      attributes.flatMap((a, index) => (a.kind === "price" ? [index] : [])),
    ],
    lowerIsBetter: Uint8Array.from(attributes, (a) => (a.lowerIsBetter === true ? 1 : 0)),
    shares:
      shares === undefined
        ? null
        : Float64Array.from(offers, (o) => {
            const share = shares[o.id];
            return share !== undefined && Number.isFinite(share) && share > 0 ? share : 0;
          }),
    profiles: [
      ...offers.map((offer, index): [number, number[]] => [
        index,
        offers.flatMap((other, k) => (other.id !== offer.id ? [k] : [])),
      ]),
      [at(ownId), referenceIds.map(at)],
    ],
  };
}

/**
 * Score of offer j against the reference offers over one kind's attributes, the arithmetic of
 * `attributeProfile` (and `referenceScores`) on typed means, operation for operation, so that
 * it gives the same number; `ratios` receives r_i per attribute of the kind. Returns null where
 * `attributeProfile` is Unavailable (the reason does not matter for a replicate).
 */
function profileScore(
  j: number,
  reference: number[],
  kind: number[],
  p: Plan,
  A: number,
  weights: Float64Array,
  means: Float64Array,
  hasMean: Uint8Array,
  ratios: Float64Array | null,
): number | null {
  if (reference.length === 0 || kind.length === 0) return null;
  let weightSum = 0;
  for (const a of kind) {
    const w = weights[a] as number;
    weightSum += Number.isFinite(w) && w > 0 ? w : 0;
  }
  if (weightSum <= 0) return null;
  let score = 0;
  for (let position = 0; position < kind.length; position += 1) {
    const a = kind[position] as number;
    if (hasMean[j * A + a] !== 1) return null;
    const own = means[j * A + a] as number;
    let sum = 0;
    let total = 0;
    for (const k of reference) {
      if (hasMean[k * A + a] !== 1) continue;
      let w = 1;
      if (p.shares !== null) {
        w = p.shares[k] as number;
        if (w <= 0) continue;
      }
      sum += w * (means[k * A + a] as number);
      total += w;
    }
    if (total <= 0) return null;
    const ref = sum / total;
    const lower = p.lowerIsBetter[a] === 1;
    if ((lower ? own : ref) <= 0) return null;
    const ratio = lower ? ref / own : own / ref;
    const raw = weights[a] as number;
    const weight = (100 * (Number.isFinite(raw) && raw > 0 ? raw : 0)) / weightSum;
    score += weight * ratio;
    if (ratios !== null) ratios[position] = ratio;
  }
  return score;
}

/**
 * The figures of `figures` for one replicate from its sums: the means and weights of
 * `meanScores` and `aggregateWeights` (with `studyWeights`), then `profileScore` in place of
 * the record-based profiles. `values[slot]` holds the figure where `ok[slot]` is 1.
 */
function replicateFigures(
  p: Prepared,
  sums: Sums,
  steps: Plan,
  input: BootstrapIntervalsInput,
  values: Float64Array,
  ok: Uint8Array,
): void {
  const { O, A } = p;
  const { attributes } = input;
  ok.fill(0);
  const weights = new Float64Array(A);
  const sizes = [steps.kinds[0].length, steps.kinds[1].length];
  for (let a = 0; a < A; a += 1) {
    const k = p.kindOf[a] as number;
    const included = k === 0 ? sums.included[0] : sums.included[1];
    weights[a] = included > 0 ? (sums.weights[a] as number) / included : 100 / (sizes[k] as number);
  }
  if (input.groups !== undefined) {
    const record: Record<string, number> = {};
    attributes.forEach((attribute, a) => {
      record[attribute.id] = weights[a] as number;
    });
    const studied = studyWeights(record, attributes, input.groups);
    if (!studied.ok) return;
    attributes.forEach((attribute, a) => {
      weights[a] = studied.weights[attribute.id] ?? 0;
    });
  }
  const means = new Float64Array(O * A);
  const hasMean = new Uint8Array(O * A);
  for (let c = 0; c < O * A; c += 1) {
    const count = sums.counts[c] as number;
    if (count <= 0) continue;
    const mean = (sums.ratings[c] as number) / count;
    if (!Number.isFinite(mean)) continue;
    means[c] = mean;
    hasMean[c] = 1;
  }
  const q = sums.shares > 0 ? sums.share / sums.shares : null;
  const qualityRatios = new Float64Array(steps.kinds[0].length);
  const priceRatios = new Float64Array(steps.kinds[1].length);
  let slot = 0;
  const set = (value: number | null) => {
    if (value !== null && Number.isFinite(value)) {
      values[slot] = value;
      ok[slot] = 1;
    }
    slot += 1;
  };
  steps.profiles.forEach(([j, reference], index) => {
    const own = index === steps.profiles.length - 1;
    const quality = profileScore(j, reference, steps.kinds[0], steps, A, weights, means, hasMean, own ? qualityRatios : null);
    let satisfaction = profileScore(j, reference, steps.kinds[1], steps, A, weights, means, hasMean, own ? priceRatios : null);
    if (satisfaction !== null && satisfaction <= 0) satisfaction = null;
    set(quality);
    set(satisfaction);
    set(satisfaction !== null ? 10000 / satisfaction : null);
    const valid = (x: number | null): x is number => x !== null && Number.isFinite(x);
    set(valid(quality) && valid(satisfaction) && valid(q) && q >= 0 && q <= 100 ? (q * quality + (100 - q) * satisfaction) / 100 : null);
    if (own) {
      for (let k = 0; k < qualityRatios.length; k += 1) set(quality !== null ? (qualityRatios[k] as number) : null);
      for (let k = 0; k < priceRatios.length; k += 1) set(satisfaction !== null ? (priceRatios[k] as number) : null);
    }
  });
}

/** Ids given twice make the records of the aggregation functions collide: keep their path then. */
function distinctIds(input: BootstrapIntervalsInput): boolean {
  return (
    new Set(input.offers.map((o) => o.id)).size === input.offers.length &&
    new Set(input.attributes.map((a) => a.id)).size === input.attributes.length
  );
}

/**
 * Percentile bootstrap intervals over respondents (method.md "Beyond Gale": confidence
 * intervals) for Q, S, RP and V of every offer (each against the rest of the market, as on the
 * value map) and for the own offer's Q, S, RP, V and attribute ratios against `referenceIds`.
 *
 * Each of B replicates draws n respondents with replacement (mulberry32 generator seeded with
 * `seed`, so a seed always gives the same intervals) and re-runs the whole aggregation on the
 * replicate: the figures of `aggregateWeights` (and `studyWeights` with `groups`), `meanScores`,
 * `qualityProfile`, `priceProfile`, `customerValueScore`. Weights, means and the quality share
 * are thus re-estimated per replicate. The respondents are read once into column-major typed
 * arrays; a replicate counts how often each respondent was drawn and forms the sums of
 * `aggregateWeights` and `meanScores` as count-weighted column sums (exact for whole-number
 * ratings, to about 1e-15 relative for fractional values), then runs the arithmetic of
 * `attributeProfile` on typed means, the same operations in the same order
 * (test/analysis/bootstrap-reference.test.ts checks the bounds against the record-based
 * functions on explicitly resampled respondents to 1e-9). The estimates are those functions on
 * the full sample. Offer or attribute ids given twice fall back to running the functions on
 * resampled records. Bounds are the `(1 - level) / 2` and `(1 + level) / 2` quantiles of the
 * replicate values (linear interpolation, Hyndman-Fan type 7); the estimate is the full-sample
 * figure. A percentile interval can miss the estimate when the replicate distribution is
 * strongly skewed; bounds are not moved to contain it.
 *
 * Replicates where a figure cannot be computed (e.g. nobody in the replicate knows an offer)
 * are counted in `failed` and excluded; if fewer than `minUsedShare * B` (or fewer than 2)
 * remain, the figure is `{ ok: false, reason: "too-few-replicates" }`. Cost: B passes of
 * n draws over O * A + A + 4 columns (linear in n and B), plus B profile computations.
 *
 * Unavailable: "too-few-respondents" (n < 2), "invalid-replicates" (B not an integer >= 1),
 * "invalid-seed" (not an integer 0..2^32-1), "invalid-level" (not in (0, 1)),
 * "invalid-min-used-share" (not in [0, 1]), "no-own-offer" (no own offer given or marked),
 * "unknown-offer" (own or a reference id not among `offers`).
 */
export function bootstrapIntervals(input: BootstrapIntervalsInput): BootstrapIntervalsResult {
  const replicates = input.replicates ?? 1000;
  const seed = input.seed ?? 1;
  const level = input.level ?? 0.95;
  const minUsedShare = input.minUsedShare ?? 0.9;
  const n = input.respondents.length;
  if (n < 2) return { ok: false, reason: "too-few-respondents" };
  if (!Number.isInteger(replicates) || replicates < 1) return { ok: false, reason: "invalid-replicates" };
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return { ok: false, reason: "invalid-seed" };
  if (!Number.isFinite(level) || level <= 0 || level >= 1) return { ok: false, reason: "invalid-level" };
  if (!Number.isFinite(minUsedShare) || minUsedShare < 0 || minUsedShare > 1) {
    return { ok: false, reason: "invalid-min-used-share" };
  }
  const ownId = input.ownId ?? input.offers.find((o) => o.own)?.id;
  if (ownId === undefined) return { ok: false, reason: "no-own-offer" };
  const known = new Set(input.offers.map((o) => o.id));
  const referenceIds = input.referenceIds ?? input.offers.filter((o) => o.id !== ownId).map((o) => o.id);
  if (!known.has(ownId) || referenceIds.some((id) => !known.has(id))) return { ok: false, reason: "unknown-offer" };

  const { attributes, respondents } = input;
  const recordAggregates = (sample: RespondentInput[]) => ({
    aggregated: aggregateWeights(sample, attributes),
    scores: meanScores(sample, input.offers, attributes),
  });
  const full = recordAggregates(respondents);
  const estimates = figures(full.aggregated, full.scores, input, ownId, referenceIds);
  const values: number[][] = estimates.map(() => []);
  const keep = (figure: Figure, slot: number) => {
    if (typeof figure === "number" && Number.isFinite(figure)) values[slot]?.push(figure);
  };
  const random = seededRandom(seed);
  if (distinctIds(input)) {
    const prepared = prepare(respondents, input.offers, attributes);
    const steps = plan(input, ownId, referenceIds);
    const times = new Int32Array(n);
    const replicateValues = new Float64Array(estimates.length);
    const replicateOk = new Uint8Array(estimates.length);
    for (let b = 0; b < replicates; b += 1) {
      times.fill(0);
      for (let k = 0; k < n; k += 1) {
        const r = Math.floor(random() * n);
        times[r] = (times[r] as number) + 1;
      }
      replicateFigures(prepared, resampleSums(prepared, times), steps, input, replicateValues, replicateOk);
      for (let slot = 0; slot < estimates.length; slot += 1) {
        if (replicateOk[slot] === 1) values[slot]?.push(replicateValues[slot] as number);
      }
    }
  } else {
    const sample: RespondentInput[] = new Array<RespondentInput>(n);
    for (let b = 0; b < replicates; b += 1) {
      for (let k = 0; k < n; k += 1) sample[k] = respondents[Math.floor(random() * n)] as RespondentInput;
      const replicate = recordAggregates(sample);
      figures(replicate.aggregated, replicate.scores, input, ownId, referenceIds).forEach(keep);
    }
  }

  const least = Math.max(2, Math.ceil(minUsedShare * replicates));
  const intervals: BootstrapInterval[] = estimates.map((estimate, slot) => {
    const used = (values[slot] ?? []).sort((a, b) => a - b);
    const counts = { replicates: used.length, failed: replicates - used.length };
    if (typeof estimate !== "number") return { ok: false, reason: estimate.reason, ...counts };
    if (used.length < least) return { ok: false, reason: "too-few-replicates", ...counts };
    return {
      ok: true,
      estimate,
      lower: quantile(used, (1 - level) / 2),
      upper: quantile(used, (1 + level) / 2),
      ...counts,
    };
  });

  let slot = 0;
  const next = (): BootstrapInterval => intervals[slot++] as BootstrapInterval;
  const four = (): BootstrapFigures => ({
    quality: next(),
    satisfaction: next(),
    relativePrice: next(),
    value: next(),
  });
  const offers: Record<string, BootstrapFigures> = {};
  for (const offer of input.offers) offers[offer.id] = four();
  const own = four();
  const ratios: Record<string, BootstrapInterval> = {};
  for (const kind of ["quality", "price"] as const) {
    for (const attribute of input.attributes.filter((a) => a.kind === kind)) ratios[attribute.id] = next();
  }

  return {
    ok: true,
    method: "percentile-bootstrap",
    replicates,
    seed,
    level,
    n,
    offers,
    own: { offerId: ownId, referenceIds, ...own, ratios },
  };
}
