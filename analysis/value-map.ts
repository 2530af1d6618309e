import type { UnavailableReason } from "./unavailable-reasons";
import { fairValueLine } from "./fair-value-line";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import { quantileType7 } from "./quantile-type7";
import type { FairZone, ValueMapInput, ValueMapPoint, ValueMapResult } from "./types";

type Placed = Omit<ValueMapPoint, "fairRelativePrice" | "value" | "perpendicular" | "zone" | "frontier">;

/** A usable actual price: finite and above 0 (a price of 0 would make RP 0 and S infinite). */
function priceReason(price: number | undefined): "no-price" | "non-positive-price" | null {
  if (price === undefined || !Number.isFinite(price)) return "no-price";
  return price > 0 ? null : "non-positive-price";
}

/**
 * Customer value map (docs/method.md §3 (c), §5). One point per offer:
 * x = `Q_j`, y = `RP_j`, each against the reference set R of the point:
 * - `reference` "rest-of-market" (default): R = all offers but j; "market": R = all offers
 *   including j (DFSS-S Table 5.5 prints its toaster map this way);
 * - `relativePriceFrom` "price-profile" (default): `RP_j = 100 * 100 / S_j` from the price
 *   profile; "prices": `RP_j = 100 * price_j / mean(price_k, k in R)` over the offers of R that
 *   have a price (share-weighted `sum s_k price_k / sum s_k` when `shares` is given); offers
 *   without a positive price are left off the map and listed in `unavailable` ("no-price",
 *   "non-positive-price"), and their point's `satisfaction` is `10000 / RP`.
 * R is share-weighted when `shares` is given; then every offer requires a positive share
 * (Unavailable "missing-share", "zero-share": an offer is never silently dropped from R).
 * The fair-value line (`fairValueLine`, default "weights") is fitted on the available points.
 *
 * Per point: fair price `RP_fair(Q_j) = intercept + slope * Q_j`; value
 * `v_j = RP_fair(Q_j) - RP_j` (> 0 = better value, below the line); perpendicular distance
 * `v_j / sqrt(1 + slope^2)`. Fair-value zone `[lower, upper]`: `band` a number (default 5)
 * gives [-band, +band]; `band: "quartiles"` gives [Q1, Q3] of the points' v (type 7). Zone
 * "better" if v > upper, "worse" if v < lower, else "fair". Frontier = not beaten on both
 * axes, i.e. no other point has Q >= and RP <= with at least one strict (identical points are
 * both on the frontier).
 *
 * Offers whose quality or price profile is Unavailable are listed in `unavailable` with the
 * reason and left out of the line and the frontier. Unavailable: "invalid-band",
 * "not-finite" (a share), "no-points" (no offer could be placed), or the fair-value line's reason.
 */
export function valueMap(input: ValueMapInput): ValueMapResult {
  const bandOption = input.band ?? 5;
  if (bandOption !== "quartiles" && (!Number.isFinite(bandOption) || bandOption < 0)) {
    return { ok: false, reason: "invalid-band" };
  }
  const reference = input.reference ?? "rest-of-market";
  const relativePriceFrom = input.relativePriceFrom ?? "price-profile";
  const shares = input.shares;
  if (shares !== undefined) {
    for (const offer of input.offers) {
      const share = shares[offer.id];
      if (share === undefined) return { ok: false, reason: "missing-share" };
      if (Number.isNaN(share) || share === Infinity) return { ok: false, reason: "not-finite" };
      if (!(share > 0)) return { ok: false, reason: "zero-share" };
    }
  }

  const placed: Placed[] = [];
  const unavailable: Array<{ offerId: string; reason: UnavailableReason }> = [];
  for (const offer of input.offers) {
    const referenceIds = input.offers.filter((o) => reference === "market" || o.id !== offer.id).map((o) => o.id);
    const profileInput = {
      attributes: input.attributes,
      weights: input.weights,
      scores: input.scores,
      offerId: offer.id,
      referenceIds,
      ...(shares !== undefined ? { shares } : {}),
    };
    const quality = qualityProfile(profileInput);
    if (!quality.ok) {
      unavailable.push({ offerId: offer.id, reason: quality.reason });
      continue;
    }
    if (relativePriceFrom === "prices") {
      const own = priceReason(offer.price);
      if (own !== null) {
        unavailable.push({ offerId: offer.id, reason: own });
        continue;
      }
      let sum = 0;
      let weight = 0;
      for (const id of referenceIds) {
        const other = input.offers.find((o) => o.id === id);
        if (other === undefined || priceReason(other.price) !== null) continue;
        const w = shares?.[id] ?? 1;
        sum += w * (other.price as number);
        weight += w;
      }
      if (weight <= 0) {
        unavailable.push({ offerId: offer.id, reason: "no-reference-prices" });
        continue;
      }
      const relativePrice = (100 * (offer.price as number)) / (sum / weight);
      placed.push({ offerId: offer.id, own: offer.own, quality: quality.score, satisfaction: 10000 / relativePrice, relativePrice, n: quality.n });
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

  const values = placed.map((p) => line.intercept + line.slope * p.quality - p.relativePrice);
  let fairZone: FairZone;
  if (bandOption === "quartiles") {
    // quantileType7 is null only for no values, and placed has at least one point
    fairZone = { kind: "quartiles", lower: quantileType7(values, 0.25) ?? 0, upper: quantileType7(values, 0.75) ?? 0 };
  } else {
    fairZone = { kind: "fixed", lower: -bandOption, upper: bandOption };
  }

  const points: ValueMapPoint[] = placed.map((p, index) => {
    const fairRelativePrice = line.intercept + line.slope * p.quality;
    const value = values[index] as number;
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
      zone: value > fairZone.upper ? "better" : value < fairZone.lower ? "worse" : "fair",
      frontier: !beaten,
    };
  });

  return {
    ok: true,
    line,
    band: bandOption === "quartiles" ? (fairZone.upper - fairZone.lower) / 2 : bandOption,
    fairZone,
    reference,
    relativePriceFrom,
    points,
    unavailable,
  };
}
