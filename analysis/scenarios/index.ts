/** Strategy tools after the map (docs/method-scenarios.md), in reading order. */
export * from "./types";
export { fairPrice } from "./fair-price";
export { resolveScenario } from "./resolve-scenario";
export { ratingBounds } from "./rating-bounds";
export { applyScenario } from "./apply-scenario";
export { respondentUtilities } from "./respondent-utilities";
export { logitShares } from "./logit-shares";
export { shareOfPreference } from "./share-of-preference";
export { FIT_THRESHOLDS } from "./fit-thresholds";
export { maximumLikelihoodBeta } from "./maximum-likelihood-beta";
export { fitLogitBeta } from "./fit-logit-beta";
export { marketShareTarget } from "./market-share-target";
export { leastSquaresBeta } from "./least-squares-beta";
export { fitBetaToShares } from "./fit-beta-to-shares";
export { percentile } from "./percentile";
export { shareIntervals } from "./share-intervals";
export { studentTQuantile } from "./student-t-quantile";
export { valueLeadsShare } from "./value-leads-share";
