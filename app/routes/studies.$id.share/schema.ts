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

/** Creating a link: no field but the intent. */
export const CreateShareLinkSchema = z.object({});
