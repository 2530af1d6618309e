import { maxDiffDesign } from "../../../analysis/maxdiff/maxdiff-design";
import { getResponseDesign, saveResponseDesign } from "../../../db/queries/method-answers";
import type { Db } from "../../../db/client";
import type { MaxDiffDesign } from "../../../surveys/apply-maxdiff-design";
import { maxDiffPlan } from "../../../surveys/maxdiff-questions";
import { seedOf } from "../../../surveys/offer-order";
import type { Stage } from "../../../surveys/stage";
import type { StudyDefinition } from "../../../surveys/study-definition";

const methodStage = (stage: Stage) => (stage === "focus_group" ? ("focusGroup" as const) : ("rating" as const));

/**
 * A respondent's MaxDiff design for a stage (docs/method.md §7 (a), `maxDiffDesign`): per kind
 * the stage asks by MaxDiff, T tasks of k items, seeded by the response's client id and the
 * kind, so the same response always gets the same design. Empty when the stage asks none.
 */
export function respondentMaxDiffDesign(definition: StudyDefinition, stage: Stage, clientId: string): MaxDiffDesign {
  const design: MaxDiffDesign = {};
  for (const { kind, items, perTask, tasks } of maxDiffPlan(definition, methodStage(stage))) {
    const made = maxDiffDesign({ items, perTask, tasks, seed: seedOf(`${clientId}:${kind}`) });
    if (made.ok) design[kind] = made.tasks;
  }
  return design;
}

/**
 * The design a response answers: the one stored with it, else a new one (stored when the
 * response exists, `responseId`), so a design once shown never changes. Null when the stage
 * asks no MaxDiff.
 */
export async function responseMaxDiffDesign(
  db: Db,
  definition: StudyDefinition,
  stage: Stage,
  response: { id: number; clientId: string } | null,
  clientId: string,
): Promise<MaxDiffDesign | null> {
  if (maxDiffPlan(definition, methodStage(stage)).length === 0) return null;
  if (response) {
    const stored = await getResponseDesign(db, response.id);
    if (stored) return stored;
    return saveResponseDesign(db, response.id, respondentMaxDiffDesign(definition, stage, response.clientId));
  }
  return respondentMaxDiffDesign(definition, stage, clientId);
}
