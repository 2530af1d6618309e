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
    // Plain loops over typed arrays: this runs once per respondent for every report.
    const ids = set.map((a) => a.id);
    const sums = new Float64Array(ids.length);
    const points = new Float64Array(ids.length);
    let included = 0;
    for (const respondent of respondents) {
      let total = 0;
      for (let i = 0; i < ids.length; i += 1) {
        const p = usable(respondent.weights[ids[i] as string]);
        points[i] = p;
        total += p;
      }
      if (total <= 0) continue;
      included += 1;
      for (let i = 0; i < ids.length; i += 1) sums[i] = (sums[i] as number) + (100 * (points[i] as number)) / total;
    }
    n[kind] = included;
    ids.forEach((id, i) => {
      weights[id] = included > 0 ? (sums[i] as number) / included : 100 / set.length;
    });
  }

  const shares = respondents
    .map((r) => r.qualityShare)
    .filter((q): q is number => q !== undefined && Number.isFinite(q) && q >= 0 && q <= 100);
  const qualityShare = shares.length > 0 ? shares.reduce((s, q) => s + q, 0) / shares.length : null;

  return { weights, n, qualityShare, nQualityShare: shares.length };
}
