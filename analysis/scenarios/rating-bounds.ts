import type { AttributeDef } from "../types";

/**
 * Where a scenario may move a score (docs/method.md §9 (a)): ratings stay on
 * the 1..10 scale; objective data (`lowerIsBetter`, not a rating) only stays >= 0.
 */
export function ratingBounds(attribute: AttributeDef | undefined): [number, number] {
  return attribute?.lowerIsBetter === true ? [0, Infinity] : [1, 10];
}
