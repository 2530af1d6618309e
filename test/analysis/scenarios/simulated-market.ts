import { seededRandom } from "../../../analysis";
import type { AttributeDef, OfferDef, RespondentOutcome } from "../../../analysis";

/**
 * A simulated market whose respondents choose by a known logit, for the β recovery tests.
 * Four offers, three quality and two price attributes. Each respondent: whole-number weights
 * 1..10 per attribute, q uniform in 40..80, knows each offer with probability 0.8 (at least
 * two), rates every attribute of a known offer as round(offer level + impression +
 * uniform(−1, 1)) clamped to 1..10, with one impression uniform(−2.5, 2.5) per respondent and
 * offer (a respondent who likes an offer tends to rate it well on every attribute). The true utility is written out here (not taken from analysis/):
 * u = (q Σ_quality w s / Σ_quality w + (100 − q) Σ_price w s / Σ_price w) / 100, and the last
 * purchase is drawn with P_j = e^{β u_j} / Σ_k e^{β u_k} over the known offers.
 * `trueShares` = 100 × mean over respondents of those probabilities (the model's shares).
 */
export const simulatedOffers: OfferDef[] = ["a", "b", "c", "d"].map((id, k) => ({ id, own: k === 0 }));

export const simulatedAttributes: AttributeDef[] = [
  { id: "q1", kind: "quality" },
  { id: "q2", kind: "quality" },
  { id: "q3", kind: "quality" },
  { id: "p1", kind: "price" },
  { id: "p2", kind: "price" },
];

/** Offer levels per attribute [q1, q2, q3, p1, p2]: a is best on quality, c on price. */
const LEVELS: number[][] = [
  [7, 7, 7.5, 5, 5.5],
  [6.5, 6, 6.5, 6, 6],
  [5.5, 6, 5, 7, 6.5],
  [5.5, 5, 6, 5.5, 6],
];

export function simulateMarket(n: number, beta: number, seed: number): { respondents: RespondentOutcome[]; trueShares: number[] } {
  const random = seededRandom(seed);
  const respondents: RespondentOutcome[] = [];
  const sums = [0, 0, 0, 0];
  for (let r = 0; r < n; r += 1) {
    const weights = Object.fromEntries(simulatedAttributes.map((a) => [a.id, 1 + Math.floor(random() * 10)]));
    const q = 40 + Math.floor(random() * 41);
    let known = simulatedOffers.map(() => random() < 0.8);
    if (known.filter(Boolean).length < 2) known = known.map((k, o) => k || o < 2);
    const ratings: Record<string, Record<string, number>> = {};
    const utilities: Array<{ offer: number; u: number }> = [];
    simulatedOffers.forEach((offer, o) => {
      if (!known[o]) return;
      const impression = random() * 5 - 2.5;
      const scores = Object.fromEntries(
        simulatedAttributes.map((a, i) => {
          const level = (LEVELS[o] as number[])[i] as number;
          return [a.id, Math.min(10, Math.max(1, Math.round(level + impression + (random() * 2 - 1))))];
        }),
      );
      ratings[offer.id] = scores;
      const part = (kind: "quality" | "price") => {
        const set = simulatedAttributes.filter((a) => a.kind === kind);
        const total = set.reduce((s, a) => s + (weights[a.id] as number), 0);
        return set.reduce((s, a) => s + (weights[a.id] as number) * (scores[a.id] as number), 0) / total;
      };
      utilities.push({ offer: o, u: (q * part("quality") + (100 - q) * part("price")) / 100 });
    });
    const top = Math.max(...utilities.map((x) => beta * x.u));
    const e = utilities.map((x) => Math.exp(beta * x.u - top));
    const total = e.reduce((s, x) => s + x, 0);
    utilities.forEach((x, k) => {
      sums[x.offer] = (sums[x.offer] as number) + (e[k] as number) / total;
    });
    let draw = random() * total;
    let chosen = utilities[utilities.length - 1]?.offer ?? 0;
    for (const [k, x] of utilities.entries()) {
      draw -= e[k] as number;
      if (draw < 0) {
        chosen = x.offer;
        break;
      }
    }
    respondents.push({ id: `s${r}`, weights, qualityShare: q, ratings, chose: (simulatedOffers[chosen] as OfferDef).id });
  }
  return { respondents, trueShares: sums.map((s) => (100 * s) / n) };
}
