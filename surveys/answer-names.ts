import type { SurveyJson } from "./build-rating-questionnaire";

/** Element types that hold no answer of the respondent (computed or static). */
const NO_ANSWER = new Set(["expression", "html", "image"]);

/** The names a respondent can answer in a questionnaire (panels searched, computed values left out). */
export function answerNames(survey: SurveyJson): Set<string> {
  const names = new Set<string>();
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Array<{ type?: unknown; name?: unknown; elements?: unknown; templateElements?: unknown }>) {
      if (el.type === "panel") walk(el.elements);
      else if (typeof el.name === "string" && !NO_ANSWER.has(String(el.type))) names.add(el.name);
    }
  };
  for (const page of survey.pages) walk(page.elements);
  return names;
}

/** Answer keys that are no question of this questionnaire (a forged or stale answer), in order. */
export function unknownAnswerNames(survey: SurveyJson, answers: Record<string, unknown>): string[] {
  const names = answerNames(survey);
  return Object.keys(answers).filter((k) => !names.has(k));
}
