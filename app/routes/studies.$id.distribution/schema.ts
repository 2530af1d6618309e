import { z } from "zod";
import { MAX_UPLOAD_BYTES } from "~/lib/fieldwork/invitation-limits";
import { ConfirmFieldSchema } from "~/lib/platform/confirm-field";

/**
 * The distribution page's forms (client-safe: the invitations form validates in the browser with
 * conform, the action parses both again). Messages are i18n keys. The lines themselves are read
 * on the server, which names every bad line.
 */
const isFile = (value: unknown): value is Blob =>
  typeof value === "object" && value !== null && typeof (value as Blob).size === "number" && typeof (value as Blob).text === "function";

export const CreateInvitationsSchema = z
  .object({
    /** Pasted `label,email` lines. */
    lines: z.string().max(MAX_UPLOAD_BYTES, "fieldwork.error.uploadTooLarge").optional(),
    /** An uploaded CSV file of the same lines (an empty file input arrives as undefined). */
    csv: z
      .custom<Blob>(isFile, "error.formInvalid")
      .refine((file) => file.size <= MAX_UPLOAD_BYTES, "fieldwork.error.uploadTooLarge")
      .optional(),
  })
  .refine((value) => (value.lines ?? "").trim() !== "" || value.csv !== undefined, { message: "fieldwork.error.invitationsEmpty", path: ["lines"] });

/** Revoking a personal invitation nobody has used yet: its link stops working, so it requires `confirm=yes`. */
export const RevokeInvitationSchema = z.object({
  invitationId: z.number({ required_error: "error.formInvalid", invalid_type_error: "error.formInvalid" }).int().positive("error.formInvalid"),
  confirm: ConfirmFieldSchema,
});
