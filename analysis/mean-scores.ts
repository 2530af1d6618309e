import type { AttributeDef, MeanScores, OfferDef, RespondentInput } from "./types";

/**
 * Mean score of each offer on each attribute over the respondents who rated it
 * (method.md "Aggregation" step 2): `m_{j,i} = mean over r who rated j on i of s_{r,j,i}`.
 *
 * `means[j][i]` is null where nobody rated j on i; `n[j][i]` is the number of ratings;
 * `nOffer[j]` is the number of respondents who rated j on at least one of `attributes`
 * (the n_j to report). Non-finite ratings count as not rated.
 */
export function meanScores(
  respondents: RespondentInput[],
  offers: OfferDef[],
  attributes: AttributeDef[],
): MeanScores {
  const means: MeanScores["means"] = {};
  const n: MeanScores["n"] = {};
  const nOffer: MeanScores["nOffer"] = {};

  for (const offer of offers) {
    const offerMeans: Record<string, number | null> = {};
    const offerN: Record<string, number> = {};
    for (const attribute of attributes) {
      let sum = 0;
      let count = 0;
      for (const respondent of respondents) {
        const score = respondent.ratings[offer.id]?.[attribute.id];
        if (score === undefined || !Number.isFinite(score)) continue;
        sum += score;
        count += 1;
      }
      offerMeans[attribute.id] = count > 0 ? sum / count : null;
      offerN[attribute.id] = count;
    }
    means[offer.id] = offerMeans;
    n[offer.id] = offerN;
    nOffer[offer.id] = respondents.filter((respondent) => {
      const ratings = respondent.ratings[offer.id];
      return (
        ratings !== undefined &&
        attributes.some((a) => {
          const score = ratings[a.id];
          return score !== undefined && Number.isFinite(score);
        })
      );
    }).length;
  }

  return { means, n, nOffer };
}
