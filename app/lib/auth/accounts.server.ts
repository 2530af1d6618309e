import { z } from "zod";
import { hasRecentSecurityEvent, recordSecurityEvent } from "../../../db/queries/security-events";
import { createUser, getUserByEmail, getUserById } from "../../../db/queries/users";
import type { MessageKey } from "~/i18n/index";
import { isDesignatedAdmin } from "./admins.server";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { rateLimiterFor, type RateLimiter } from "../platform/rate-limit.server";
import { passwordWeakness } from "./common-passwords.server";
import { EmailSchema, NewPasswordSchema } from "./credentials";
import { hashPassword, verifyPassword } from "./password.server";
import { recordSignInFailureAndBursts, signInWaitSeconds } from "./sign-in-throttle.server";

/** Email and new password as the account forms parse them (also used by password reset). */
export const CredentialsSchema = z.object({ email: EmailSchema, password: NewPasswordSchema });

export type AuthResult =
  | { ok: true; userId: number }
  | { ok: false; error: MessageKey; field?: "password"; status: 200 | 400 | 429; retryAfterSeconds?: number };

const HOUR_MS = 60 * 60 * 1000;
/** Sign-ups per address and hour (SIGN_UP_PER_ADDRESS_PER_HOUR), one counter per database. */
const signUpLimiters = new WeakMap<Db, RateLimiter>();
function signUpLimiter(db: Db): RateLimiter {
  let limiter = signUpLimiters.get(db);
  if (!limiter) signUpLimiters.set(db, (limiter = rateLimiterFor(db, env.SIGN_UP_PER_ADDRESS_PER_HOUR, HOUR_MS, "sign-up")));
  return limiter;
}

/**
 * Creates a researcher account (argon2id hash, off the event loop); it administers when
 * ADMIN_EMAILS names it. Refuses a common or repetitive password (400, on the field), more than
 * SIGN_UP_PER_ADDRESS_PER_HOUR sign-ups from one address (429, recorded once an hour in the
 * security log). An e-mail that has an account gets the same answer as any account not created
 * ("auth.signUpNotCreated": sign in, or ask an administrator for a reset link) and the attempt
 * goes to the administrators' security log, the reset-link channel (there is no mail server);
 * with that account's own password it simply signs in. Both paths run one argon2 operation.
 */
export async function signUp(db: Db, value: { email: string; password: string }, locale: string, ip: string, now = Date.now()): Promise<AuthResult> {
  const weakness = passwordWeakness(value.password);
  if (weakness) return { ok: false, error: weakness, field: "password", status: 400 };
  const allowed = await signUpLimiter(db).take(`signup\n${ip}`, now);
  if (!allowed.ok) {
    if (!(await hasRecentSecurityEvent(db, { kind: "signUpBurst", ip, since: now - HOUR_MS }))) {
      await recordSecurityEvent(db, { kind: "signUpBurst", ip, detail: String(env.SIGN_UP_PER_ADDRESS_PER_HOUR), now });
    }
    return { ok: false, error: "auth.signUpThrottled", status: 429, retryAfterSeconds: allowed.retryAfterSeconds };
  }
  const existing = await getUserByEmail(db, value.email);
  if (existing) {
    if (await verifyPassword(existing.passwordHash, value.password)) return { ok: true, userId: existing.id };
    await recordSecurityEvent(db, { kind: "signUpExisting", email: value.email, ip, now });
    return { ok: false, error: "auth.signUpNotCreated", status: 200 };
  }
  const user = await createUser(db, {
    email: value.email,
    passwordHash: await hashPassword(value.password),
    locale,
    now,
    isAdmin: isDesignatedAdmin(value.email),
  });
  return user ? { ok: true, userId: user.id } : { ok: false, error: "auth.signUpNotCreated", status: 200 };
}

// A real hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

/**
 * Signs in with email and password, unless this address must still wait (sign-in-throttle:
 * growing waits per account and address, never for the right password from an address that has
 * not failed on the account): then 429 saying for how long, without checking the password.
 */
export async function signIn(db: Db, value: { email: string; password: string }, ip: string): Promise<AuthResult> {
  const email = value.email.trim().toLowerCase();
  const { password } = value;
  if (password.length > 128 || email.length > 254) return { ok: false, error: "auth.invalidCredentials", status: 200 };
  const wait = await signInWaitSeconds(db, email, ip);
  if (wait > 0) return { ok: false, error: "auth.signInWait", status: 429, retryAfterSeconds: wait };
  const user = await getUserByEmail(db, email);
  dummyHash ??= hashPassword("valuemap-timing-equaliser");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (user && valid) return { ok: true, userId: user.id };
  await recordSignInFailureAndBursts(db, email, ip);
  return { ok: false, error: "auth.invalidCredentials", status: 200 };
}


/** What the page header shows of the signed-in researcher. */
export async function getHeaderUser(db: Db, userId: number): Promise<{ email: string | null; isAdmin: boolean }> {
  const user = await getUserById(db, userId);
  return { email: user?.email ?? null, isAdmin: user?.isAdmin ?? false };
}
