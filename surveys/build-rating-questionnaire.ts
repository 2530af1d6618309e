import { fill, localized, type Localized } from "./localized";
import { DONT_KNOW, NONE_OFFER, ONLY_BOUGHT, OVERALL_PAGE, PROFILE_FIRST_PAGE, PROFILE_PAGE, questionNames as q, WORTH_PAGE } from "./question-names";
import { texts } from "./questionnaire-texts";
import { maxDiffItems } from "./study-methods";
import { maxDiffPages } from "./maxdiff-questions";
import { priceResearchPages } from "./price-research-questions";
import type { AttributeDefinition, OfferDefinition, ProfileQuestionDefinition, StudyDefinition } from "./study-definition";

/** SurveyJS JSON as plain data (survey-core reads it with `new Model(json)`). */
export type SurveyElement = { type: string; name: string; [key: string]: unknown };
export interface SurveyPage {
  name: string;
  elements: SurveyElement[];
  [key: string]: unknown;
}
export interface SurveyJson {
  pages: SurveyPage[];
  [key: string]: unknown;
}

const offerName = (o: OfferDefinition) => localized(o.name, o.nameZh);
const attributeTitle = (a: AttributeDefinition) => localized(a.name, a.nameZh);

/** SurveyJS condition true when the respondent does not know the own offer and one competitor. */
export function screenOutExpression(study: StudyDefinition): string {
  const own = study.offers.find((o) => o.own);
  const competitors = study.offers.filter((o) => !o.own);
  const knowsNoCompetitor = competitors.map((o) => `{${q.knownOffers}} notcontains '${o.code}'`).join(" and ");
  return `({${q.knownOffers}} empty) or {${q.knownOffers}} notcontains '${own?.code ?? ""}' or (${knowsNoCompetitor})`;
}

/** Scores 1-10, then "don't know" (stored as no rating). */
const RATE_VALUES = [
  ...Array.from({ length: 10 }, (_, i) => ({ value: i + 1, text: String(i + 1) })),
  { value: DONT_KNOW, text: texts.dontKnow },
];

type Anchors = readonly [Localized, Localized];
const QUALITY_ANCHORS: Anchors = [texts.minRate, texts.maxRate];
/** Price attributes ask satisfaction with what the offer costs (10 = very satisfied). */
const PRICE_ANCHORS: Anchors = [texts.minSatisfied, texts.maxSatisfied];
const WORTH_ANCHORS: Anchors = [texts.minWorth, texts.maxWorth];
const anchorsOf = (a: AttributeDefinition): Anchors => (a.kind === "price" ? PRICE_ANCHORS : QUALITY_ANCHORS);

function rating(name: string, title: Localized, description: Localized | undefined, ends: Anchors) {
  return {
    type: "rating",
    name,
    title,
    ...(description && description.default !== "" ? { description } : {}),
    isRequired: true,
    rateValues: RATE_VALUES,
    // Both anchors above the buttons, each naming its score ("1 = Very poor", "10 = Excellent"):
    // none sits beside "Don't know". The respondent page lays the buttons out (app/styles/respondent.css).
    minRateDescription: ends[0],
    maxRateDescription: ends[1],
    // Buttons wrap onto a second line on narrow phones instead of overflowing (test/e2e).
    displayMode: "buttons",
    rateDescriptionLocation: "top",
  };
}

/** Constant-sum question (multipletext + sum validator) and its live total, or none for a single attribute. */
function constantSum(kind: "quality" | "price", attrs: AttributeDefinition[]): SurveyElement[] {
  if (attrs.length < 2) return [];
  const refs = attrs.map((a) => `{${q.weights(kind)}.${a.code}}`).join(", ");
  return [
    {
      type: "multipletext",
      name: q.weights(kind),
      title: kind === "quality" ? texts.qualityWeightsTitle : texts.priceWeightsTitle,
      isRequired: true,
      colCount: 1,
      items: attrs.map((a) => ({
        name: a.code,
        title: attributeTitle(a),
        inputType: "number",
        isRequired: true,
        // multipletext items have no min/max properties: a numeric validator bounds them.
        validators: [{ type: "numeric", minValue: 0, maxValue: 100, text: texts.pointsRange }],
      })),
      validators: [{ type: "expression", expression: `sum(${refs}) = 100`, text: texts.weightsSum }],
    },
    {
      type: "expression",
      name: q.weightsTotal(kind),
      title: texts.weightsTotal,
      expression: `sum(${refs})`,
      displayStyle: "decimal",
    },
  ];
}

