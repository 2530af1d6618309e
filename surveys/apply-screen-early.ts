import type { SurveyElement, SurveyJson, SurveyPage } from "./build-rating-questionnaire";
import { PROFILE_FIRST_PAGE, PROFILE_PAGE, questionNames } from "./question-names";
import { texts } from "./questionnaire-texts";

/**
 * Moves the profile questions of `codes` (those carrying a quota) from the last page to the page
 * right after the familiarity screen, so a full quota cell ends the questionnaire before the long
 * part. The questions keep their names, so answers read the same; a profile page left empty is
 * dropped. Works on the published JSON, like `applyOfferOrder`: a frozen version stays frozen.
 */
export function applyScreenEarly(json: SurveyJson, codes: readonly string[]): SurveyJson {
  const names = new Set(codes.map((c) => questionNames.profile(c)));
  const last = json.pages.find((p) => p.name === PROFILE_PAGE);
  const moving = (last?.elements ?? []).filter((el) => names.has(el.name));
  if (moving.length === 0) return json;
  const first = json.pages.find((p) => p.name === PROFILE_FIRST_PAGE);
  const early: SurveyPage = first
    ? { ...first, elements: [...first.elements, ...moving] }
    : { name: PROFILE_FIRST_PAGE, title: last?.title ?? texts.profilePageTitle, elements: moving };
  const pages: SurveyPage[] = [];
  for (const page of json.pages) {
    if (page.name === PROFILE_FIRST_PAGE) continue;
    if (page.name === PROFILE_PAGE) {
      const rest: SurveyElement[] = page.elements.filter((el) => !names.has(el.name));
      if (rest.length > 0) pages.push({ ...page, elements: rest });
      continue;
    }
    pages.push(page);
    if (page.name === "screening") pages.push(early);
  }
  return { ...json, pages };
}
