import type { AttributeDef, AttributeKind, RespondentOutcome } from "./types";

export interface WonLostReasonsInput {
  /** the lost respondents (chose a competitor after considering own); others are skipped */
  lost: RespondentOutcome[];
  ownId: string;
  attributes: AttributeDef[];
  /** market weights, used for a respondent without stated weights of a kind */
  weights: Record<string, number>;
  /** reasons listed per kind; default 3 */
  top?: number;
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
 * (method.md "The tools" (d), method-more.md): for each lost respondent r (chose c ≠ own) and
 * attribute i that r rated for both c and own, the gap `g = s_{r,c,i} - s_{r,own,i}` (turned
 * for lowerIsBetter; > 0 = the winner scored better; on price satisfaction, the winner felt
 * cheaper) weighted by r's importance `w_{r,i}`: r's stated weights normalised to 100 within
 * the kind, or the market `weights` (normalised likewise) when r gave none for that kind.
 * `impact_i = mean over those n of w_{r,i} g / 100`: summed over a kind's attributes it is
 * the difference of r's weighted indexes `A_c - A_own` (on the rating scale), so the impacts
 * say which attributes carried the loss. Reasons per kind: attributes with impact > 0, largest
 * first, then by count, then input order, at most `top` (default 3).
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
  const all: WeightedLostReason[] = input.attributes.map((attribute) => {
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
    return { id: attribute.id, kind: attribute.kind, impact: n > 0 ? impactSum / n : 0, meanGap: n > 0 ? gapSum / n : 0, count, n };
  });
  const top = Math.max(0, Math.floor(input.top ?? 3));
  const reasons = (kind: AttributeKind) =>
    all
      .map((reason, index) => ({ reason, index }))
      .filter(({ reason }) => reason.kind === kind && reason.impact > 0)
      .sort((a, b) => b.reason.impact - a.reason.impact || b.reason.count - a.reason.count || a.index - b.index)
      .slice(0, top)
      .map(({ reason }) => reason);
  return { lost: lost.length, quality: reasons("quality"), price: reasons("price"), all };
}
