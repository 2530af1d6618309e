import type { SurveyJson } from "./build-rating-questionnaire";
import { OVERALL_PAGE, questionNames, WORTH_PAGE } from "./question-names";

type Choice = { value: unknown };

function sortChoices(choices: Choice[], rank: Map<string, number>): Choice[] {
  // Choices that are not offers (e.g. "none") keep their place after the offers.
  const isOffer = (c: Choice) => typeof c.value === "string" && rank.has(c.value);
  const offers = choices.filter(isOffer).sort((a, b) => rank.get(a.value as string)! - rank.get(b.value as string)!);
  return [...offers, ...choices.filter((c) => !isOffer(c))];
}

/** The offer a question of one offer is about: `rating_<offer>_<attribute>`, `overall_<offer>`, `worth_<offer>`. */
function offerOfQuestion(name: string): string | null {
  return /^(?:rating|overall|worth)_([a-z][a-z0-9]*)(?:_|$)/.exec(name)?.[1] ?? null;
}

/** Pages of the layout "one attribute, all offers": one question per offer, in the respondent's order. */
const isAcrossOffers = (name: string) => name.startsWith("attribute_") || name === OVERALL_PAGE || name === WORTH_PAGE;

function sortQuestions<T extends { name: string }>(elements: T[], rank: Map<string, number>): T[] {
  const at = (el: T) => rank.get(offerOfQuestion(el.name) ?? "") ?? rank.size;
  return [...elements].sort((a, b) => at(a) - at(b));
}

/**
 * Personalises a frozen questionnaire for one respondent: the offer pages, the questions of the
 * pages across offers and every list of offers follow `order`. Works on the published JSON, so a
 * frozen version stays frozen.
 */
export function applyOfferOrder(json: SurveyJson, order: readonly string[]): SurveyJson {
  const rank = new Map(order.map((code, i) => [code, i]));
  const pageRank = new Map(order.map((code, i) => [questionNames.offerPage(code), i]));
  const offerPages = json.pages.filter((p) => pageRank.has(p.name));
  const sortedPages = [...offerPages].sort((a, b) => pageRank.get(a.name)! - pageRank.get(b.name)!);
  let next = 0;
  const pages = json.pages.map((page) => {
    const placed = pageRank.has(page.name) ? sortedPages[next++]! : page;
    const elements = isAcrossOffers(placed.name) ? sortQuestions(placed.elements, rank) : placed.elements;
    return {
      ...placed,
      elements: elements.map((el) =>
        Array.isArray(el.choices) ? { ...el, choices: sortChoices(el.choices as Choice[], rank) } : el,
      ),
    };
  });
  return { ...json, pages };
}
