import type { RespondentOutcome } from "../types";
import { FIT_THRESHOLDS } from "./fit-thresholds";
import { leastSquaresBeta } from "./least-squares-beta";
import { logitShares } from "./logit-shares";
import { marketShareTarget } from "./market-share-target";
import { respondentUtilities } from "./respondent-utilities";
import type { RespondentUtilitiesResult, ShareFit, ShareInput } from "./types";

/**
 * β of the share of preference from entered market shares, when the study has no purchases
 * (docs/method.md §9): β in [0, bound] (default 50) minimising
 * `Σ_j (predicted share_j(β) − entered share_j)²` (`leastSquaresBeta`: grid, then
 * golden-section search). The entered shares need every offer (`marketShareTarget`: any
 * scale, normalised to 100 over the offers). Reports the fit per offer (entered, predicted,
 * error), the sum of squares, RMSE, the largest error and the warnings "small-n", "at-bound",
 * "poor-fit" (an offer more than 5 share points off).
 */
export function fitBetaToShares(
  respondents: RespondentOutcome[],
  marketShares: Record<string, number>,
  options: Omit<ShareInput, "scenario"> & { bound?: number },
): ShareFit | Exclude<RespondentUtilitiesResult, { ok: true }> {
  const bound = options.bound ?? 50;
  if (!Number.isFinite(bound) || bound <= 0) return { ok: false, reason: "invalid-option" };
  const target = marketShareTarget(options.offers, marketShares);
  if (!target.ok) return target;
  const utilities = respondentUtilities(respondents, { offers: options.offers, attributes: options.attributes });
  if (!utilities.ok) return utilities;
  const { beta, sumOfSquares, warnings } = leastSquaresBeta(utilities.rows, target.target, bound);
  const predicted = logitShares(utilities.rows, target.target.length, beta, "base");
  const fit = utilities.offers.map((offer, j) => ({
    offer,
    entered: target.target[j] as number,
    predicted: predicted[j] as number,
    error: (predicted[j] as number) - (target.target[j] as number),
  }));
  const maxAbsError = Math.max(...fit.map((f) => Math.abs(f.error)));
  if (maxAbsError > FIT_THRESHOLDS.shareError) warnings.push("poor-fit");
  return {
    ok: true,
    method: "share-fit",
    beta,
    sumOfSquares,
    rmse: Math.sqrt(sumOfSquares / fit.length),
    maxAbsError,
    fit,
    n: utilities.rows.length,
    warnings,
  };
}
