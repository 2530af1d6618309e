import { attributeProfile } from "./attribute-profile";
import type { PriceProfileResult, ProfileInput } from "./types";

/**
 * Market-perceived price profile of an offer (method.md "The tools" (b)): the quality-profile
 * arithmetic over the price attributes, whose ratings are price satisfaction (10 = most
 * satisfied), gives the price-satisfaction score `S = sum_i w_i r_i` (> 100 = cheaper-feeling
 * than the reference) and the relative price `RP = 100 * 100 / S` (< 100 = cheaper).
 * See `attributeProfile` for the arithmetic and reasons.
 *
 * Reference R: `referenceIds` when given, else every offer in `offers` but `offerId` (else
 * every offer in `scores` but `offerId`).
 */
export function priceProfile(input: ProfileInput): PriceProfileResult {
  const referenceIds =
    input.referenceIds ??
    (input.offers?.map((o) => o.id) ?? Object.keys(input.scores.nOffer)).filter(
      (id) => id !== input.offerId,
    );
  const profile = attributeProfile({
    attributes: input.attributes.filter((a) => a.kind === "price"),
    weights: input.weights,
    scores: input.scores,
    offerId: input.offerId,
    referenceIds,
    ...(input.shares !== undefined ? { shares: input.shares } : {}),
  });
  if (!profile.ok) return profile;
  if (profile.score <= 0) return { ok: false, reason: "non-positive-score" };
  return {
    ok: true,
    rows: profile.rows,
    satisfaction: profile.score,
    relativePrice: 10000 / profile.score,
    absoluteIndex: profile.absoluteIndex,
    n: profile.n,
  };
}
