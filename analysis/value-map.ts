import { fairValueLine } from "./fair-value-line";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type { ValueMapInput, ValueMapPoint, ValueMapResult } from "./types";

/**
 * Customer value map (method.md "The tools" (c)). One point per offer: x = `Q_j`,
 * y = `RP_j = 100 * 100 / S_j`, each computed against the rest of the market
 * (R = all offers but j, share-weighted when `shares` is given). The fair-value line
 * (`fairValueLine`, default "weights") is fitted on the available points.
 *
 * Per point: fair price `RP_fair(Q_j) = intercept + slope * Q_j`; value
 * `v_j = RP_fair(Q_j) - RP_j` (> 0 = better value, below the line); perpendicular distance
 * `v_j / sqrt(1 + slope^2)`; zone "better" if v > band, "worse" if v < -band, else "fair"
 * (band default 5 index points); frontier = not beaten on both axes, i.e. no other point has
 * Q >= and RP <= with at least one strict (identical points are both on the frontier).
 *
 * Offers whose quality or price profile is Unavailable are listed in `unavailable` with the
 * reason and left out of the line and the frontier. Unavailable: "invalid-band",
 * "no-points" (no offer could be placed), or the fair-value line's reason.
 */
export function valueMap(input: ValueMapInput): ValueMapResult {
  const band = input.band ?? 5;
  if (!Number.isFinite(band) || band < 0) return { ok: false, reason: "invalid-band" };

  const placed: Array<Omit<ValueMapPoint, "fairRelativePrice" | "value" | "perpendicular" | "zone" | "frontier">> = [];
  const unavailable: Array<{ offerId: string; reason: string }> = [];
  for (const offer of input.offers) {
    const profileInput = {
      attributes: input.attributes,
      weights: input.weights,
      scores: input.scores,
      offerId: offer.id,
      referenceIds: input.offers.filter((o) => o.id !== offer.id).map((o) => o.id),
      ...(input.shares !== undefined ? { shares: input.shares } : {}),
    };
    const quality = qualityProfile(profileInput);
    if (!quality.ok) {
      unavailable.push({ offerId: offer.id, reason: quality.reason });
      continue;
    }
    const price = priceProfile(profileInput);
    if (!price.ok) {
      unavailable.push({ offerId: offer.id, reason: price.reason });
      continue;
    }
    placed.push({
      offerId: offer.id,
      own: offer.own,
      quality: quality.score,
      satisfaction: price.satisfaction,
      relativePrice: price.relativePrice,
      n: quality.n,
    });
  }
  if (placed.length < 1) return { ok: false, reason: "no-points" };

  const line = fairValueLine(input.line ?? { type: "weights" }, placed, input.qualityShare);
  if (!line.ok) return line;

  const points: ValueMapPoint[] = placed.map((p) => {
    const fairRelativePrice = line.intercept + line.slope * p.quality;
    const value = fairRelativePrice - p.relativePrice;
    const beaten = placed.some(
      (o) =>
        o !== p &&
        o.quality >= p.quality &&
        o.relativePrice <= p.relativePrice &&
        (o.quality > p.quality || o.relativePrice < p.relativePrice),
    );
    return {
      ...p,
      fairRelativePrice,
      value,
      perpendicular: value / Math.sqrt(1 + line.slope * line.slope),
      zone: value > band ? "better" : value < -band ? "worse" : "fair",
      frontier: !beaten,
    };
  });

  return { ok: true, line, band, points, unavailable };
}
