import { z } from "zod";
import { countSignInFailures, pruneSignInFailures, recordSignInFailure } from "../../../db/queries/sign-in-failures";
import { createUser, getUserByEmail, getUserById } from "../../../db/queries/users";
import type { MessageKey } from "~/i18n/index";
import { isDesignatedAdmin } from "./admins.server";
import type { Db } from "../../../db/client";
import { hashPassword, verifyPassword } from "./password.server";

export const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(12).max(128),
});

type AuthResult = { ok: true; userId: number } | { ok: false; error: MessageKey };

function parseCredentials(form: FormData): z.SafeParseReturnType<unknown, z.infer<typeof CredentialsSchema>> {
  return CredentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
}

/** Creates a researcher account (argon2id hash); it administers when ADMIN_EMAILS names it. */
export async function signUp(db: Db, form: FormData, locale: string): Promise<AuthResult> {
  const parsed = parseCredentials(form);
  if (!parsed.success) {
    const emailBad = parsed.error.issues.some((i) => i.path[0] === "email");
    return { ok: false, error: emailBad ? "auth.emailInvalid" : "auth.passwordLength" };
  }
  const user = await createUser(db, {
    email: parsed.data.email,
    passwordHash: hashPassword(parsed.data.password),
    locale,
    now: Date.now(),
    isAdmin: isDesignatedAdmin(parsed.data.email),
  });
  return user ? { ok: true, userId: user.id } : { ok: false, error: "auth.emailTaken" };
}

// A real hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: string | null = null;

/** Failed sign-ins allowed per account and per IP address within an hour. */
export const SIGN_IN_FAILURE_LIMIT = 100;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Signs in with email and password. After SIGN_IN_FAILURE_LIMIT failures within the hour for
 * the account or from the IP address, every attempt is refused (even with the right password)
 * until the oldest failures are an hour old.
 */
export async function signIn(db: Db, form: FormData, ip: string): Promise<AuthResult> {
  const email = String(form.get("email") ?? "").trim().toLowerCase();
  const password = String(form.get("password") ?? "");
  if (password.length > 128 || email.length > 254) return { ok: false, error: "auth.invalidCredentials" };
  const now = Date.now();
  const failures = await countSignInFailures(db, { email, ip, since: now - HOUR_MS });
  if (failures.email >= SIGN_IN_FAILURE_LIMIT || failures.ip >= SIGN_IN_FAILURE_LIMIT) return { ok: false, error: "auth.throttled" };
  const user = await getUserByEmail(db, email);
  dummyHash ??= hashPassword("valuemap-timing-equaliser");
  const valid = verifyPassword(user?.passwordHash ?? dummyHash, password);
  if (user && valid) return { ok: true, userId: user.id };
  await pruneSignInFailures(db, now - HOUR_MS);
  await recordSignInFailure(db, { email, ip, now });
  return { ok: false, error: "auth.invalidCredentials" };
}

/** What the page header shows of the signed-in researcher. */
export async function getHeaderUser(db: Db, userId: number): Promise<{ email: string | null; isAdmin: boolean }> {
  const user = await getUserById(db, userId);
  return { email: user?.email ?? null, isAdmin: user?.isAdmin ?? false };
}
