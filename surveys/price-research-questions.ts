import type { SurveyElement, SurveyPage } from "./build-rating-questionnaire";
import { fill, localized, type Localized } from "./localized";
import { BUY_NO, BUY_YES, PRICE_LADDER_PAGE, PRICE_LIKELIHOOD_PAGE, PRICE_PAGE, questionNames as q } from "./question-names";
import { texts } from "./questionnaire-texts";
import type { StudyDefinition } from "./study-definition";
import type { PriceResearchDefinition } from "./study-methods";

const plain = (text: string): Localized => ({ default: text, "zh-cn": text });

/** A price as shown: "EUR 12.5" (the currency first when there is one). */
function shownPrice(price: PriceResearchDefinition, value: string): Localized {
  return plain(price.currency === "" ? value : `${price.currency} ${value}`);
}

/** A number question for one of Van Westendorp's prices, within the study's range, with its ordering check. */
function priceQuestion(
  price: PriceResearchDefinition,
  name: string,
  title: Localized,
  offer: Localized,
  order?: { after: string; text: Localized },
): SurveyElement {
  return {
    type: "text",
    name,
    title: fill(title, { offer }),
    description: fill(texts.priceRange, { min: shownPrice(price, String(price.min)), max: shownPrice(price, String(price.max)) }),
    // A number input steps "any" by default: decimal prices are fine.
    inputType: "number",
    min: price.min,
    max: price.max,
    isRequired: true,
    ...(order ? { validators: [{ type: "expression", expression: `{${name}} >= {${order.after}}`, text: order.text }] } : {}),
  };
}

/**
 * The index (0-based) the Gabor–Granger ladder starts from: the middle, floor((n − 1) / 2)
 * (docs/method.md §8 (c); `gaborGrangerNextPrice`).
 */
export function ladderStart(length: number): number {
  return Math.floor((length - 1) / 2);
}

/**
 * When the n-th (0-based) ladder price is asked: the start always; above it, once every price
 * from the start up to the one below was answered "yes"; below it, once every price from the
 * start down to the one above was answered "no" (up after yes, down after no, until a yes sits
 * next to a no or the ladder ends).
 */
function ladderCondition(index: number, start: number): string | undefined {
  if (index === start) return undefined;
  const path = index > start ? Array.from({ length: index - start }, (_, k) => start + k) : Array.from({ length: start - index }, (_, k) => start - k);
  const answer = index > start ? BUY_YES : BUY_NO;
  return path.map((i) => `{${q.priceLadder(i + 1)}} = '${answer}'`).join(" and ");
}

/**
 * The price research block of the rating stage (docs/method.md §8), about the own offer: a page
 * of Van Westendorp's four prices (numbers within the study's range, each at least the one
 * before: too cheap ≤ cheap ≤ expensive ≤ too expensive), a page of the Newton–Miller–Smith
 * purchase likelihoods (1–5) at the respondent's own cheap and expensive prices, and a page with
 * the Gabor–Granger ladder asked adaptively: each price appears once the previous answer calls
 * for it (`ladderCondition`). No block without `methods.priceResearch`.
 */
export function priceResearchPages(study: StudyDefinition): SurveyPage[] {
  const price = study.methods?.priceResearch;
  const own = study.offers.find((o) => o.own);
  if (!price || !own) return [];
  const offer = localized(own.name, own.nameZh);
  const currency: Localized =
    price.currency === "" ? plain("") : { default: ` in ${price.currency}`, "zh-cn": `，单位：${price.currency}` };
  const pages: SurveyPage[] = [
    {
      name: PRICE_PAGE,
      title: fill(texts.pricePageTitle, { offer }),
      description: fill(texts.pricePageDescription, { currency }),
      elements: [
        priceQuestion(price, q.priceTooCheap, texts.priceTooCheapTitle, offer),
        priceQuestion(price, q.priceCheap, texts.priceCheapTitle, offer, { after: q.priceTooCheap, text: texts.priceOrderCheap }),
        priceQuestion(price, q.priceExpensive, texts.priceExpensiveTitle, offer, { after: q.priceCheap, text: texts.priceOrderExpensive }),
        priceQuestion(price, q.priceTooExpensive, texts.priceTooExpensiveTitle, offer, { after: q.priceExpensive, text: texts.priceOrderTooExpensive }),
      ],
    },
  ];
  const likelihoodChoices = [texts.likelihood1, texts.likelihood2, texts.likelihood3, texts.likelihood4, texts.likelihood5].map((text, i) => ({
    value: i + 1,
    text,
  }));
  if (price.likelihoods) {
    const likely = (name: string, answer: string): SurveyElement => ({
      type: "radiogroup",
      name,
      // SurveyJS fills {price_cheap} with the respondent's own answer.
      title: fill(texts.priceLikelyTitle, { offer, price: shownPrice(price, `{${answer}}`) }),
      isRequired: true,
      choices: likelihoodChoices,
    });
    pages.push({
      name: PRICE_LIKELIHOOD_PAGE,
      title: fill(texts.priceLikelihoodPageTitle, { offer }),
      elements: [likely(q.priceLikelyCheap, q.priceCheap), likely(q.priceLikelyExpensive, q.priceExpensive)],
    });
  }
  if (price.ladder.length > 0) {
    const start = ladderStart(price.ladder.length);
    // The start first, then the prices above it, then those below: whichever appears next
    // appears under the answer that called for it (only one direction is ever shown).
    const order = [start, ...price.ladder.map((_, i) => i).filter((i) => i > start), ...price.ladder.map((_, i) => i).filter((i) => i < start).reverse()];
    pages.push({
      name: PRICE_LADDER_PAGE,
      title: fill(texts.priceLadderPageTitle, { offer }),
      description: texts.priceLadderDescription,
      elements: order.map((i): SurveyElement => {
        const value = price.ladder[i]!;
        const visibleIf = ladderCondition(i, start);
        return {
          type: "radiogroup",
          name: q.priceLadder(i + 1),
          title: fill(texts.priceLadderTitle, { offer, price: shownPrice(price, String(value)) }),
          isRequired: true,
          choices: [
            { value: BUY_YES, text: texts.buyYes },
            { value: BUY_NO, text: texts.buyNo },
          ],
          ...(visibleIf ? { visibleIf } : {}),
        };
      }),
    });
  }
  return pages;
}
