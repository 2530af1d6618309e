import { logitShares } from "./logit-shares";
import { respondentUtilities } from "./respondent-utilities";
import type { ShareInput, ShareOfPreferenceResult } from "./types";
import type { RespondentOutcome } from "../types";

/**
 * Share of preference, base and scenario (docs/method.md §9
 * (c)): the utilities of `respondentUtilities` (the scenario's changes on every
 * rating), then per offer j `share_j = 100 * mean over r of e^{β u_{r,j}} / Σ_{k in K_r}
 * e^{β u_{r,k}}` (`logitShares`), over the respondents who know at least one offer (n). The
 * shares sum to 100; `change` = scenario − base in share points. Without a scenario, both
 * columns are the base.
 *
 * Unavailable: "not-finite" (β), or the reasons of `respondentUtilities`.
 */
export function shareOfPreference(
  respondents: RespondentOutcome[],
  options: ShareInput & { beta: number },
): ShareOfPreferenceResult {
  if (!Number.isFinite(options.beta)) return { ok: false, reason: "not-finite" };
  const utilities = respondentUtilities(respondents, options);
  if (!utilities.ok) return utilities;
  const count = utilities.offers.length;
  const base = logitShares(utilities.rows, count, options.beta, "base");
  const scenario = logitShares(utilities.rows, count, options.beta, "scenario");
  return {
    ok: true,
    beta: options.beta,
    n: utilities.rows.length,
    scenario: options.scenario?.name ?? null,
    shares: utilities.offers.map((offer, j) => ({
      offer,
      base: base[j] as number,
      scenario: scenario[j] as number,
      change: (scenario[j] as number) - (base[j] as number),
    })),
    changes: utilities.changes,
    excludedAttributes: utilities.excludedAttributes,
    skipped: utilities.skipped,
  };
}
