import { describe, it, expect } from "vitest";
import {
  aggregateWeights,
  bootstrapIntervals,
  customerValueScore,
  meanScores,
  priceProfile,
  qualityProfile,
  studyWeights,
} from "../../analysis";
import type {
  BootstrapInterval,
  BootstrapIntervalsInput,
  BootstrapIntervalsResult,
  GroupedAttributeDef,
  OfferDef,
  RespondentInput,
} from "../../analysis";
import { attributes as workedAttributes, offers as workedOffers, respondents as workedRespondents } from "./fixtures/worked-example";
import { ok } from "./helpers";
import { seededRandom } from "../../analysis/seeded-random";

/**
 * bootstrapIntervals sums typed columns over the drawn respondent indices instead of re-running
 * the record-based aggregation per replicate. This file checks it against the straightforward
 * computation: the same mulberry32 draws (analysis/seeded-random.ts), the resampled
 * respondents as records, aggregateWeights / studyWeights / meanScores / qualityProfile /
 * priceProfile / customerValueScore on them, type-7 percentiles. Bounds must agree to 1e-9.
 */

function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (h - below) * (high - low);
}

/** Q, S, RP, V of `offerId` against `reference`, or null where unavailable. */
function fourFigures(sample: RespondentInput[], input: BootstrapIntervalsInput, offerId: string, reference: string[]) {
  const aggregated = aggregateWeights(sample, input.attributes);
  const weights = studyWeights(aggregated.weights, input.attributes, input.groups);
  if (!weights.ok) return { figures: [null, null, null, null], ratios: {} as Record<string, number> };
  const profile = {
    attributes: input.attributes,
    weights: weights.weights,
    scores: meanScores(sample, input.offers, input.attributes),
    offerId,
    referenceIds: reference,
    ...(input.shares !== undefined ? { shares: input.shares } : {}),
  };
  const quality = qualityProfile(profile);
  const price = priceProfile(profile);
  const q = aggregated.qualityShare;
  const value = quality.ok && price.ok && q !== null ? customerValueScore(quality.score, price.satisfaction, q) : null;
  const ratios: Record<string, number> = {};
  for (const row of [...(quality.ok ? quality.rows : []), ...(price.ok ? price.rows : [])]) ratios[row.id] = row.ratio;
  return {
    figures: [
      quality.ok ? quality.score : null,
      price.ok ? price.satisfaction : null,
      price.ok ? price.relativePrice : null,
      value !== null && value.ok ? value.value : null,
    ],
    ratios,
  };
}

/**
 * Reference intervals and the number of replicates that gave the figure, keyed like `flatten`
 * below: offers.<id>.<figure>, own.<figure>, own.ratios.<id>.
 */
function reference(input: BootstrapIntervalsInput): Record<string, [number, number, number]> {
  const B = input.replicates ?? 1000;
  const level = input.level ?? 0.95;
  const own = input.offers.find((o) => o.own)?.id as string;
  const competitors = input.offers.filter((o) => o.id !== own).map((o) => o.id);
  const random = seededRandom(input.seed ?? 1);
  const n = input.respondents.length;
  const values: Record<string, number[]> = {};
  const push = (key: string, v: number | null | undefined) => {
    if (v === null || v === undefined) return;
    (values[key] ??= []).push(v);
  };
  const names = ["quality", "satisfaction", "relativePrice", "value"];
  for (let b = 0; b < B; b += 1) {
    const sample: RespondentInput[] = [];
    for (let k = 0; k < n; k += 1) sample.push(input.respondents[Math.floor(random() * n)] as RespondentInput);
    for (const offer of input.offers) {
      const rest = input.offers.filter((o) => o.id !== offer.id).map((o) => o.id);
      fourFigures(sample, input, offer.id, rest).figures.forEach((v, k) => push(`offers.${offer.id}.${names[k]}`, v));
    }
    const mine = fourFigures(sample, input, own, competitors);
    mine.figures.forEach((v, k) => push(`own.${names[k]}`, v));
    for (const [id, ratio] of Object.entries(mine.ratios)) push(`own.ratios.${id}`, ratio);
  }
  return Object.fromEntries(
    Object.entries(values).map(([key, list]) => {
      const sorted = [...list].sort((x, y) => x - y);
      return [key, [quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), sorted.length]];
    }),
  );
}

function flatten(result: Extract<BootstrapIntervalsResult, { ok: true }>): Record<string, BootstrapInterval> {
  const names = ["quality", "satisfaction", "relativePrice", "value"] as const;
  const out: Record<string, BootstrapInterval> = {};
  for (const [id, figures] of Object.entries(result.offers)) for (const k of names) out[`offers.${id}.${k}`] = figures[k];
  for (const k of names) out[`own.${k}`] = result.own[k];
  for (const [id, interval] of Object.entries(result.own.ratios)) out[`own.ratios.${id}`] = interval;
  return out;
}

