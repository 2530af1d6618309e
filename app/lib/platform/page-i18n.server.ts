import { i18nFor, type Area } from "~/i18n/messages.server";
import type { I18nData } from "~/i18n";
import { getLocale } from "./locale.server";

/** The `i18n` a page's loader returns: the messages of its areas in the visitor's language. */
export async function pageI18n(request: Request, areas: readonly Area[]): Promise<I18nData> {
  return i18nFor(await getLocale(request), areas);
}
