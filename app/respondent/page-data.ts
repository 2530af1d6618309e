/**
 * What the respondent page hands its own scripts (a JSON block in the page, never executed) and
 * how the server renders the first page as a plain form. Client-safe: no server code here.
 */
import type { Locale, Messages } from "~/i18n";
import type { Stage } from "../../surveys/stage";

/** The stage's one definition is surveys/stage.ts. */
export type { Stage };

export interface FirstPageChoice {
  value: string;
  text: string;
}
/** A question of the first page the server renders without the questionnaire library. */
export interface FirstPageQuestion {
  type: "checkbox" | "radiogroup";
  name: string;
  title: string;
  description: string | null;
  required: boolean;
  choices: FirstPageChoice[];
}
export interface FirstPage {
  title: string | null;
  questions: FirstPageQuestion[];
}

export interface RespondentPageData {
  token: string;
  /** The page proof for this device (app/lib/fieldwork/page-proof.server.ts): start, screen and complete carry it. */
  proof: string;
  stage: Stage;
  invite: string | null;
  locale: Locale;
  languages: Locale[];
  /** The respondent area's messages in each language the questionnaire offers (switched in place). */
  messages: Partial<Record<Locale, Messages>>;
  /** The study's title and market per language (rendered by the server; the app reads them from the questionnaire). */
  titles: Partial<Record<Locale, string>>;
  descriptions: Partial<Record<Locale, string>>;
  /** Per page of the newest questionnaire: the offer it is shown for, or null (always shown). */
  pageOffers: Array<string | null>;
  /** The first page as a plain form, or null when it holds questions a plain form cannot ask. */
  firstPage: FirstPage | null;
  /** The questionnaire app (React + SurveyJS) and the library's stylesheet, loaded once the response is started. */
  app: string;
  surveyStyles: string;
}

type Text = string | { default?: string; "zh-cn"?: string } | undefined;
export const surveyLocale = (locale: Locale) => (locale === "zh-CN" ? "zh-cn" : "");

/** A SurveyJS localisable text in one language (English when the other is missing). */
export function textIn(text: Text, locale: Locale): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return (locale === "zh-CN" ? text["zh-cn"] : undefined) ?? text.default ?? "";
}

interface JsonElement {
  type?: unknown;
  name?: unknown;
  title?: Text;
  description?: Text;
  isRequired?: unknown;
  visibleIf?: unknown;
  choices?: unknown;
}
interface JsonPage {
  title?: Text;
  visibleIf?: unknown;
  elements?: JsonElement[];
}

/**
 * The questionnaire's first page as plain form questions in one language: only single and
 * multiple choice questions without conditions (the familiarity screen, the focus group's
 * "what matters"); anything else is left to the library (null).
 */
export function firstPageOf(survey: { pages?: JsonPage[] }, locale: Locale): FirstPage | null {
  const page = survey.pages?.[0];
  if (!page || page.visibleIf !== undefined || !Array.isArray(page.elements) || page.elements.length === 0) return null;
  const questions: FirstPageQuestion[] = [];
  for (const el of page.elements) {
    if ((el.type !== "checkbox" && el.type !== "radiogroup") || typeof el.name !== "string" || el.visibleIf !== undefined) return null;
    if (!Array.isArray(el.choices)) return null;
    const choices: FirstPageChoice[] = [];
    for (const c of el.choices as Array<{ value?: unknown; text?: Text; isExclusive?: unknown }>) {
      if (typeof c.value !== "string" || c.isExclusive) return null;
      choices.push({ value: c.value, text: textIn(c.text, locale) || c.value });
    }
    questions.push({
      type: el.type,
      name: el.name,
      title: textIn(el.title, locale) || el.name,
      description: textIn(el.description, locale) || null,
      required: el.isRequired === true,
      choices,
    });
  }
  return { title: textIn(page.title, locale) || null, questions };
}

/** The offer a page is shown for (`{known_offers} contains 'x'`), or null. */
export function pageOffersOf(survey: { pages?: JsonPage[] }): Array<string | null> {
  return (survey.pages ?? []).map((p) => (typeof p.visibleIf === "string" ? (/contains '([a-z][a-z0-9]*)'/.exec(p.visibleIf)?.[1] ?? null) : null));
}

/** How many pages a respondent who knows `known` sees (pages for unknown offers are skipped). */
export function pageCount(pageOffers: Array<string | null>, known: readonly string[]): number {
  return pageOffers.filter((offer) => offer === null || known.includes(offer)).length;
}
