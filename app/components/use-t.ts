import { useMatches } from "@remix-run/react";
import { useMemo } from "react";
import { translator, type I18nData, type Locale, type Messages } from "~/i18n";

/**
 * The page's language and a translator over the messages its loaders sent (`i18n` in the loader
 * data: the root sends the common area, each route its own; the deepest route's language wins,
 * so a page printed for a shared report in Chinese reads Chinese whatever the root chose).
 */
export function useT() {
  const matches = useMatches();
  return useMemo(() => {
    let locale: Locale = "en";
    const messages: Messages = {};
    for (const match of matches) {
      const i18n = (match.data as { i18n?: I18nData } | null | undefined)?.i18n;
      if (i18n) {
        locale = i18n.locale;
        Object.assign(messages, i18n.messages);
      }
    }
    return { locale, t: translator(locale, messages) };
  }, [matches]);
}
