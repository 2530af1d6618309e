/**
 * The dictionaries, on the server only. Pages receive the messages of their areas in the
 * visitor's language from their loaders (`i18nFor`); exports and other server work translate
 * with the whole dictionary (`translate`). en.ts and zh-CN.ts prove by type that every key exists
 * in both languages.
 */
import { en, type MessageKey } from "./en";
import { formatMessage, translator, type I18nData, type Locale, type Messages, type Params, type Translate } from "./index";
import { zhCN } from "./zh-CN";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/**
 * The areas a page may ask for, as key prefixes. `common` (header, errors, home) comes with every
 * page from the root loader; a route's loader adds its own.
 */
export const AREAS = {
  common: ["app.", "nav.", "error."],
  auth: ["auth.", "account.", "reset.", "admin.", "invitation.", "studies.role."],
  studies: ["studies.", "studyNav."],
  design: ["study.", "studies.", "studyNav.", "fieldwork.", "audit."],
  fieldwork: ["fieldwork.", "studyNav.", "studies."],
  members: ["members.", "audit.", "studyNav.", "studies.", "exports.share."],
  report: ["report.", "exports.", "studyNav.", "studies.role.", "reason.", "customers.segment.", "customers.tier."],
  respondent: ["respondent."],
  customers: ["customers.", "studyNav.", "studies.role."],
  methods: ["methods.", "studyNav.", "studies.role."],
  /** API tokens, webhooks, panel links, imports (issue 22). */
  api: ["apiTokens.", "integrations.", "panel.", "webhooks.", "import.", "studyNav.", "studies.role."],
  scenarios: ["scenarios.", "studyNav.", "studies.role."],
} as const satisfies Record<string, readonly string[]>;
export type Area = keyof typeof AREAS;

const cache = new Map<string, Messages>();

/** The messages of `areas` in `locale` (computed once per combination). */
export function messagesFor(locale: Locale, areas: readonly Area[]): Messages {
  const cacheKey = `${locale}:${[...areas].sort().join(",")}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const prefixes = areas.flatMap((area) => AREAS[area]);
  const messages: Messages = {};
  for (const [key, text] of Object.entries(dictionaries[locale]) as Array<[MessageKey, string]>) {
    if (prefixes.some((prefix) => key.startsWith(prefix))) messages[key] = text;
  }
  cache.set(cacheKey, messages);
  return messages;
}

/** What a loader returns as `i18n` for its page. */
export function i18nFor(locale: Locale, areas: readonly Area[]): I18nData {
  return { locale, messages: messagesFor(locale, areas) };
}

/** Translates with the whole dictionary (server work: exports, charts drawn on the server). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return formatMessage(locale, dictionaries[locale][key], params);
}

/** A translator over the whole dictionary of `locale`. */
export function serverTranslator(locale: Locale): Translate {
  return translator(locale, dictionaries[locale]);
}
