import { attributeProfile } from "./attribute-profile";
import type { ProfileInput, QualityProfileResult } from "./types";

/**
 * Market-perceived quality profile of an offer (method.md "The tools" (a)):
 * `r_i = m_{j,i} / m_{R,i}`, contribution `w_i r_i`, `Q = sum_i w_i r_i` over the quality
 * attributes (100 = parity, > 100 better than the reference), and the absolute index
 * `A_j = sum_i w_i m_{j,i} / 100`. See `attributeProfile` for the arithmetic and reasons.
 *
 * Reference R: `referenceIds` when given (one id = head-to-head), else every offer in
 * `offers` but `offerId` (else every offer in `scores` but `offerId`).
 */
export function qualityProfile(input: ProfileInput): QualityProfileResult {
  const referenceIds =
    input.referenceIds ??
    (input.offers?.map((o) => o.id) ?? Object.keys(input.scores.nOffer)).filter(
      (id) => id !== input.offerId,
    );
  return attributeProfile({
    attributes: input.attributes.filter((a) => a.kind === "quality"),
    weights: input.weights,
    scores: input.scores,
    offerId: input.offerId,
    referenceIds,
    ...(input.shares !== undefined ? { shares: input.shares } : {}),
  });
}
