import { z } from "zod";

/**
 * The fields of the sign-in and sign-up forms, client-safe (the forms validate in the browser
 * with the same schemas, app/routes/signin/schema.ts and signup/schema.ts). Messages are i18n
 * keys the form translates.
 */
export const EmailSchema = z
  .string({ required_error: "auth.emailInvalid" })
  .trim()
  .toLowerCase()
  .max(254, "auth.emailInvalid")
  .email("auth.emailInvalid");

/** A new password: 12 to 128 characters (the common-password list is checked on the server). */
export const NewPasswordSchema = z
  .string({ required_error: "auth.passwordLength" })
  .min(12, "auth.passwordLength")
  .max(128, "auth.passwordLength");

/** Where to go after signing in or up (checked again by safeRedirect on the server). */
export const NextSchema = z.string().max(2000).optional();
