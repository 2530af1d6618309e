import { listRecentResets } from "../../../db/queries/password-resets";
import { getUserById, listUsers, setUserAdmin } from "../../../db/queries/users";
import { DEMO_EMAIL } from "../../../db/seed-demo";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { createResetLink } from "./password-reset.server";
import { requireUserId } from "./session.server";
import { listSecurityEvents } from "../../../db/queries/security-events";

/** The signed-in administrator's id; anyone else gets a plain 404 (the page does not exist for them). */
export async function requireAdmin(db: Db, request: Request): Promise<number> {
  const userId = await requireUserId(db, request);
  if (!(await getUserById(db, userId))?.isAdmin) throw new Response("Not found", { status: 404 });
  return userId;
}

/** The administrators' page: every account, the recent reset links. */
export async function loadAdminPage(db: Db) {
  return { users: await listUsers(db), resets: await listRecentResets(db), securityEvents: await listSecurityEvents(db) };
}

type Refused = { ok: false; error: MessageKey };

/** A one-time reset link for an account, made by an administrator (shown once on the page). */
export async function resetLinkFromAdmin(db: Db, adminId: number, input: { userId: number }): Promise<{ ok: true; email: string; path: string; expiresAt: number } | Refused> {
  const user = await getUserById(db, input.userId);
  const link = user ? await createResetLink(db, { adminId, userId: user.id }) : null;
  if (!user || !link) return { ok: false, error: "admin.unknownUser" };
  return { ok: true, email: user.email, ...link };
}

/**
 * Grants or withdraws administration from the page. Administrators cannot withdraw their own
 * (another one must), and the demo account, whose password is public, never administers.
 */
export async function setAdministrator(db: Db, adminId: number, input: { userId: number; isAdmin: boolean }): Promise<{ ok: true; email: string } | Refused> {
  const user = await getUserById(db, input.userId);
  if (!user) return { ok: false, error: "admin.unknownUser" };
  if (!input.isAdmin && user.id === adminId) return { ok: false, error: "admin.cannotRevokeSelf" };
  if (input.isAdmin && user.email === DEMO_EMAIL) return { ok: false, error: "admin.demoNever" };
  await setUserAdmin(db, { id: user.id, isAdmin: input.isAdmin });
  return { ok: true, email: user.email };
}
