import { z } from "zod";
import { ConfirmedSchema } from "~/lib/platform/confirm-field";

/** Creating a personal API token (client-safe: validated in the browser and in the action). */
export const CreateApiTokenSchema = z.object({
  name: z.string({ required_error: "apiTokens.error.name" }).trim().min(1, "apiTokens.error.name").max(80, "apiTokens.error.name"),
  scope: z.enum(["read", "write"], { errorMap: () => ({ message: "apiTokens.error.scope" }) }),
});

/** Revoking one: cannot be undone, so it requires confirm=yes. */
export const RevokeApiTokenSchema = z.object({
  tokenId: z.number({ required_error: "apiTokens.error.notFound", invalid_type_error: "apiTokens.error.notFound" }).int().positive("apiTokens.error.notFound"),
  confirm: ConfirmedSchema,
});
