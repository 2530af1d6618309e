import { z } from "zod";
import type { MessageKey } from "~/i18n";

const key = (k: MessageKey) => k;

/**
 * The focus-group page's "merge by hand" form: the suggestions the researcher checked (any
 * spellings, any language) become one attribute with the name and Chinese name given. Client-safe.
 */
export const MergeSuggestionsSchema = z.object({
  intent: z.literal("mergeMany"),
  texts: z.array(z.string().max(500), { required_error: key("fieldwork.focus.mergePick") }).min(1, key("fieldwork.focus.mergePick")).max(50),
  name: z.string({ required_error: key("study.error.nameRequired") }).trim().min(1, key("study.error.nameRequired")).max(120, key("study.error.nameRequired")),
  nameZh: z.string().trim().max(120, key("study.error.nameRequired")).optional(),
  kind: z.enum(["quality", "price"], { errorMap: () => ({ message: key("fieldwork.error.kindQualityPrice") }) }),
});
export type MergeSuggestions = z.infer<typeof MergeSuggestionsSchema>;
