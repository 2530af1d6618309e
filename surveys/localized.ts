/** A SurveyJS localisable string: `default` is English, `zh-cn` Simplified Chinese (SurveyJS locale code). */
export interface Localized {
  default: string;
  "zh-cn": string;
}

export const SURVEY_LOCALES = { en: "", "zh-CN": "zh-cn" } as const;

/** Builds a localisable string, falling back to English where no Chinese text was entered. */
export function localized(en: string, zh?: string | null): Localized {
  return { default: en, "zh-cn": zh && zh.trim() !== "" ? zh : en };
}

/** Replaces `{name}` placeholders in both languages. */
export function fill(text: Localized, values: Record<string, Localized>): Localized {
  const sub = (s: string, lang: keyof Localized) =>
    s.replace(/\{(\w+)\}/g, (_, key: string) => values[key]?.[lang] ?? `{${key}}`);
  return { default: sub(text.default, "default"), "zh-cn": sub(text["zh-cn"], "zh-cn") };
}
