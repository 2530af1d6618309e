import type { RespondentOutcome } from "../types";
import { seededRandom } from "../seeded-random";
import { leastSquaresBeta } from "./least-squares-beta";
import { logitShares } from "./logit-shares";
import { marketShareTarget } from "./market-share-target";
import { maximumLikelihoodBeta } from "./maximum-likelihood-beta";
import { percentile } from "./percentile";
import { respondentUtilities } from "./respondent-utilities";
import type { BetaFitSpec, ShareInput, ShareInterval, ShareIntervalsResult, UtilityRow } from "./types";

/** β of one sample, or null when it cannot be fitted. */
type Fit = (rows: UtilityRow[]) => number | null;

/**
 * Percentile bootstrap intervals of the shares of preference, base and scenario, and of their
 * difference (docs/method.md §9 (e)). Each of `replicates`
 * (default 1000) replicates draws n respondents with replacement (`seededRandom(seed)`,
 * default seed 1), refits β on the replicate the way `fit` says (maximum likelihood on the
 * choices, or least squares to the entered market shares) and computes both shares with it.
 * A respondent's utilities (with the scenario's changes, the fallback weights and q) are
 * formed once on the whole sample. Interval: the (1 − level)/2 and (1 + level)/2 quantiles
 * (type 7) of the replicates (level default 0.95); the estimate is the full sample's.
 * Replicates where β cannot be fitted (e.g. nobody in it chose) are counted in `failed`.
 *
 * Unavailable: "invalid-option" (replicates not a whole number >= 2, level outside (0, 1),
 * bound not > 0), the reasons of `respondentUtilities`, of the full-sample fit, and
 * "too-few-replicates" when fewer than 90 % of the replicates could refit β.
 */
export function shareIntervals(
  respondents: RespondentOutcome[],
  options: ShareInput & { fit: BetaFitSpec; replicates?: number; seed?: number; level?: number; bound?: number },
): ShareIntervalsResult {
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const bound = options.bound ?? 50;
  if (!Number.isInteger(replicates) || replicates < 2 || !(level > 0 && level < 1) || !(bound > 0 && Number.isFinite(bound))) {
    return { ok: false, reason: "invalid-option" };
  }
  if (!Number.isFinite(seed)) return { ok: false, reason: "invalid-option" };

  let fit: Fit;
  if (options.fit.type === "shares") {
    const target = marketShareTarget(options.offers, options.fit.marketShares);
    if (!target.ok) return target;
    fit = (rows) => leastSquaresBeta(rows, target.target, bound).beta;
  } else {
    fit = (rows) => {
      const result = maximumLikelihoodBeta(rows, { bound });
      return result.ok ? result.beta : null;
    };
  }
  const utilities = respondentUtilities(respondents, options);
  if (!utilities.ok) return utilities;
  const { rows } = utilities;
  const count = utilities.offers.length;
  let beta: number;
  if (options.fit.type === "choices") {
    const full = maximumLikelihoodBeta(rows, { bound });
    if (!full.ok) return full;
    beta = full.beta;
  } else beta = fit(rows) as number;
  const estimate = {
    base: logitShares(rows, count, beta, "base"),
    scenario: logitShares(rows, count, beta, "scenario"),
  };

  const random = seededRandom(seed);
  const n = rows.length;
  const betas: number[] = [];
  const base: number[][] = Array.from({ length: count }, () => []);
  const scenario: number[][] = Array.from({ length: count }, () => []);
  const change: number[][] = Array.from({ length: count }, () => []);
  let failed = 0;
  const sample = new Array<UtilityRow>(n);
  for (let b = 0; b < replicates; b += 1) {
    for (let k = 0; k < n; k += 1) sample[k] = rows[Math.floor(random() * n)] as UtilityRow;
    const betaB = fit(sample);
    if (betaB === null) {
      failed += 1;
      continue;
    }
    betas.push(betaB);
    const sharesBase = logitShares(sample, count, betaB, "base");
    const sharesScenario = logitShares(sample, count, betaB, "scenario");
    for (let j = 0; j < count; j += 1) {
      (base[j] as number[]).push(sharesBase[j] as number);
      (scenario[j] as number[]).push(sharesScenario[j] as number);
      (change[j] as number[]).push((sharesScenario[j] as number) - (sharesBase[j] as number));
    }
  }
  if (betas.length < Math.max(2, Math.ceil(0.9 * replicates))) return { ok: false, reason: "too-few-replicates" };

  const interval = (values: number[], point: number): ShareInterval => {
    const sorted = [...values].sort((x, y) => x - y);
    return { estimate: point, lower: percentile(sorted, (1 - level) / 2), upper: percentile(sorted, (1 + level) / 2) };
  };
  return {
    ok: true,
    method: "percentile-bootstrap",
    replicates,
    failed,
    seed,
    level,
    n,
    beta: interval(betas, beta),
    offers: utilities.offers.map((offer, j) => {
      const b = estimate.base[j] as number;
      const s = estimate.scenario[j] as number;
      return {
        offer,
        base: interval(base[j] as number[], b),
        scenario: interval(scenario[j] as number[], s),
        change: interval(change[j] as number[], s - b),
      };
    }),
  };
}
