import { z } from "zod";
import { NewPasswordSchema } from "~/lib/auth/credentials";

/** The change-password form (client-safe: validated in the browser and again in the action). Messages are i18n keys. */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ required_error: "auth.currentPasswordWrong" }).max(128, "auth.currentPasswordWrong"),
  newPassword: NewPasswordSchema,
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;
