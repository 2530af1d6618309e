import { pairedDiagnostic } from "./paired-diagnostic";
import type { AttributeDef, PairedDiagnosticResult, RespondentInput } from "./types";

/**
 * Mean of ratios, a respondent-level diagnostic (method.md "Aggregation", last line; the
 * default remains the ratio of means of `attributeProfile`).
 *
 * Per attribute i, over the respondents r who rated offer j and at least one reference offer
 * on i: `value_i = mean_r s_{r,j,i} / s_{r,R,i}`, where `s_{r,R,i}` is the mean of r's
 * ratings of the reference offers r rated on i (`s_{r,R,i} / s_{r,j,i}` when
 * `lowerIsBetter`). `n` counts those respondents; value is null when n = 0. A respondent
 * whose denominator is <= 0 is left out (ratings are 1..10). See `pairedDiagnostic`.
 *
 * Unavailable: "no-reference" (no reference offer besides `offerId`), "no-attributes".
 */
export function meanOfRatios(
  respondents: RespondentInput[],
  offerId: string,
  referenceIds: string[],
  attributes: AttributeDef[],
): PairedDiagnosticResult {
  return pairedDiagnostic(respondents, offerId, referenceIds, attributes, (own, reference, attribute) => {
    const lower = attribute.lowerIsBetter === true;
    if ((lower ? own : reference) <= 0) return null;
    return lower ? reference / own : own / reference;
  });
}
