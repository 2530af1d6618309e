import { attributeProfile } from "./attribute-profile";
import type { HeadToHeadInput, HeadToHeadResult, HeadToHeadRow } from "./types";

/**
 * Head-to-head area chart of an offer against one competitor (method.md "The tools" (e)),
 * for the quality or the price attributes (`kind`).
 *
 * Per attribute: thickness `w_i`, ratio `r_i = m_own / m_comp` (inverted when lowerIsBetter),
 * length `r_i - 1` (`advantage`) or `m_own - m_comp` in points (`pointsDifference`, sign
 * turned for lowerIsBetter so that > 0 = own better), area `w_i (r_i - 1)`.
 * Check: `sum_i w_i (r_i - 1) = Q - 100` (S - 100 for price), Q being the profile score
 * against the competitor alone; holds when equal to 1e-9 relative to max(1, |Q|).
 * For price attributes (satisfaction ratings) a positive area means own feels cheaper.
 *
 * Unavailable: "same-offer", or the reasons of `attributeProfile` ("no-attributes" when the
 * kind has no attributes).
 */
export function headToHead(input: HeadToHeadInput): HeadToHeadResult {
  const { attributes, weights, scores, offerId, competitorId, kind } = input;
  if (offerId === competitorId) return { ok: false, reason: "same-offer" };
  const set = attributes.filter((a) => a.kind === kind);
  const profile = attributeProfile({
    attributes: set,
    weights,
    scores,
    offerId,
    referenceIds: [competitorId],
  });
  if (!profile.ok) return profile;
  const rows: HeadToHeadRow[] = profile.rows.map((row, index) => {
    const lower = set[index]?.lowerIsBetter === true;
    return {
      id: row.id,
      weight: row.weight,
      own: row.own,
      competitor: row.reference,
      ratio: row.ratio,
      advantage: row.ratio - 1,
      pointsDifference: lower ? row.reference - row.own : row.own - row.reference,
      area: row.weight * (row.ratio - 1),
    };
  });
  const sumOfAreas = rows.reduce((s, r) => s + r.area, 0);
  const expected = profile.score - 100;
  const holds = Math.abs(sumOfAreas - expected) <= 1e-9 * Math.max(1, Math.abs(profile.score));
  return { ok: true, kind, rows, score: profile.score, sumOfAreas, check: { expected, holds } };
}
