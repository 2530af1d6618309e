import { z } from "zod";
import { EmailSchema, NewPasswordSchema, NextSchema } from "~/lib/auth/credentials";

/** The sign-up form (client-safe: validated in the browser and again in the action). */
export const SignUpSchema = z.object({ email: EmailSchema, password: NewPasswordSchema, next: NextSchema });
export type SignUp = z.infer<typeof SignUpSchema>;
