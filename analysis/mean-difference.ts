import type { AttributeDef, PairedDiagnosticResult, RespondentInput } from "./types";

/**
 * Mean difference, a respondent-level diagnostic (method.md "Aggregation", last line).
 *
 * Per attribute i, over the respondents r who rated offer j and at least one reference offer
 * on i: `value_i = mean_r (s_{r,j,i} - s_{r,R,i})` in rating points, where `s_{r,R,i}` is the
 * mean of r's ratings of the reference offers r rated on i (`s_{r,R,i} - s_{r,j,i}` when
 * `lowerIsBetter`, so that > 0 = offer j better). `n` counts those respondents; value is null
 * when n = 0. Non-finite ratings count as not rated; ids in `referenceIds` equal to `offerId`
 * are ignored.
 *
 * Unavailable: "no-reference" (no reference offer besides `offerId`), "no-attributes".
 */
export function meanDifference(
  respondents: RespondentInput[],
  offerId: string,
  referenceIds: string[],
  attributes: AttributeDef[],
): PairedDiagnosticResult {
  const references = referenceIds.filter((id) => id !== offerId);
  if (references.length === 0) return { ok: false, reason: "no-reference" };
  if (attributes.length === 0) return { ok: false, reason: "no-attributes" };
  const rows = attributes.map((attribute) => {
    let sum = 0;
    let n = 0;
    for (const respondent of respondents) {
      const own = respondent.ratings[offerId]?.[attribute.id];
      if (own === undefined || !Number.isFinite(own)) continue;
      const rated = references
        .map((id) => respondent.ratings[id]?.[attribute.id])
        .filter((s): s is number => s !== undefined && Number.isFinite(s));
      if (rated.length === 0) continue;
      const reference = rated.reduce((s, x) => s + x, 0) / rated.length;
      sum += attribute.lowerIsBetter === true ? reference - own : own - reference;
      n += 1;
    }
    return { id: attribute.id, value: n > 0 ? sum / n : null, n };
  });
  return { ok: true, rows };
}
