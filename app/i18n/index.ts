import { en, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export type Locale = "en" | "zh-CN";
export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
export type { MessageKey };

const messages: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

/** Translates a key, filling `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

/** Locale-aware number formatting with a fixed number of decimals. */
export function formatNumber(locale: Locale, value: number, decimals = 1): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

export function formatDate(locale: Locale, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(epochMs);
}
