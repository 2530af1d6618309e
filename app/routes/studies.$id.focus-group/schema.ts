import { z } from "zod";

/**
 * The focus-group page's forms (client-safe: the suggestion forms validate in the browser with
 * conform; the action parses every intent again). Messages are i18n keys.
 */
export const MergeSuggestionSchema = z.object({
  name: z.string({ required_error: "study.error.nameRequired" }).trim().min(1, "study.error.nameRequired").max(120, "study.error.nameRequired"),
  nameZh: z.string().trim().max(120, "study.error.nameRequired").optional(),
  kind: z.enum(["quality", "price"], { errorMap: () => ({ message: "fieldwork.error.kindQualityPrice" }) }),
});

/** Adopting or dropping the consolidated weights: no field but the intent. */
export const WeightsSchema = z.object({});
