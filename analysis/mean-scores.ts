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
  // One pass over the respondents (each respondent's record is read once, which keeps the cost
  // linear in n for large studies); each cell still sums its ratings in respondent order.
  const O = offers.length;
  const A = attributes.length;
  const sums = new Float64Array(O * A);
  const counts = new Float64Array(O * A);
  const knows = new Float64Array(O);
  for (const respondent of respondents) {
    for (let o = 0; o < O; o += 1) {
      const ratings = respondent.ratings[(offers[o] as OfferDef).id];
      if (ratings === undefined) continue;
      let rated = false;
      for (let a = 0; a < A; a += 1) {
        const score = ratings[(attributes[a] as AttributeDef).id];
        if (score === undefined || !Number.isFinite(score)) continue;
        sums[o * A + a] = (sums[o * A + a] as number) + score;
        counts[o * A + a] = (counts[o * A + a] as number) + 1;
        rated = true;
      }
      if (rated) knows[o] = (knows[o] as number) + 1;
    }
  }

  const means: MeanScores["means"] = {};
  const n: MeanScores["n"] = {};
  const nOffer: MeanScores["nOffer"] = {};
  offers.forEach((offer, o) => {
    const offerMeans: Record<string, number | null> = {};
    const offerN: Record<string, number> = {};
    attributes.forEach((attribute, a) => {
      const count = counts[o * A + a] as number;
      offerMeans[attribute.id] = count > 0 ? (sums[o * A + a] as number) / count : null;
      offerN[attribute.id] = count;
    });
    means[offer.id] = offerMeans;
    n[offer.id] = offerN;
    nOffer[offer.id] = knows[o] as number;
  });

  return { means, n, nOffer };
}
