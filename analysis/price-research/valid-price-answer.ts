import type { PriceSensitivityAnswer } from "./types";

/** Van Westendorp's check: every price finite and >= 0, and too cheap <= cheap <= expensive <= too expensive. */
export function validPriceAnswer(answer: PriceSensitivityAnswer): boolean {
  const prices = [answer.tooCheap, answer.cheap, answer.expensive, answer.tooExpensive];
  return (
    prices.every((p) => Number.isFinite(p) && p >= 0) &&
    answer.tooCheap <= answer.cheap &&
    answer.cheap <= answer.expensive &&
    answer.expensive <= answer.tooExpensive
  );
}
