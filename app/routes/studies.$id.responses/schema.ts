import { z } from "zod";

/**
 * A review button's form (client-safe; the action parses it): which response, which decision.
 * Messages are i18n keys.
 */
export const ReviewSchema = z.object({
  responseId: z.number({ required_error: "error.formInvalid", invalid_type_error: "error.formInvalid" }).int().positive("error.formInvalid"),
  review: z.enum(["include", "exclude", "reset"], { errorMap: () => ({ message: "fieldwork.error.reviewDecision" }) }),
});
