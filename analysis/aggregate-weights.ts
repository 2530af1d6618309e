import type { AggregatedWeights, AttributeDef, AttributeKind, RespondentInput } from "./types";

const KINDS: AttributeKind[] = ["quality", "price"];

function usable(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Mean importance weights and mean quality share over respondents
 * (method.md "Aggregation" step 1, and "Terms" for the quality share q).
 *
 * Per respondent r and kind (quality, price): `w_{r,i} = 100 * p_{r,i} / sum_k p_{r,k}` over
 * that kind's attributes (a missing attribute counts 0 points; non-finite or negative points
 * count 0). Respondents whose points for the kind sum to 0 are left out of that kind.
 * Then `w_i = mean_r w_{r,i}` over the included respondents, so each kind sums to 100.
 *
 * Fallbacks (n for the kind is then 0): a kind that nobody weighted gets equal shares
 * `100 / k` over its k attributes (a single attribute therefore gets 100). A kind with no
 * attributes contributes no weights.
 *
 * `qualityShare` = mean of the given q values that are finite and within 0..100; null if none.
 */
export function aggregateWeights(
  respondents: RespondentInput[],
  attributes: AttributeDef[],
): AggregatedWeights {
  const weights: Record<string, number> = {};
  const n = { quality: 0, price: 0 };

  for (const kind of KINDS) {
    const set = attributes.filter((a) => a.kind === kind);
    if (set.length === 0) continue;
    const sums = new Map<string, number>(set.map((a) => [a.id, 0]));
    let included = 0;
    for (const respondent of respondents) {
      const points = set.map((a) => usable(respondent.weights[a.id]));
      const total = points.reduce((s, p) => s + p, 0);
      if (total <= 0) continue;
      included += 1;
      set.forEach((a, index) => {
        sums.set(a.id, (sums.get(a.id) ?? 0) + (100 * (points[index] ?? 0)) / total);
      });
    }
    n[kind] = included;
    for (const a of set) {
      weights[a.id] = included > 0 ? (sums.get(a.id) ?? 0) / included : 100 / set.length;
    }
  }

  const shares = respondents
    .map((r) => r.qualityShare)
    .filter((q): q is number => q !== undefined && Number.isFinite(q) && q >= 0 && q <= 100);
  const qualityShare = shares.length > 0 ? shares.reduce((s, q) => s + q, 0) / shares.length : null;

  return { weights, n, qualityShare, nQualityShare: shares.length };
}
