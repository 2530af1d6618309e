import { applyMaxDiffDesign, type MaxDiffDesign } from "../../../surveys/apply-maxdiff-design";
import { applyOfferOrder } from "../../../surveys/apply-offer-order";
import { applyScreenEarly } from "../../../surveys/apply-screen-early";
import type { SurveyJson } from "../../../surveys/build-rating-questionnaire";
import type { Stage } from "../../../surveys/stage";

/**
 * The respondent's questionnaire as `start` sends it, as the UTF-8 bytes of its JSON: a rating
 * questionnaire in the response's offer order with the quota's profile questions asked right
 * after the screening, and the respondent's own MaxDiff tasks. Published versions never change
 * and these are pure functions of (version, order, quota questions), so without MaxDiff tasks
 * (which are each respondent's own) the bytes are made once per combination and kept (the latest
 * PERSONAL_SURVEY_LIMIT): a start then neither copies, serialises nor encodes the questionnaire
 * (29 KB for the demo) again.
 */
export const PERSONAL_SURVEY_LIMIT = 200;
const texts = new Map<string, Buffer>();

export function personalSurveyBytes(
  questionnaire: { id: number; stage: Stage },
  survey: SurveyJson,
  order: readonly string[],
  quotaCodes: readonly string[],
  design: MaxDiffDesign | null,
): Buffer {
  const make = () => {
    const ordered = questionnaire.stage === "rating" ? applyScreenEarly(applyOfferOrder(survey, order), quotaCodes) : survey;
    return Buffer.from(JSON.stringify(design ? applyMaxDiffDesign(ordered, design) : ordered), "utf8");
  };
  if (design) return make();
  const key = `${questionnaire.id}\n${questionnaire.stage === "rating" ? `${order.join(",")}\n${quotaCodes.join(",")}` : ""}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = make();
    if (texts.size >= PERSONAL_SURVEY_LIMIT) texts.delete(texts.keys().next().value!);
    texts.set(key, text);
  }
  return text;
}
