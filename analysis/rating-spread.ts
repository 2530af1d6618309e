import type { AttributeDef, OfferDef, RespondentInput } from "./types";

/**
 * Sample standard deviation of each offer's ratings on each attribute over the respondents
 * who rated it: `sd_{j,i} = sqrt(sum_r (s_{r,j,i} - m_{j,i})² / (n_{j,i} - 1))`, two passes;
 * null where fewer than 2 respondents rated j on i. With `meanScores`' n it gives the
 * standard error of a mean, `sd / sqrt(n)` (the difference method's default threshold).
 * Non-finite ratings count as not rated.
 */
export function ratingSpread(
  respondents: RespondentInput[],
  offers: OfferDef[],
  attributes: AttributeDef[],
): Record<string, Record<string, number | null>> {
  const result: Record<string, Record<string, number | null>> = {};
  for (const offer of offers) {
    const row: Record<string, number | null> = {};
    for (const attribute of attributes) {
      const values: number[] = [];
      for (const respondent of respondents) {
        const score = respondent.ratings[offer.id]?.[attribute.id];
        if (score !== undefined && Number.isFinite(score)) values.push(score);
      }
      if (values.length < 2) {
        row[attribute.id] = null;
        continue;
      }
      const mean = values.reduce((s, x) => s + x, 0) / values.length;
      row[attribute.id] = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
    }
    result[offer.id] = row;
  }
  return result;
}
