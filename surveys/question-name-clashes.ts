import { buildFocusGroupQuestionnaire } from "./build-focus-group-questionnaire";
import { buildRatingQuestionnaire, type SurveyJson } from "./build-rating-questionnaire";
import type { StudyDefinition } from "./study-definition";

/** Question names (the answers' keys) and container names (pages, panels) of a questionnaire. */
function names(survey: SurveyJson): { questions: string[]; containers: string[] } {
  const questions: string[] = [];
  const containers: string[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Array<{ type?: unknown; name?: unknown; elements?: unknown; templateElements?: unknown }>) {
      if (typeof el.name === "string") (el.type === "panel" ? containers : questions).push(el.name);
      walk(el.elements);
      walk(el.templateElements);
    }
  };
  for (const page of survey.pages) {
    containers.push(page.name);
    walk(page.elements);
  }
  return { questions, containers };
}

/**
 * Names that two parts of a study's questionnaires would share (two questions, whose answers
 * would overwrite each other, or two pages or panels), so that publishing must wait. Codes may
 * contain "_", and names join codes with "_": offers `a` and `a_b` with attributes `b_c` and `c`
 * would both make `rating_a_b_c`; an attribute coded `quality_total` would make the focus
 * group's `points_quality_total` twice. Names are never split at "_"; this check keeps every
 * name unique instead. Each clashing name once, in order of appearance.
 */
export function questionNameClashes(study: StudyDefinition): string[] {
  const clashes: string[] = [];
  for (const survey of [buildRatingQuestionnaire(study), buildFocusGroupQuestionnaire(study)]) {
    const { questions, containers } = names(survey);
    for (const list of [questions, containers]) {
      const seen = new Set<string>();
      for (const name of list) {
        if (seen.has(name) && !clashes.includes(name)) clashes.push(name);
        seen.add(name);
      }
    }
  }
  return clashes;
}
