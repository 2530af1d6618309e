import { z } from "zod";
import { ConfirmFieldSchema } from "~/lib/platform/confirm-field";

/**
 * Revoking a share link (client-safe; the action parses it). Revoking cannot be undone, so it
 * requires `confirm=yes`.
 */
export const RevokeShareLinkSchema = z.object({
  linkId: z.number({ required_error: "error.formInvalid", invalid_type_error: "error.formInvalid" }).int().positive("error.formInvalid"),
  confirm: ConfirmFieldSchema,
});

/** Creating a link: an optional label (at most 80 characters) to tell it apart in the list. */
export const CreateShareLinkSchema = z.object({ label: z.string().trim().max(80, "error.formInvalid").optional() });
