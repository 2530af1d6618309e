import type { SurveyJson } from "./build-rating-questionnaire";

/** The answer names on one page (panels searched). */
function namesOn(elements: unknown, into: Set<string>): Set<string> {
  if (!Array.isArray(elements)) return into;
  for (const el of elements as Array<{ type?: unknown; name?: unknown; elements?: unknown }>) {
    if (el.type === "panel") namesOn(el.elements, into);
    else if (typeof el.name === "string") into.add(el.name);
  }
  return into;
}

/**
 * How many pages of the questionnaire the answers touch (a page counts when at least one of its
 * questions has an answer): the pages the respondent saw and answered, whatever the conditions
 * showed them (an offer page appears only for a known offer).
 */
export function answeredPageCount(survey: SurveyJson, answers: Record<string, unknown>): number {
  let pages = 0;
  for (const page of survey.pages) {
    const names = namesOn(page.elements, new Set());
    if ([...names].some((name) => Object.hasOwn(answers, name) && answers[name] !== undefined && answers[name] !== null)) pages += 1;
  }
  return pages;
}
