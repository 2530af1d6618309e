import { z } from "zod";
import type { MessageKey } from "~/i18n";

const titleRequired: MessageKey = "study.error.titleRequired";

/** The "new study" form: a title (client-safe; the action parses it again). */
export const NewStudySchema = z.object({
  title: z.string({ required_error: titleRequired }).trim().min(1, titleRequired).max(200, titleRequired),
});
