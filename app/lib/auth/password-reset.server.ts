import { consumePasswordReset, createPasswordReset, findLiveReset } from "../../../db/queries/password-resets";
import { deleteUserSessions } from "../../../db/queries/sessions";
import { getUserByEmail, getUserById } from "../../../db/queries/users";
import type { MessageKey } from "~/i18n/index";
import { passwordWeakness } from "./common-passwords.server";
import type { Db } from "../../../db/client";
import { NewPasswordSchema } from "./credentials";
import { hashPassword } from "./password.server";
import { hashToken, newToken } from "../platform/token.server";

/** How long a reset link works. */
export const RESET_LINK_MS = 60 * 60 * 1000;

/**
 * A one-time link that lets the account's owner choose a new password (no mail server: the
 * administrator hands it over). Only the token's hash is stored; earlier unused links of the
 * account stop working.
 */
export async function createResetLink(db: Db, args: { adminId: number | null; userId: number; now?: number }): Promise<{ path: string; expiresAt: number } | null> {
  if (!(await getUserById(db, args.userId))) return null;
  const now = args.now ?? Date.now();
  const token = newToken();
  const expiresAt = now + RESET_LINK_MS;
  await createPasswordReset(db, { userId: args.userId, tokenHash: hashToken(token), createdBy: args.adminId, now, expiresAt });
  return { path: `/reset/${token}`, expiresAt };
}

export async function resetLinkForEmail(db: Db, email: string): Promise<{ path: string; expiresAt: number } | null> {
  const user = await getUserByEmail(db, email.trim().toLowerCase());
  return user ? createResetLink(db, { adminId: null, userId: user.id }) : null;
}

/** Whom a live link is for (the reset page shows the email), or null. */
export async function lookUpResetLink(db: Db, token: string): Promise<{ email: string } | null> {
  if (token.length > 128) return null;
  const live = await findLiveReset(db, { tokenHash: hashToken(token), now: Date.now() });
  return live ? { email: live.email } : null;
}

/**
 * Sets the new password through a live link, once: the link is used up and every session of the
 * account ends (whoever held the old password is signed out). A password outside 12-128
 * characters (NewPasswordSchema) changes nothing and leaves the link usable.
 */
export async function resetPassword(db: Db, token: string, input: { password: string }): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  const password = NewPasswordSchema.safeParse(input.password);
  if (!password.success) return { ok: false, error: "auth.passwordLength" };
  const weakness = passwordWeakness(password.data);
  if (weakness) return { ok: false, error: weakness };
  if (token.length > 128) return { ok: false, error: "reset.invalid" };
  const userId = await consumePasswordReset(db, { tokenHash: hashToken(token), passwordHash: await hashPassword(password.data), now: Date.now() });
  if (userId === null) return { ok: false, error: "reset.invalid" };
  await deleteUserSessions(db, userId);
  return { ok: true };
}
