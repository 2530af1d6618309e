import type { SurveyJson } from "./build-rating-questionnaire";
import { questionNames } from "./question-names";

type Choice = { value: unknown };

function sortChoices(choices: Choice[], rank: Map<string, number>): Choice[] {
  // Choices that are not offers (e.g. "none") keep their place after the offers.
  const isOffer = (c: Choice) => typeof c.value === "string" && rank.has(c.value);
  const offers = choices.filter(isOffer).sort((a, b) => rank.get(a.value as string)! - rank.get(b.value as string)!);
  return [...offers, ...choices.filter((c) => !isOffer(c))];
}

/**
 * Personalises a frozen questionnaire for one respondent: the offer pages and every list of
 * offers follow `order`. Works on the published JSON, so a frozen version stays frozen.
 */
export function applyOfferOrder(json: SurveyJson, order: readonly string[]): SurveyJson {
  const rank = new Map(order.map((code, i) => [code, i]));
  const pageRank = new Map(order.map((code, i) => [questionNames.offerPage(code), i]));
  const offerPages = json.pages.filter((p) => pageRank.has(p.name));
  const sortedPages = [...offerPages].sort((a, b) => pageRank.get(a.name)! - pageRank.get(b.name)!);
  let next = 0;
  const pages = json.pages.map((page) => {
    const placed = pageRank.has(page.name) ? sortedPages[next++]! : page;
    return {
      ...placed,
      elements: placed.elements.map((el) =>
        Array.isArray(el.choices) ? { ...el, choices: sortChoices(el.choices as Choice[], rank) } : el,
      ),
    };
  });
  return { ...json, pages };
}
