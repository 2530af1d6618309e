import { compareDescending } from "./compare-descending";
import type { AttributeKind } from "./types";
import type { LostByKind, WeightedLostReason, WonLostReasonsInput, WonLostReasonsResult } from "./won-lost-reasons";

/** What `wonLostReasons` sums over the lost respondents (its rules are documented there). */
export interface WonLostReasonsSums {
  /** lost respondents used (a chosen competitor) */
  lost: number;
  /** per attribute (input order): n, count, the sum of the gaps and of the weighted gaps w g / 100 */
  attributes: Array<{ n: number; count: number; gapSum: number; impactSum: number }>;
  /** respondents with a quality share, and the sums of their quality and price parts */
  split: { n: number; quality: number; price: number };
}

/**
 * `wonLostReasons` (documented there) from its sums instead of the lost respondents: each
 * attribute's mean impact and gap, the loss split by kind and the top reasons per kind. The
 * respondent path and the sufficient-statistics path (`analyzeStudyFromStatistics`) both end here.
 */
export function wonLostReasonsFromSums(input: Pick<WonLostReasonsInput, "attributes" | "top">, sums: WonLostReasonsSums): WonLostReasonsResult {
  const all: WeightedLostReason[] = input.attributes.map((attribute, i) => {
    const { n, count, gapSum, impactSum } = sums.attributes[i] ?? { n: 0, count: 0, gapSum: 0, impactSum: 0 };
    return { id: attribute.id, kind: attribute.kind, impact: n > 0 ? impactSum / n : 0, meanGap: n > 0 ? gapSum / n : 0, count, n };
  });
  const { split } = sums;
  const quality = split.n > 0 ? split.quality / split.n : 0;
  const price = split.n > 0 ? split.price / split.n : 0;
  const lossByKind: LostByKind = { n: split.n, quality, price, total: quality + price };
  const top = Math.max(0, Math.floor(input.top ?? 3));
  const reasons = (kind: AttributeKind) =>
    all
      .map((reason, index) => ({ reason, index }))
      .filter(({ reason }) => reason.kind === kind && reason.impact > 0)
      .sort((a, b) => compareDescending(a.reason.impact, b.reason.impact) || b.reason.count - a.reason.count || a.index - b.index)
      .slice(0, top)
      .map(({ reason }) => reason);
  return { lost: sums.lost, quality: reasons("quality"), price: reasons("price"), all, byKind: lossByKind };
}
