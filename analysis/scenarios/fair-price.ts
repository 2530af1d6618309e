import type { ValueMapResult } from "../types";
import type { FairPricePrices, FairPriceResult, PricedOffer } from "./types";

/**
 * Fair price of an offer (docs/method.md §5 (d)): its
 * relative price on the map's fair-value line at its quality, `RP* = intercept + slope * Q`,
 * the vertical value `v = RP* - RP`, and, when the offers have actual prices,
 * `fair price = RP* / 100 * mean reference price` and `gap = actual - fair` (> 0 = priced
 * above fair), `gapPercent = 100 * gap / fair`.
 *
 * The mean reference price is the unweighted mean price of `referenceIds` (default every
 * other offer, the map's "rest of the market"; pass every offer for a whole-market map), over
 * the reference offers with a usable price (finite, >= 0), as `relativePriceFromPrices` does.
 * The offer defaults to the one with `own: true`.
 *
 * Unavailable: "base-map-unavailable" (the map's reason as `cause`), "unknown-offer",
 * "offer-not-on-map"; the price part alone: "no-own-price", "no-reference-prices",
 * "zero-reference-price" (mean reference price 0), "non-positive-fair-price" (the line gives
 * RP* <= 0 at this quality: no price is fair).
 */
export function fairPrice(
  map: ValueMapResult,
  offers: PricedOffer[],
  options: { offerId?: string; referenceIds?: string[] } = {},
): FairPriceResult {
  if (!map.ok) return { ok: false, reason: "base-map-unavailable", cause: map.reason };
  const offerId = options.offerId ?? offers.find((o) => o.own)?.id;
  const offer = offers.find((o) => o.id === offerId);
  if (offer === undefined) return { ok: false, reason: "unknown-offer" };
  const point = map.points.find((p) => p.offerId === offer.id);
  if (point === undefined) return { ok: false, reason: "offer-not-on-map" };
  const referenceIds = options.referenceIds ?? offers.filter((o) => o.id !== offer.id).map((o) => o.id);
  if (referenceIds.some((id) => !offers.some((o) => o.id === id))) return { ok: false, reason: "unknown-offer" };

  const { slope, intercept, type } = map.line;
  const fairRelativePrice = intercept + slope * point.quality;
  const usable = (price: number | undefined): price is number =>
    price !== undefined && Number.isFinite(price) && price >= 0;
  const priced = offers.filter((o) => referenceIds.includes(o.id) && usable(o.price));
  let prices: FairPricePrices;
  if (!usable(offer.price)) prices = { ok: false, reason: "no-own-price" };
  else if (priced.length === 0) prices = { ok: false, reason: "no-reference-prices" };
  else {
    const referencePrice = priced.reduce((s, o) => s + (o.price as number), 0) / priced.length;
    if (referencePrice <= 0) prices = { ok: false, reason: "zero-reference-price" };
    else if (fairRelativePrice <= 0) prices = { ok: false, reason: "non-positive-fair-price" };
    else {
      const fair = (fairRelativePrice / 100) * referencePrice;
      const gap = offer.price - fair;
      prices = {
        ok: true,
        actual: offer.price,
        referencePrice,
        referenceIds: priced.map((o) => o.id),
        fair,
        gap,
        gapPercent: (100 * gap) / fair,
      };
    }
  }

  return {
    ok: true,
    offer: offer.id,
    quality: point.quality,
    relativePrice: point.relativePrice,
    fairRelativePrice,
    verticalValue: fairRelativePrice - point.relativePrice,
    line: { type, slope, intercept },
    prices,
  };
}
