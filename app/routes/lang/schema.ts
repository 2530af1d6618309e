import { z } from "zod";
import { LOCALES, type Locale } from "~/i18n";

/** The header's language switch (client-safe; the action parses it): the language and the page to go back to. */
export const LanguageSchema = z.object({
  locale: z.enum(LOCALES as [Locale, ...Locale[]], { errorMap: () => ({ message: "locale requires en or zh-CN" }) }),
  /** Checked again by safeRedirect: a local path only. */
  back: z.string().max(8000).optional(),
});
