import type { AttributeDef, PairedDiagnosticResult, RespondentInput } from "./types";

/**
 * The engine of the respondent-level diagnostics (`meanOfRatios`, `meanDifference`). Per
 * attribute i, over the respondents r who rated offer j and at least one reference offer on i:
 * `value_i = mean_r compare(s_{r,j,i}, s_{r,R,i})`, where `s_{r,R,i}` is the mean of r's ratings
 * of the reference offers r rated on i. `compare` returns null to leave a respondent out.
 * `n` counts the respondents used; value is null when n = 0. Non-finite ratings count as not
 * rated; ids in `referenceIds` equal to `offerId` are ignored.
 *
 * Unavailable: "no-reference" (no reference offer besides `offerId`), "no-attributes".
 */
export function pairedDiagnostic(
  respondents: RespondentInput[],
  offerId: string,
  referenceIds: string[],
  attributes: AttributeDef[],
  compare: (own: number, reference: number, attribute: AttributeDef) => number | null,
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
      const value = compare(own, rated.reduce((s, x) => s + x, 0) / rated.length, attribute);
      if (value === null) continue;
      sum += value;
      n += 1;
    }
    return { id: attribute.id, value: n > 0 ? sum / n : null, n };
  });
  return { ok: true, rows };
}
