import type { RespondentOutcome } from "../types";
import { maximumLikelihoodBeta } from "./maximum-likelihood-beta";
import { respondentUtilities } from "./respondent-utilities";
import type { LogitFit, RespondentUtilitiesResult, ShareInput } from "./types";

/**
 * β of the share of preference by maximum likelihood on the respondents' last purchase
 * (`chose`) among the offers they know (docs/method.md §9): the base utilities of
 * `respondentUtilities`, fitted by `maximumLikelihoodBeta` (safeguarded Newton–Raphson on
 * [−bound, bound], default bound 50). Returns β, its standard error, ℓ, ℓ(0), McFadden's
 * pseudo-R², the hit rate, n and the warnings "small-n", "poor-fit", "at-bound".
 */
export function fitLogitBeta(
  respondents: RespondentOutcome[],
  options: Omit<ShareInput, "scenario"> & { bound?: number },
): LogitFit | Exclude<RespondentUtilitiesResult, { ok: true }> {
  const utilities = respondentUtilities(respondents, { offers: options.offers, attributes: options.attributes });
  if (!utilities.ok) return utilities;
  return maximumLikelihoodBeta(utilities.rows, options.bound !== undefined ? { bound: options.bound } : {});
}
