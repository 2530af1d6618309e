/** Strategy tools after the map (docs/method-scenarios.md), in reading order. */
export * from "./types";
export { fairPrice } from "./fair-price";
export { resolveScenario } from "./resolve-scenario";
export { ratingBounds } from "./rating-bounds";
export { applyScenario } from "./apply-scenario";
