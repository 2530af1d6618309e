import type { Study } from "../../../db/queries/studies";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { applyOfferOrder } from "../../../surveys/apply-offer-order";
import { buildFocusGroupQuestionnaire } from "../../../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire, type SurveyJson } from "../../../surveys/build-rating-questionnaire";
import { offerOrder } from "../../../surveys/offer-order";
import type { MessageKey } from "~/i18n";
import type { Db } from "../../../db/client";
import { publishingStatus } from "./publish.server";

export type PreviewStage = "rating" | "focus_group";

/**
 * A stage's questionnaire built from the study as it is now (published or not), for the
 * preview: the same builder and offer shuffling a respondent gets, and nothing stored. Null with
 * the issues when the stage cannot be built yet.
 */
export async function loadPreview(db: Db, study: Study, stage: PreviewStage, seed: string): Promise<{ survey: SurveyJson | null; issues: MessageKey[]; languages: string[] }> {
  const status = await publishingStatus(db, study);
  const issues = stage === "rating" ? status.rating.issues : status.focusGroup.issues;
  const definition = await getStudyDefinition(db, study);
  if (issues.length > 0) return { survey: null, issues, languages: definition.languages };
  const survey =
    stage === "rating"
      ? applyOfferOrder(buildRatingQuestionnaire(definition), offerOrder(definition.offers.map((o) => o.code), seed))
      : buildFocusGroupQuestionnaire(definition);
  return { survey, issues: [], languages: definition.languages };
}