function offerPage(study: StudyDefinition, offer: OfferDefinition): SurveyPage {
  const name = { offer: offerName(offer) };
  const quality = study.attributes.filter((a) => a.kind === "quality");
  const price = study.attributes.filter((a) => a.kind === "price");
  const describe = (a: AttributeDefinition) => localized(a.description, a.descriptionZh);
  return {
    name: q.offerPage(offer.code),
    title: fill(texts.offerPageTitle, name),
    description: fill(texts.offerPageDescription, name),
    visibleIf: `{${q.knownOffers}} contains '${offer.code}'`,
    elements: [
      ...quality.map((a) => rating(q.rating(offer.code, a.code), attributeTitle(a), describe(a), QUALITY_ANCHORS)),
      rating(q.overall(offer.code), fill(texts.overallTitle, name), undefined, QUALITY_ANCHORS),
      {
        type: "panel",
        name: `${q.offerPage(offer.code)}_price`,
        title: fill(texts.pricePanelTitle, name),
        elements: price.map((a) => rating(q.rating(offer.code, a.code), attributeTitle(a), describe(a), PRICE_ANCHORS)),
      },
      rating(q.worth(offer.code), fill(texts.worthTitle, name), undefined, WORTH_ANCHORS),
    ],
  };
}

const knows = (o: OfferDefinition) => `{${q.knownOffers}} contains '${o.code}'`;

/**
 * A researcher's description as a sentence before the page's instruction: ended with "。" when it
 * ends in Chinese, with "." otherwise, unless it already ends a sentence ("Rarely needs repair"
 * then "Rate each offer..." would run on).
 */
