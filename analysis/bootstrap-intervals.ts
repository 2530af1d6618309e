import { aggregateWeights } from "./aggregate-weights";
import { customerValueScore } from "./customer-value-score";
import { meanScores } from "./mean-scores";
import { studyWeights } from "./study-weights";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type { GroupedAttributeDef, OfferDef, RespondentInput } from "./types";

/** Input of `bootstrapIntervals`. */
export interface BootstrapIntervalsInput {
  respondents: RespondentInput[];
  offers: OfferDef[];
  /** attributes, with their group when `groups` is given */
  attributes: GroupedAttributeDef[];
  /** group weights for two-level weights (`studyWeights`); default flat attribute weights */
  groups?: Array<{ id: string; weight: number }>;
  /** the offer whose profiles get ratio intervals; default the offer with `own: true` */
  ownId?: string;
  /** reference set R of the own-offer profiles; default every offer but the own */
  referenceIds?: string[];
  /** market shares for share-weighted references; default unweighted */
  shares?: Record<string, number>;
  /** number of bootstrap replicates B; default 1000 */
  replicates?: number;
  /** seed of the pseudo-random generator (a 32-bit unsigned integer); default 1 */
  seed?: number;
  /** confidence level; default 0.95 */
  level?: number;
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
  | { ok: false; reason: string; replicates: number; failed: number };

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
  | { ok: false; reason: string };

/** mulberry32: a small seeded 32-bit generator, uniform on [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quantile p of sorted values, linear interpolation between order statistics (Hyndman-Fan type 7). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (h - below) * (high - low);
}

type Figure = number | { reason: string };

/** Number of figure slots: 4 per offer, 4 for the own profiles, one ratio per attribute. */
function slots(input: BootstrapIntervalsInput): null[] {
  return new Array<null>(4 * input.offers.length + 4 + input.attributes.length).fill(null);
}

/**
 * All figures of one sample, in a fixed slot order: per offer Q, S, RP, V against the rest of
 * the market, then the own offer's Q, S, RP, V against R, then its ratios (quality attributes,
 * then price attributes, in `attributes` order).
 */
function figures(
  sample: RespondentInput[],
  input: BootstrapIntervalsInput,
  ownId: string,
  referenceIds: string[],
): Figure[] {
  const aggregated = aggregateWeights(sample, input.attributes);
  const weights = studyWeights(aggregated.weights, input.attributes, input.groups);
  if (!weights.ok) return slots(input).map(() => ({ reason: weights.reason }));
  const scores = meanScores(sample, input.offers, input.attributes);
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
 * Percentile bootstrap intervals over respondents (method.md "Beyond Gale": confidence
 * intervals) for Q, S, RP and V of every offer (each against the rest of the market, as on the
 * value map) and for the own offer's Q, S, RP, V and attribute ratios against `referenceIds`.
 *
 * Each of B replicates draws n respondents with replacement (mulberry32 generator seeded with
 * `seed`, so a seed always gives the same intervals) and re-runs the whole aggregation on the
 * replicate: `aggregateWeights` (and `studyWeights` with `groups`), `meanScores`, `qualityProfile`, `priceProfile`,
 * `customerValueScore`. Weights, means and the quality share are thus re-estimated per
 * replicate. Bounds are the `(1 - level) / 2` and `(1 + level) / 2` quantiles of the
 * replicate values (linear interpolation, Hyndman-Fan type 7); the estimate is the full-sample
 * figure. A percentile interval can miss the estimate when the replicate distribution is
 * strongly skewed; bounds are not moved to contain it.
 *
 * Replicates where a figure cannot be computed (e.g. nobody in the replicate knows an offer)
 * are counted in `failed` and excluded; if fewer than `minUsedShare * B` (or fewer than 2)
 * remain, the figure is `{ ok: false, reason: "too-few-replicates" }`. Cost: B full passes
 * over the respondents.
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

  const estimates = figures(input.respondents, input, ownId, referenceIds);
  const values: number[][] = estimates.map(() => []);
  const random = generator(seed);
  const sample: RespondentInput[] = new Array<RespondentInput>(n);
  for (let b = 0; b < replicates; b += 1) {
    for (let k = 0; k < n; k += 1) {
      sample[k] = input.respondents[Math.floor(random() * n)] as RespondentInput;
    }
    figures(sample, input, ownId, referenceIds).forEach((figure, slot) => {
      if (typeof figure === "number" && Number.isFinite(figure)) values[slot]?.push(figure);
    });
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
