/**
 * What every part of the app uses of i18n, safe in the browser: types, the formatter and the
 * translator over a given set of messages. The dictionaries themselves stay on the server
 * (`messages.server.ts`): each route's loader sends only its areas' messages in the visitor's
 * language (`i18nFor`), and `useT()` (app/components/use-t.ts) translates with them.
 */
import type { MessageKey } from "./en";

export type { MessageKey };
export type Locale = "en" | "zh-CN";
export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
export type Messages = Partial<Record<MessageKey, string>>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** What a loader sends for translation: the language and its messages for the page's areas. */
export interface I18nData {
  locale: Locale;
  messages: Messages;
}

/** A researcher's text in the reader's language: the Chinese twin when asked for and given, else the English. */
export function inLocale(locale: Locale, text: string, textZh: string | null | undefined): string {
  return locale === "zh-CN" && textZh ? textZh : text;
}

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const pluralOf = (locale: Locale, n: number) => {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
};

/**
 * Fills a message: `{name}` placeholders, and plurals written
 * `{n, plural, one {# response} other {# responses}}` (the form chosen by Intl.PluralRules for
 * the locale, `#` the number; Chinese has only `other`).
 */
export function formatMessage(locale: Locale, text: string, params?: Params): string {
  if (!params) return text;
  const plural = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
  const withPlurals = text.replace(plural, (whole, name: string, forms: string) => {
    const value = params[name];
    if (typeof value !== "number") return whole;
    const options = new Map<string, string>();
    for (const [, selector, body] of forms.matchAll(/\s*(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) options.set(selector!, body!);
    const chosen = options.get(`=${value}`) ?? options.get(pluralOf(locale, value)) ?? options.get("other") ?? "";
    return chosen.replace(/#/g, String(value));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A translator over `messages`; a key the page was not sent shows as the key itself. */
export function translator(locale: Locale, messages: Messages): Translate {
  return (key, params) => formatMessage(locale, messages[key] ?? key, params);
}

/** Locale-aware number formatting with a fixed number of decimals. */
export function formatNumber(locale: Locale, value: number, decimals = 1): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

export function formatDate(locale: Locale, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(epochMs);
}
