import { consumePasswordReset, createPasswordReset, findLiveReset, listRecentResets } from "../../../db/queries/password-resets";
import { listSecurityEvents } from "../../../db/queries/security-events";
import { deleteUserSessions } from "../../../db/queries/sessions";
import { getUserByEmail, getUserById, listUsers, setUserAdmin } from "../../../db/queries/users";
import { DEMO_EMAIL } from "../../../db/seed-demo";
import type { MessageKey } from "~/i18n/index";
import { CredentialsSchema } from "./accounts.server";
import { passwordWeakness } from "./common-passwords.server";
import type { Db } from "../../../db/client";
import { hashPassword } from "./password.server";
import { requireUserId } from "./session.server";
import { hashToken, newToken } from "../platform/token.server";

/** How long a reset link works. */
export const RESET_LINK_MS = 60 * 60 * 1000;

/** The signed-in administrator's id; anyone else gets a plain 404 (the page does not exist for them). */
export async function requireAdmin(db: Db, request: Request): Promise<number> {
  const userId = await requireUserId(db, request);
  if (!(await getUserById(db, userId))?.isAdmin) throw new Response("Not found", { status: 404 });
  return userId;
}

export async function loadAdminPage(db: Db) {
  return { users: await listUsers(db), resets: await listRecentResets(db), securityEvents: await listSecurityEvents(db) };
}

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

type AdminResult =
  | { ok: true; intent: "reset"; email: string; path: string; expiresAt: number }
  | { ok: true; intent: "admin"; email: string; isAdmin: boolean }
  | { ok: false; error: MessageKey };

/** The administrators' page actions: create a reset link, grant or withdraw administration. */
export async function adminAction(db: Db, adminId: number, form: FormData): Promise<AdminResult> {
  const intent = form.get("intent");
  const user = await getUserById(db, Number(form.get("userId")));
  if (!user) return { ok: false, error: "admin.unknownUser" };
  if (intent === "reset") {
    const link = (await createResetLink(db, { adminId, userId: user.id }))!;
    return { ok: true, intent: "reset", email: user.email, ...link };
  }
  if (intent === "grant" || intent === "revoke") {
    if (intent === "revoke" && user.id === adminId) return { ok: false, error: "admin.cannotRevokeSelf" };
    if (intent === "grant" && user.email === DEMO_EMAIL) return { ok: false, error: "admin.demoNever" };
    await setUserAdmin(db, { id: user.id, isAdmin: intent === "grant" });
    return { ok: true, intent: "admin", email: user.email, isAdmin: intent === "grant" };
  }
  return { ok: false, error: "admin.unknownAction" };
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
 * characters changes nothing and leaves the link usable.
 */
export async function resetPassword(db: Db, token: string, form: FormData): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  const password = CredentialsSchema.shape.password.safeParse(form.get("password"));
  if (!password.success) return { ok: false, error: "auth.passwordLength" };
  const weakness = passwordWeakness(password.data);
  if (weakness) return { ok: false, error: weakness };
  if (token.length > 128) return { ok: false, error: "reset.invalid" };
  const userId = await consumePasswordReset(db, { tokenHash: hashToken(token), passwordHash: await hashPassword(password.data), now: Date.now() });
  if (userId === null) return { ok: false, error: "reset.invalid" };
  await deleteUserSessions(db, userId);
  return { ok: true };
}
