/**
 * The one place that makes question names. They are also the export variable names, so they
 * must stay stable: `rating_<offer>_<attribute>`, `worth_<offer>`, `overall_<offer>`.
 */
export const questionNames = {
  knownOffers: "known_offers",
  weights: (kind: "quality" | "price") => `weights_${kind}`,
  weightsTotal: (kind: "quality" | "price") => `weights_${kind}_total`,
  qualityShare: "quality_share",
  priceShare: "price_share",
  rating: (offer: string, attribute: string) => `rating_${offer}_${attribute}`,
  overall: (offer: string) => `overall_${offer}`,
  worth: (offer: string) => `worth_${offer}`,
  lastPurchase: "last_purchase",
  consideredOffers: "considered_offers",
  offerPage: (offer: string) => `offer_${offer}`,
} as const;

/** Value of the "none of these" choice in purchase questions. */
export const NONE_OFFER = "none";