/** Compares every available interval (bounds and replicates used) with the reference; returns the mismatches. */
function mismatches(input: BootstrapIntervalsInput): string[] {
  const expected = reference(input);
  const actual = flatten(ok(bootstrapIntervals(input)));
  const bad: string[] = [];
  for (const [key, interval] of Object.entries(actual)) {
    if (!interval.ok) continue;
    const bounds = expected[key];
    if (bounds === undefined) {
      bad.push(`${key}: no reference`);
      continue;
    }
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
    if (!close(interval.lower, bounds[0]) || !close(interval.upper, bounds[1]) || interval.replicates !== bounds[2]) {
      bad.push(`${key}: [${interval.lower}, ${interval.upper}] of ${interval.replicates} vs [${bounds[0]}, ${bounds[1]}] of ${bounds[2]}`);
    }
  }
  return bad;
}

/** A small seeded study with gaps: unknown offers, unrated cells, fractional ratings and weights. */
function gappyStudy(): { respondents: RespondentInput[]; offers: OfferDef[]; attributes: GroupedAttributeDef[] } {
  const random = seededRandom(99);
  const offers: OfferDef[] = ["own", "c1", "c2", "c3"].map((id) => ({ id, own: id === "own", share: 1 + Math.floor(random() * 5) }));
  const attributes: GroupedAttributeDef[] = [
    { id: "q1", kind: "quality", group: "product" },
    { id: "q2", kind: "quality", group: "product" },
    { id: "q3", kind: "quality", group: "service", lowerIsBetter: true },
    { id: "p1", kind: "price", group: "money" },
    { id: "p2", kind: "price", group: "money" },
  ];
  const respondents: RespondentInput[] = Array.from({ length: 23 }, (_, r) => {
    const weights: Record<string, number> = {};
    // respondent 5 gives no price weights, respondent 7 none at all
    for (const a of attributes) {
      if (r === 7 || (r === 5 && a.kind === "price")) continue;
      weights[a.id] = Math.round(random() * 40 * 10) / 10;
    }
    const ratings: Record<string, Record<string, number>> = {};
    for (const offer of offers) {
      if (offer.id !== "own" && random() < 0.2) continue;
      const byAttribute: Record<string, number> = {};
      for (const a of attributes) if (random() > 0.1) byAttribute[a.id] = 1 + Math.round(random() * 90) / 10;
      ratings[offer.id] = byAttribute;
    }
    return { id: `r${r}`, weights, ...(r % 4 === 3 ? {} : { qualityShare: 30 + Math.floor(random() * 50) }), ratings };
  });
  return { respondents, offers, attributes };
}

describe("bootstrapIntervals against a record-based reference", () => {
  it("matches on the worked example (whole-number ratings, complete weights)", () => {
    const input = { respondents: workedRespondents, offers: workedOffers, attributes: workedAttributes, replicates: 150, seed: 11 };
    expect(mismatches(input)).toEqual([]);
  });

  it("matches with unknown offers, unrated cells, fractional ratings and missing weights or quality shares", () => {
    const input = { ...gappyStudy(), replicates: 150, seed: 12, minUsedShare: 0 };
    expect(mismatches(input)).toEqual([]);
  });

  it("matches with two-level weights and share-weighted references", () => {
    const study = gappyStudy();
    const input: BootstrapIntervalsInput = {
      ...study,
      groups: [
        { id: "product", weight: 70 },
        { id: "service", weight: 30 },
        { id: "money", weight: 100 },
      ],
      // c3's share of 0 leaves it out of share-weighted references
      shares: Object.fromEntries(study.offers.map((o) => [o.id, o.id === "c3" ? 0 : (o.share as number)])),
      replicates: 120,
      seed: 13,
      minUsedShare: 0,
    };
    expect(mismatches(input)).toEqual([]);
  });

  it("matches when whole-number ratings leave gaps (the 8-bit integer columns with a presence mask)", () => {
    const study = gappyStudy();
    const rounded = study.respondents.map((r) => ({
      ...r,
      ratings: Object.fromEntries(
        Object.entries(r.ratings).map(([offer, byAttribute]) => [
          offer,
          Object.fromEntries(Object.entries(byAttribute).map(([a, s]) => [a, Math.round(s)])),
        ]),
      ),
    }));
    expect(mismatches({ ...study, respondents: rounded, replicates: 120, seed: 14, minUsedShare: 0 })).toEqual([]);
  });

  it("counts the same failed replicates as the reference", () => {
    // Offer "b" is rated by 1 of 3 respondents: the reference drops exactly the replicates
    // that miss respondent 1; the fast path must count the same number.
    const input: BootstrapIntervalsInput = {
      respondents: [
        { id: "1", weights: { x: 1 }, ratings: { a: { x: 6 }, b: { x: 5 } } },
        { id: "2", weights: { x: 1 }, ratings: { a: { x: 7 } } },
        { id: "3", weights: { x: 1 }, ratings: { a: { x: 8 } } },
      ],
      offers: [
        { id: "a", own: true },
        { id: "b", own: false },
      ],
      attributes: [{ id: "x", kind: "quality" }],
      replicates: 300,
      minUsedShare: 0,
    };
    const random = seededRandom(1);
    let missing = 0;
    for (let b = 0; b < 300; b += 1) {
      const drawn = [0, 1, 2].map(() => Math.floor(random() * 3));
      if (!drawn.includes(0)) missing += 1;
    }
    const q = ok(bootstrapIntervals(input)).own.quality;
    expect(q.failed).toBe(missing);
  });
});
