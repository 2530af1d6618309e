import type { Db } from "../../../db/client";
import { getQuestionnaire, type Questionnaire } from "../../../db/queries/questionnaires";
import type { SurveyJson } from "../../../surveys/build-rating-questionnaire";
import { StudyDefinitionSchema, type StudyDefinition } from "../../../surveys/study-definition";

/** A published questionnaire, parsed once: published versions never change. */
export interface Frozen {
  questionnaire: Questionnaire;
  definition: StudyDefinition;
  survey: SurveyJson;
}
const frozen = new Map<number, Frozen>();
const FROZEN_LIMIT = 500;

/** Questionnaire version `id`, parsed (kept for the next request; the oldest of 500 goes first), or null. */
export async function frozenQuestionnaire(db: Db, id: number): Promise<Frozen | null> {
  const cached = frozen.get(id);
  if (cached) return cached;
  const questionnaire = await getQuestionnaire(db, id);
  if (!questionnaire) return null;
  const entry = {
    questionnaire,
    definition: StudyDefinitionSchema.parse(JSON.parse(questionnaire.definitionJson)),
    survey: JSON.parse(questionnaire.surveyJson) as SurveyJson,
  };
  if (frozen.size >= FROZEN_LIMIT) frozen.delete(frozen.keys().next().value!);
  frozen.set(id, entry);
  return entry;
}
