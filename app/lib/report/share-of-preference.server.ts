import {
  fitBetaToShares,
  fitLogitBeta,
  marketShareTarget,
  shareIntervals,
  shareOfPreference,
  type AttributeDef,
  type BetaFitSpec,
  type OfferDef,
  type RespondentOutcome,
  type Scenario,
  type ShareIntervalsResult,
} from "../../../analysis/index";
import { LruCache } from "../platform/lru-cache.server";
import { BOOTSTRAP_REPLICATES, BOOTSTRAP_UP_TO } from "./report-intervals";
import type { SharePrediction, ShareModel } from "./scenario-view";
export type { SharePrediction, ShareModel };

/**
 * Bootstrap replicates of the shares' intervals for n respondents: 1000 up to 1000 respondents,
 * then 10⁶ / n (at least 200), so that the work (replicates × respondents, each replicate
 * refitting β) stays about what 1000 respondents cost; the page says how many were used.
 */
export function shareReplicates(n: number): number {
  return n <= BOOTSTRAP_UP_TO ? BOOTSTRAP_REPLICATES : Math.max(200, Math.round((BOOTSTRAP_REPLICATES * BOOTSTRAP_UP_TO) / n));
}

export interface ShareMarket {
  offers: OfferDef[];
  attributes: AttributeDef[];
  /** the offers' current market shares (percent), null where not entered */
  marketShares: Record<string, number | null>;
}

const entered = (market: ShareMarket): Record<string, number> =>
  Object.fromEntries(Object.entries(market.marketShares).filter((e): e is [string, number] => e[1] !== null));

/** β of the share of preference for these respondents: maximum likelihood, else the share fit. */
export function fitShareModel(respondents: RespondentOutcome[], market: ShareMarket): ShareModel {
  const shares = entered(market);
  const target = marketShareTarget(market.offers, shares);
  const ml = fitLogitBeta(respondents, { offers: market.offers, attributes: market.attributes });
  if (ml.ok) {
    let predictions: SharePrediction[] | null = null;
    if (target.ok) {
      const predicted = shareOfPreference(respondents, { offers: market.offers, attributes: market.attributes, beta: ml.beta });
      if (predicted.ok) {
        predictions = predicted.shares.map((s, j) => ({ offer: s.offer, entered: target.target[j] as number, predicted: s.base }));
      }
    }
    return { ok: true, fit: ml, spec: { type: "choices" }, predictions };
  }
  const fitted = fitBetaToShares(respondents, shares, { offers: market.offers, attributes: market.attributes });
  if (fitted.ok) {
    return {
      ok: true,
      fit: fitted,
      spec: { type: "shares", marketShares: shares },
      predictions: fitted.fit.map((f) => ({ offer: f.offer, entered: f.entered, predicted: f.predicted })),
    };
  }
  return { ok: false, choices: ml.reason, shares: fitted.reason, missing: fitted.reason === "missing-share" ? fitted.offers : [] };
}

const cache = new LruCache<ShareIntervalsResult>(48);

/**
 * Base and scenario shares of preference with their percentile bootstrap intervals
 * (`shareReplicates` replicates, seed 1, refitting β each time the way `model` was fitted).
 * Cached under `key`
 * (which must name the study's data version and the respondent filter) and the scenario.
 */
export function sharesWithIntervals(
  respondents: RespondentOutcome[],
  market: ShareMarket,
  spec: BetaFitSpec,
  scenario: Scenario | undefined,
  key: string,
): ShareIntervalsResult {
  const full = JSON.stringify([key, spec, scenario?.changes ?? [], scenario?.respond ?? []]);
  const hit = cache.get(full);
  if (hit) return hit;
  const result = shareIntervals(respondents, {
    offers: market.offers,
    attributes: market.attributes,
    ...(scenario ? { scenario } : {}),
    fit: spec,
    replicates: shareReplicates(respondents.length),
    seed: 1,
  });
  cache.set(full, result);
  return result;
}
