/**
 * Synthetic studies for bench/analysis.ts: n respondents, 10 attributes (6 quality, 4 price),
 * 5 offers (o0 own). Seeded, so every run analyses the same data.
 *
 * Each respondent knows the own offer and each competitor with probability 0.85, rates a known
 * offer on every attribute with round(mean + noise) clipped to 1..10, gives 0..20 weight
 * points per attribute, a quality share of 30..80, an overall rating per known offer, the offer
 * chosen among those considered, a segment and a wave.
 */
import type { StudyAnalysisInput } from "../analysis";
import { seededRandom } from "../analysis/seeded-random";

export const OFFERS = 5;
export const ATTRIBUTES = 10;
const QUALITY = 6;

export interface SyntheticStudy {
  input: StudyAnalysisInput;
  /** the same ratings, respondent x offer x attribute, 0 where not rated */
  ratings: Float64Array;
}

export function syntheticStudy(n: number, seed = 1): SyntheticStudy {
  const random = seededRandom(seed);
  const offers = Array.from({ length: OFFERS }, (_, o) => ({ id: `o${o}`, own: o === 0, name: `Offer ${o}` }));
  const attributes = Array.from({ length: ATTRIBUTES }, (_, a) => ({
    id: `a${a}`,
    kind: a < QUALITY ? ("quality" as const) : ("price" as const),
  }));
  const means = offers.map(() => attributes.map(() => 4 + 4 * random()));
  const ratings = new Float64Array(n * OFFERS * ATTRIBUTES);
  const respondents: NonNullable<StudyAnalysisInput["respondents"]> = [];
  for (let r = 0; r < n; r += 1) {
    const weights: Record<string, number> = {};
    for (const a of attributes) weights[a.id] = Math.floor(random() * 21);
    const byOffer: Record<string, Record<string, number>> = {};
    const overall: Record<string, number> = {};
    const considered: string[] = [];
    offers.forEach((offer, o) => {
      if (random() >= 0.85) return;
      const scores: Record<string, number> = {};
      let sum = 0;
      attributes.forEach((attribute, a) => {
        const mean = means[o]?.[a] as number;
        const score = Math.min(10, Math.max(1, Math.round(mean + 4 * (random() - 0.5))));
        scores[attribute.id] = score;
        ratings[(r * OFFERS + o) * ATTRIBUTES + a] = score;
        sum += score;
      });
      byOffer[offer.id] = scores;
      overall[offer.id] = Math.min(10, Math.max(1, Math.round(sum / ATTRIBUTES + random() - 0.5)));
      considered.push(offer.id);
    });
    respondents.push({
      id: `r${r}`,
      segment: r % 3 === 0 ? "north" : "south",
      wave: "w1",
      weights,
      qualityShare: 30 + Math.floor(random() * 51),
      ratings: byOffer,
      overall,
      ...(considered.length > 0 ? { chose: considered[Math.floor(random() * considered.length)] as string, considered } : {}),
    });
  }
  return { input: { offers, attributes, respondents }, ratings };
}
