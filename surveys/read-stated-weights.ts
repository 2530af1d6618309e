import { StatedWeightsSchema, type StatedWeights } from "./study-definition";

/**
 * The stated weights a study stores (`studies.stated_weights_json`, adopted from the focus group),
 * or null when none are adopted. The one reader of that column: the design page, the published
 * questionnaire (which then asks no weights) and the report read it through here.
 *
 * A stored value that is not JSON of StatedWeightsSchema throws (an Error naming the column). The
 * column is only written from StatedWeightsSchema, so such a value is damage, not input; reading
 * it as "no weights" would let the report silently use other weights than the questionnaire was
 * built with (it would ask respondents for weights again), so every reader fails loudly instead.
 */
export function readStatedWeights(json: string | null): StatedWeights | null {
  if (json === null || json === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error("stated_weights_json requires JSON of the stated weights (qualityShare, weights)");
  }
  const parsed = StatedWeightsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`stated_weights_json requires qualityShare 0-100 and weights by attribute code: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}
