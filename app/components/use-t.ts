import { useRouteLoaderData } from "@remix-run/react";
import { isLocale, translate, type Locale, type MessageKey } from "~/i18n";

/** The current locale (from the root loader) and a translator bound to it. */
export function useT() {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  const locale: Locale = isLocale(data?.locale) ? data.locale : "en";
  return { locale, t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params) };
}
