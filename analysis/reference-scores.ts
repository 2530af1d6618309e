import type { AttributeDef, MeanScores } from "./types";

/**
 * Reference score of a set R of offers per attribute (method.md "Aggregation" step 3):
 * `m_{R,i} = mean over k in R of m_{k,i}`, unweighted, over the reference offers that have a
 * mean for i. With `shares`, the share-weighted mean `sum_k s_k m_{k,i} / sum_k s_k`
 * instead; offers without a positive finite share are then left out.
 * Null for an attribute where no (usable) reference offer has a mean.
 */
export function referenceScores(
  scores: MeanScores,
  referenceIds: string[],
  attributes: AttributeDef[],
  shares?: Record<string, number>,
): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (const attribute of attributes) {
    let sum = 0;
    let weight = 0;
    for (const id of referenceIds) {
      const mean = scores.means[id]?.[attribute.id];
      if (mean === undefined || mean === null || !Number.isFinite(mean)) continue;
      let w = 1;
      if (shares !== undefined) {
        const share = shares[id];
        if (share === undefined || !Number.isFinite(share) || share <= 0) continue;
        w = share;
      }
      sum += w * mean;
      weight += w;
    }
    result[attribute.id] = weight > 0 ? sum / weight : null;
  }
  return result;
}
