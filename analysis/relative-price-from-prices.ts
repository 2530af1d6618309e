import type { OfferDef, RelativePriceResult } from "./types";

/**
 * Relative price from actual prices (method.md "The tools" (b)):
 * `RP = 100 * price_j / mean(price_k, k in R)`, R = `referenceIds` or every other offer.
 * Reference offers without a usable price (missing, non-finite or negative) are left out of
 * the mean.
 *
 * Unavailable: "unknown-offer", "no-reference" (empty R), "no-own-price",
 * "no-reference-prices" (no reference offer has a price), "zero-reference-price" (mean <= 0).
 */
export function relativePriceFromPrices(
  offers: Array<OfferDef & { price?: number }>,
  offerId: string,
  referenceIds?: string[],
): RelativePriceResult {
  const offer = offers.find((o) => o.id === offerId);
  if (offer === undefined) return { ok: false, reason: "unknown-offer" };
  const ids = referenceIds ?? offers.filter((o) => o.id !== offerId).map((o) => o.id);
  if (ids.length === 0) return { ok: false, reason: "no-reference" };
  const usable = (price: number | undefined): price is number =>
    price !== undefined && Number.isFinite(price) && price >= 0;
  if (!usable(offer.price)) return { ok: false, reason: "no-own-price" };
  const prices: number[] = [];
  for (const id of ids) {
    const reference = offers.find((o) => o.id === id);
    if (reference === undefined) return { ok: false, reason: "unknown-offer" };
    if (usable(reference.price)) prices.push(reference.price);
  }
  if (prices.length === 0) return { ok: false, reason: "no-reference-prices" };
  const mean = prices.reduce((s, p) => s + p, 0) / prices.length;
  if (mean <= 0) return { ok: false, reason: "zero-reference-price" };
  return { ok: true, relativePrice: (100 * offer.price) / mean };
}
