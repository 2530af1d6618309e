import { z } from "zod";
import { NextSchema } from "~/lib/auth/credentials";

/** The sign-in form (client-safe: validated in the browser and again in the action). */
export const SignInSchema = z.object({
  email: z.string({ required_error: "auth.emailInvalid" }).trim().toLowerCase().max(254, "auth.invalidCredentials"),
  password: z.string({ required_error: "auth.invalidCredentials" }).max(128, "auth.invalidCredentials"),
  next: NextSchema,
});
export type SignIn = z.infer<typeof SignInSchema>;
