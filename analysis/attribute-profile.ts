import { referenceScores } from "./reference-scores";
import type { AttributeProfileInput, AttributeProfileResult, ProfileRow } from "./types";

/**
 * Profile of offer j against a reference set R over one set of attributes, the engine of
 * the quality and price profiles (method.md "The tools" (a) and (b)).
 *
 * Per attribute: `r_i = m_{j,i} / m_{R,i}` (`m_{R,i} / m_{j,i}` when `lowerIsBetter`),
 * contribution `w_i * r_i`. Score `sum_i w_i r_i`: 100 = parity. Absolute performance index
 * `A_j = sum_i w_i m_{j,i} / 100` on the rating scale (not inverted for lowerIsBetter).
 * `m_{R,i}` comes from `referenceScores` (unweighted, or share-weighted with `shares`).
 * Head-to-head (method.md (e)) is R = one competitor; its areas `w_i (r_i - 1)` sum to
 * `score - 100`.
 *
 * Weights are rescaled to sum 100 over `attributes` (a no-op for `aggregateWeights` output);
 * a missing weight counts 0. `n` is n_j = `scores.nOffer[offerId]`.
 *
 * Unavailable: "unknown-offer" (offer or a reference id not in `scores`), "no-reference"
 * (empty R), "no-attributes", "no-weights" (weights sum <= 0), "offer-not-rated" (offer lacks
 * a mean on an attribute), "no-reference-ratings" (no reference mean on an attribute),
 * "non-positive-score" (a ratio denominator <= 0).
 */
export function attributeProfile(input: AttributeProfileInput): AttributeProfileResult {
  const { attributes, weights, scores, offerId, referenceIds, shares } = input;
  const own = scores.means[offerId];
  const n = scores.nOffer[offerId];
  if (own === undefined || n === undefined) return { ok: false, reason: "unknown-offer" };
  if (referenceIds.length === 0) return { ok: false, reason: "no-reference" };
  if (referenceIds.some((id) => scores.means[id] === undefined)) {
    return { ok: false, reason: "unknown-offer" };
  }
  if (attributes.length === 0) return { ok: false, reason: "no-attributes" };

  const rawWeights = attributes.map((a) => {
    const w = weights[a.id];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
  });
  const weightSum = rawWeights.reduce((s, w) => s + w, 0);
  if (weightSum <= 0) return { ok: false, reason: "no-weights" };

  const reference = referenceScores(scores, referenceIds, attributes, shares);
  const rows: ProfileRow[] = [];
  let score = 0;
  let absolute = 0;
  for (const [index, attribute] of attributes.entries()) {
    const ownMean = own[attribute.id];
    if (ownMean === undefined || ownMean === null || !Number.isFinite(ownMean)) {
      return { ok: false, reason: "offer-not-rated" };
    }
    const refMean = reference[attribute.id];
    if (refMean === undefined || refMean === null) {
      return { ok: false, reason: "no-reference-ratings" };
    }
    const denominator = attribute.lowerIsBetter === true ? ownMean : refMean;
    if (denominator <= 0) return { ok: false, reason: "non-positive-score" };
    const ratio = attribute.lowerIsBetter === true ? refMean / ownMean : ownMean / refMean;
    const weight = (100 * (rawWeights[index] ?? 0)) / weightSum;
    const contribution = weight * ratio;
    rows.push({ id: attribute.id, weight, own: ownMean, reference: refMean, ratio, contribution });
    score += contribution;
    absolute += weight * ownMean;
  }

  return { ok: true, rows, score, absoluteIndex: absolute / 100, n };
}
