/** Customer value analysis (method.md), in reading order. */
export * from "./types";
export { aggregateWeights } from "./aggregate-weights";
export { meanScores } from "./mean-scores";
export { referenceScores } from "./reference-scores";
export { attributeProfile } from "./attribute-profile";
export { qualityProfile } from "./quality-profile";
export { priceProfile } from "./price-profile";
export { relativePriceFromPrices } from "./relative-price-from-prices";
export { customerValueScore } from "./customer-value-score";
export { fairValueLine } from "./fair-value-line";
export { valueMap } from "./value-map";
