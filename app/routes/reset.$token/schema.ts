import { z } from "zod";
import { NewPasswordSchema } from "~/lib/auth/credentials";

/** The reset page's form (client-safe: validated in the browser and again in the action). */
export const ResetPasswordSchema = z.object({ password: NewPasswordSchema });
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;
