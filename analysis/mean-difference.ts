import { pairedDiagnostic } from "./paired-diagnostic";
import type { AttributeDef, PairedDiagnosticResult, RespondentInput } from "./types";

/**
 * Mean difference, a respondent-level diagnostic (method.md "Aggregation", last line).
 *
 * Per attribute i, over the respondents r who rated offer j and at least one reference offer
 * on i: `value_i = mean_r (s_{r,j,i} - s_{r,R,i})` in rating points, where `s_{r,R,i}` is the
 * mean of r's ratings of the reference offers r rated on i (`s_{r,R,i} - s_{r,j,i}` when
 * `lowerIsBetter`, so that > 0 = offer j better). See `pairedDiagnostic`.
 *
 * Unavailable: "no-reference" (no reference offer besides `offerId`), "no-attributes".
 */
export function meanDifference(
  respondents: RespondentInput[],
  offerId: string,
  referenceIds: string[],
  attributes: AttributeDef[],
): PairedDiagnosticResult {
  return pairedDiagnostic(respondents, offerId, referenceIds, attributes, (own, reference, attribute) =>
    attribute.lowerIsBetter === true ? reference - own : own - reference,
  );
}
