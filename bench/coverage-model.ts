/**
 * A known model for checking the coverage of the percentile bootstrap interval of Q
 * (method.md "Beyond Gale": confidence intervals). Used by test/analysis/bootstrap-coverage.test.ts
 * (a CI-sized run) and bench/coverage.ts (the large run).
 *
 * Model: three offers (own, c1, c2), four quality and two price attributes. Every respondent
 * states the same weights (quality 40/25/20/15, price 70/30) and quality share 60, knows
 * every offer and rates it `mu[offer][attribute] + e`, e ~ Normal(0, sigma) independently,
 * without rounding or clipping, so the expected mean rating is exactly mu. The weights are
 * therefore known exactly and the true Q of own against the competitors is, by method.md (a),
 *   Q = sum_i w_i mu_{own,i} / ((mu_{c1,i} + mu_{c2,i}) / 2).
 */
import { bootstrapIntervals } from "../analysis";
import type { AttributeDef, OfferDef, RespondentInput } from "../analysis";
import { seededRandom } from "../analysis/seeded-random";

export const offers: OfferDef[] = [
  { id: "own", own: true },
  { id: "c1", own: false },
  { id: "c2", own: false },
];

export const attributes: AttributeDef[] = [
  { id: "q1", kind: "quality" },
  { id: "q2", kind: "quality" },
  { id: "q3", kind: "quality" },
  { id: "q4", kind: "quality" },
  { id: "p1", kind: "price" },
  { id: "p2", kind: "price" },
];

export const weights: Record<string, number> = { q1: 40, q2: 25, q3: 20, q4: 15, p1: 70, p2: 30 };

/** True mean rating per offer and attribute. */
export const mu: Record<string, Record<string, number>> = {
  own: { q1: 7.5, q2: 6, q3: 8, q4: 5, p1: 5.5, p2: 7 },
  c1: { q1: 6.5, q2: 7, q3: 6, q4: 6.5, p1: 6.5, p2: 6 },
  c2: { q1: 6, q2: 5.5, q3: 7, q4: 7, p1: 7, p2: 6.5 },
};

/** The true Q of own against c1 and c2: 40*7.5/6.25 + 25*6/6.25 + 20*8/6.5 + 15*5/6.75 = 107.7265. */
export const trueQuality = attributes
  .filter((a) => a.kind === "quality")
  .reduce((q, a) => {
    const own = mu.own?.[a.id] as number;
    const reference = ((mu.c1?.[a.id] as number) + (mu.c2?.[a.id] as number)) / 2;
    return q + ((weights[a.id] as number) * own) / reference;
  }, 0);

/** Standard normal draws (Box-Muller) from a uniform source. */
function normal(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/**
 * The model's weights with U(-1, 1) * shift * min(w_from, w_to) points moved from one quality
 * attribute to another (a random pair): each respondent's points still sum to 100 and stay
 * non-negative (shift <= 1) and, the move being symmetric, their expectation is still `weights`,
 * so the true Q is unchanged.
 */
function shiftedWeights(quality: string[], shift: number, random: () => number): Record<string, number> {
  const w = { ...weights };
  const from = quality[Math.floor(random() * quality.length)] as string;
  const others = quality.filter((id) => id !== from);
  const to = others[Math.floor(random() * others.length)] as string;
  const delta = shift * Math.min(w[from] as number, w[to] as number) * (2 * random() - 1);
  w[from] = (w[from] as number) - delta;
  w[to] = (w[to] as number) + delta;
  return w;
}

/**
 * One simulated study of n respondents. With `weightShift` > 0 the respondents' weights vary
 * around the model's (`shiftedWeights`, 0 < weightShift <= 1) and their quality shares are 60 + U(-20, 20).
 */
export function simulateStudy(n: number, sigma: number, random: () => number, weightShift = 0): RespondentInput[] {
  const gauss = normal(random);
  const quality = attributes.filter((a) => a.kind === "quality").map((a) => a.id);
  return Array.from({ length: n }, (_, r) => ({
    id: `r${r}`,
    weights: weightShift > 0 ? shiftedWeights(quality, weightShift, random) : { ...weights },
    qualityShare: weightShift > 0 ? 60 + 40 * (random() - 0.5) : 60,
    ratings: Object.fromEntries(
      offers.map((o) => [o.id, Object.fromEntries(attributes.map((a) => [a.id, (mu[o.id]?.[a.id] as number) + sigma * gauss()]))]),
    ),
  }));
}

export interface CoverageRun {
  studies: number;
  respondents: number;
  replicates: number;
  covered: number;
  /** covered / studies */
  coverage: number;
  /** studies whose interval lies wholly below / above the true Q */
  missedLow: number;
  missedHigh: number;
  meanWidth: number;
  trueQuality: number;
}

/**
 * Draws `studies` studies (seeded), runs the 95 % percentile bootstrap of the own Q in each
 * (`replicates` replicates, each study's bootstrap seed drawn from the same seeded stream) and
 * counts the intervals that cover the true Q.
 */
export function coverageRun(options: {
  studies: number;
  respondents: number;
  replicates: number;
  sigma?: number;
  seed?: number;
}): CoverageRun {
  const random = seededRandom(options.seed ?? 2025);
  let covered = 0;
  let missedLow = 0;
  let missedHigh = 0;
  let width = 0;
  for (let s = 0; s < options.studies; s += 1) {
    const respondents = simulateStudy(options.respondents, options.sigma ?? 1.5, random);
    const seed = Math.floor(random() * 4294967296);
    const result = bootstrapIntervals({ respondents, offers, attributes, replicates: options.replicates, seed });
    if (!result.ok || !result.own.quality.ok) throw new Error(`study ${s}: no interval`);
    const { lower, upper } = result.own.quality;
    if (upper < trueQuality) missedLow += 1;
    else if (lower > trueQuality) missedHigh += 1;
    else covered += 1;
    width += upper - lower;
  }
  return {
    studies: options.studies,
    respondents: options.respondents,
    replicates: options.replicates,
    covered,
    coverage: covered / options.studies,
    missedLow,
    missedHigh,
    meanWidth: width / options.studies,
    trueQuality,
  };
}

