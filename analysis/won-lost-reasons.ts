import type { AttributeDef, AttributeKind, RespondentOutcome } from "./types";
import { wonLostReasonsFromSums } from "./won-lost-reasons-from-sums";

export interface WonLostReasonsInput {
  /** the lost respondents (chose a competitor after considering own); others are skipped */
  lost: RespondentOutcome[];
  ownId: string;
  attributes: AttributeDef[];
  /** market weights, used for a respondent without stated weights of a kind */
  weights: Record<string, number>;
  /** reasons listed per kind; default 3 */
  top?: number;
  /** the market's mean quality share q (0..100), used for a respondent without one */
  qualityShare?: number | null;
}

/**
 * The loss split by kind: per lost respondent r with a quality share q_r, the winner's lead in
 * r's own value `u_{r,c} − u_{r,own}` (docs/method.md §9 (c)) split into its quality part
 * `q_r (A^Q_c − A^Q_own) / 100` and its price part `(100 − q_r) (A^P_c − A^P_own) / 100`,
 * averaged over those respondents (`n`). > 0 = that kind favoured the winner.
 */
export interface LostByKind {
  /** lost respondents with a quality share (their own, else the market's) */
  n: number;
  quality: number;
  price: number;
  /** quality + price: the mean lead of the winner in the respondents' own value */
  total: number;
}

/** One attribute as a reason for losing, weighted by importance. */
export interface WeightedLostReason {
  id: string;
  kind: AttributeKind;
  /** mean over n of w_{r,i} (s_{r,c,i} - s_{r,own,i}) / 100: rating points of the weighted index, > 0 = the winner better */
  impact: number;
  /** mean over n of s_{r,c,i} - s_{r,own,i} (turned for lowerIsBetter) */
  meanGap: number;
  /** lost respondents whose chosen offer scored better than own on this attribute */
  count: number;
  /** lost respondents who rated both their chosen offer and own on this attribute */
  n: number;
}

export interface WonLostReasonsResult {
  /** lost respondents used (a chosen competitor) */
  lost: number;
  /** attributes with a positive impact, largest first (then count, then input order), at most `top` */
  quality: WeightedLostReason[];
  price: WeightedLostReason[];
  /** every attribute's figures, in input order */
  all: WeightedLostReason[];
  /** how much of the loss was quality and how much price, each kind weighted by q */
  byKind: LostByKind;
}

/** A respondent's weights of one kind normalised to 100, or null when they sum to 0. */
function ownWeights(weights: Record<string, number>, set: AttributeDef[]): Map<string, number> | null {
  const raw = set.map((a) => {
    const w = weights[a.id];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
  });
  const sum = raw.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) return null;
  return new Map(set.map((a, i) => [a.id, (100 * (raw[i] ?? 0)) / sum]));
}

/**
 * Why lost customers chose a competitor, weighted by importance and split by kind
 * (docs/method.md §3 (d)): for each lost respondent r (chose c ≠ own) and
 * attribute i that r rated for both c and own, the gap `g = s_{r,c,i} - s_{r,own,i}` (turned
 * for lowerIsBetter; > 0 = the winner scored better; on price satisfaction, the winner felt
 * cheaper) weighted by r's importance `w_{r,i}`: r's stated weights normalised to 100 within
 * the kind, or the market `weights` (normalised likewise) when r gave none for that kind.
 * `impact_i = mean over those n of w_{r,i} g / 100`: summed over a kind's attributes it is
 * the difference of r's weighted indexes `A_c - A_own` (on the rating scale), so the impacts
 * say which attributes carried the loss. Reasons per kind: attributes with impact > 0, largest
 * first, then by count, then input order, at most `top` (default 3). `byKind` weighs the two
 * kinds against each other with each respondent's quality share (see `LostByKind`).
 */
export function wonLostReasons(input: WonLostReasonsInput): WonLostReasonsResult {
  const lost = input.lost.filter((r) => r.chose !== undefined && r.chose !== input.ownId);
  const byKind = (kind: AttributeKind) => input.attributes.filter((a) => a.kind === kind);
  const market = {
    quality: ownWeights(input.weights, byKind("quality")) ?? new Map<string, number>(),
    price: ownWeights(input.weights, byKind("price")) ?? new Map<string, number>(),
  };
  const weightsOf = lost.map((r) => ({
    quality: ownWeights(r.weights, byKind("quality")) ?? market.quality,
    price: ownWeights(r.weights, byKind("price")) ?? market.price,
  }));
  const sums = input.attributes.map((attribute) => {
    let n = 0;
    let count = 0;
    let gapSum = 0;
    let impactSum = 0;
    lost.forEach((r, k) => {
      const own = r.ratings[input.ownId]?.[attribute.id];
      const winner = r.ratings[r.chose as string]?.[attribute.id];
      if (own === undefined || winner === undefined || !Number.isFinite(own) || !Number.isFinite(winner)) return;
      const gap = attribute.lowerIsBetter === true ? own - winner : winner - own;
      const weight = weightsOf[k]?.[attribute.kind].get(attribute.id) ?? 0;
      n += 1;
      if (gap > 0) count += 1;
      gapSum += gap;
      impactSum += (weight * gap) / 100;
    });
    return { n, count, gapSum, impactSum };
  });
  const split = { n: 0, quality: 0, price: 0 };
  lost.forEach((r, k) => {
    const q = r.qualityShare ?? input.qualityShare ?? null;
    if (q === null || !Number.isFinite(q)) return;
    const lead = { quality: 0, price: 0 };
    for (const attribute of input.attributes) {
      const own = r.ratings[input.ownId]?.[attribute.id];
      const winner = r.ratings[r.chose as string]?.[attribute.id];
      if (own === undefined || winner === undefined || !Number.isFinite(own) || !Number.isFinite(winner)) continue;
      const gap = attribute.lowerIsBetter === true ? own - winner : winner - own;
      lead[attribute.kind] += ((weightsOf[k]?.[attribute.kind].get(attribute.id) ?? 0) * gap) / 100;
    }
    split.n += 1;
    split.quality += (q * lead.quality) / 100;
    split.price += ((100 - q) * lead.price) / 100;
  });
  return wonLostReasonsFromSums(input, { lost: lost.length, attributes: sums, split });
}
