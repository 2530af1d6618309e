/**
 * A sort comparator for figures in descending order that counts two figures within rounding of
 * each other (1e-12, relative past 1) as tied, so the comparator's next key decides: the same
 * figures summed in another order (the report's respondent pass and its sufficient statistics)
 * then sort alike.
 */
export function compareDescending(a: number, b: number): number {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : b - a;
}