function sentence(text: string): string {
  const t = text.trim();
  if (/[.!?。！？…:：;；)）"”]$/.test(t)) return t;
  return /[\u3400-\u9fff]$/.test(t) ? `${t}。` : `${t}.`;
}

/**
 * Layout "one attribute, all offers": a page per attribute (its description on top) holding one
 * rating per offer, shown when the respondent knows the offer; then the overall quality and the
 * worth of every offer. `applyOfferOrder` puts the questions of these pages in the respondent's
 * offer order.
 */
function attributePages(study: StudyDefinition): SurveyPage[] {
  const perOffer = (name: (o: OfferDefinition) => string, title: (o: OfferDefinition) => Localized, ends: Anchors) =>
    study.offers.map((o) => ({ ...rating(name(o), title(o), undefined, ends), visibleIf: knows(o) }));
  const describe = (a: AttributeDefinition) => {
    const own = localized(a.description, a.descriptionZh);
    const how = a.kind === "price" ? texts.priceAttributePageDescription : texts.attributePageDescription;
    if (own.default === "") return how;
    const zh = sentence(own["zh-cn"]);
    // No space after a Chinese full stop; one after a description left in English.
    return { default: `${sentence(own.default)} ${how.default}`, "zh-cn": /[\u3000-\u9fff\uff00-\uffef]$/.test(zh) ? `${zh}${how["zh-cn"]}` : `${zh} ${how["zh-cn"]}` };
  };
  const page = (a: AttributeDefinition): SurveyPage => ({
    name: q.attributePage(a.code),
    title: attributeTitle(a),
    description: describe(a),
    elements: perOffer((o) => q.rating(o.code, a.code), offerName, anchorsOf(a)),
  });
  return [
    ...study.attributes.filter((a) => a.kind === "quality").map(page),
    {
      name: OVERALL_PAGE,
      title: texts.overallPageTitle,
      elements: perOffer((o) => q.overall(o.code), (o) => fill(texts.overallTitle, { offer: offerName(o) }), QUALITY_ANCHORS),
    },
    ...study.attributes.filter((a) => a.kind === "price").map(page),
    {
      name: WORTH_PAGE,
      title: texts.worthPageTitle,
      elements: perOffer((o) => q.worth(o.code), (o) => fill(texts.worthTitle, { offer: offerName(o) }), WORTH_ANCHORS),
    },
  ];
}

/** A researcher-defined profile question: choices by code, or free text (optional). */
function profileQuestion(p: ProfileQuestionDefinition): SurveyElement {
  const title = localized(p.text, p.textZh);
  if (p.kind === "text") return { type: "text", name: q.profile(p.code), title, maxLength: 200 };
  return {
    type: "radiogroup",
    name: q.profile(p.code),
    title,
    isRequired: true,
    choices: p.choices.map((c) => ({ value: c.code, text: localized(c.label, c.labelZh) })),
  };
}

/**
 * The constant-sum weights and the quality/price split (left out when the study adopted stated
 * weights); a kind asked by MaxDiff has no constant sum here (its tasks follow this page).
 */
function weightsPage(study: StudyDefinition): SurveyPage {
  const byPoints = (kind: "quality" | "price") =>
    maxDiffItems(study, "rating", kind).length > 0 ? [] : study.attributes.filter((a) => a.kind === kind);
  const quality = byPoints("quality");
  const price = byPoints("price");
  return {
    name: "weights",
    title: texts.weightsPageTitle,
    elements: [
      ...constantSum("quality", quality),
      ...constantSum("price", price),
      ...qualityShareElements(),
    ],
  };
}

/** The quality share of 100 points and the price share it leaves (shared with the focus group). */
export function qualityShareElements(): SurveyElement[] {
  return [
    {
      type: "text",
      name: q.qualityShare,
      title: texts.qualityShareTitle,
      description: texts.qualityShareDescription,
      inputType: "number",
      min: 0,
      max: 100,
      isRequired: true,
    },
    {
      type: "expression",
      name: q.priceShare,
      title: texts.priceShareTitle,
      expression: `iif({${q.qualityShare}} empty, '', 100 - {${q.qualityShare}})`,
    },
  ];
}

/**
 * The considered set, asked as part of the purchase question: shown once an offer is named as
 * the last purchase, required, listing the other offers (the one bought is hidden and counts as
 * considered) and "I only considered what I bought" as an exclusive answer. So every respondent
 * who bought a competitor either considered the own offer (lost) or did not.
 */
function consideredQuestion(offerChoices: Array<{ value: string; text: Localized }>): SurveyElement {
  return {
    type: "checkbox",
    name: q.consideredOffers,
    title: texts.consideredTitle,
    visibleIf: `{${q.lastPurchase}} notempty and {${q.lastPurchase}} <> '${NONE_OFFER}'`,
    isRequired: true,
    choices: [...offerChoices, { value: ONLY_BOUGHT, text: texts.onlyBought, isExclusive: true }],
    choicesVisibleIf: `{item} <> {${q.lastPurchase}}`,
  };
}

/**
 * Whether a built questionnaire asks the considered set as a required part of the purchase
 * question. Versions published before it was (where "which did you consider?" was optional)
 * do not: their respondents may leave it empty, and the reader then stores no considered set.
 */
export function asksConsideredSet(survey: SurveyJson): boolean {
  return survey.pages.some((page) => page.elements.some((el) => el.name === q.consideredOffers && el.isRequired === true));
}

/** Options every questionnaire of both stages shares: progress bar, phone layout, typing updates. */
export const COMMON_SURVEY_OPTIONS = {
  // The respondent page shows its own "Page 3 of 7" and bar (SurveyRunner), in both languages.
  showProgressBar: "off",
  showQuestionNumbers: "off",
  questionErrorLocation: "bottom",
  checkErrorsMode: "onNextPage",
  textUpdateMode: "onTyping",
  widthMode: "static",
  width: "720px",
} as const;

/**
 * Builds the rating-stage questionnaire (method.md: what `surveys/` must collect): screening,
 * constant-sum weights per set and the quality/price split (unless the study adopted stated
 * weights from the focus group), 1-10 ratings of every known offer with "don't know" (one page
 * per offer, in canonical order; see `applyOfferOrder`; or, in the layout "one attribute, all
 * offers", one page per attribute), overall quality and worth per offer, the last purchase with
 * the other offers seriously considered (see `consideredQuestion`), then the study's profile
 * questions. Profile questions marked "ask first" come right after the screening, so a full
 * quota cell can end the questionnaire before the long part (`applyScreenEarly` moves the ones
 * carrying a quota there too). With `methods` (study-methods.ts): a kind asked by MaxDiff gets
 * its tasks after the weights page instead of a constant sum (`maxDiffPages`), and the price
 * research block comes after the ratings, before the purchase (`priceResearchPages`).
 */
export function buildRatingQuestionnaire(study: StudyDefinition): SurveyJson {
  const offers = study.offers;
  const offerChoices = offers.map((o) => ({ value: o.code, text: offerName(o) }));
  const screenOut = screenOutExpression(study);
  const profile = study.profileQuestions ?? [];
  const first = profile.filter((p) => p.askFirst === true);
  const last = profile.filter((p) => p.askFirst !== true);
  const profilePage = (name: string, questions: ProfileQuestionDefinition[]): SurveyPage[] =>
    questions.length > 0 ? [{ name, title: texts.profilePageTitle, elements: questions.map(profileQuestion) }] : [];
  return {
    title: localized(study.title, study.titleZh),
    description: localized(study.market, study.marketZh),
    ...COMMON_SURVEY_OPTIONS,
    completedHtml: texts.completed,
    completedHtmlOnCondition: [{ expression: screenOut, html: texts.screenedOut }],
    triggers: [{ type: "complete", expression: screenOut }],
    pages: [
      {
        name: "screening",
        // A title of its own: the page's accessible name is never its internal name.
        title: texts.screeningPageTitle,
        elements: [
          {
            type: "checkbox",
            name: q.knownOffers,
            title: texts.screeningTitle,
            description: texts.screeningDescription,
            isRequired: true,
            choices: offerChoices,
          },
        ],
      },
      ...profilePage(PROFILE_FIRST_PAGE, first),
      // Adopted focus-group weights replace the respondent's own (read-rating-response stores them).
      ...(study.statedWeights ? [] : [weightsPage(study)]),
      ...maxDiffPages(study, "rating"),
      ...(study.ratingLayout === "attribute" ? attributePages(study) : offers.map((o) => offerPage(study, o))),
      ...priceResearchPages(study),
      {
        name: "purchase",
        title: texts.purchasePageTitle,
        elements: [
          {
            type: "radiogroup",
            name: q.lastPurchase,
            title: texts.lastPurchaseTitle,
            isRequired: true,
            choices: [...offerChoices, { value: NONE_OFFER, text: texts.none }],
          },
          consideredQuestion(offerChoices),
        ],
      },
      ...profilePage(PROFILE_PAGE, last),
    ],
  };
}
