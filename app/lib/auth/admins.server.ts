import { DEMO_EMAIL, DEMO_PASSWORD } from "../../../db/seed-demo";
import { getUserByEmail, grantAdminByEmail, setUserAdmin } from "../../../db/queries/users";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { verifyPassword } from "./password.server";

/**
 * Who administers the installation is the operator's choice: the accounts named in ADMIN_EMAILS
 * (at start and when they sign up) and those `npm run make-admin -- <email>` names. The demo
 * account, whose password is public, never administers.
 */
export function isDesignatedAdmin(email: string): boolean {
  return email !== DEMO_EMAIL && env.ADMIN_EMAILS.includes(email);
}

/** Makes an existing account an administrator (make-admin); refuses the demo account. */
export async function makeAdmin(db: Db, email: string): Promise<{ ok: true; already: boolean } | { ok: false; error: "demo" | "unknown" }> {
  const normalised = email.trim().toLowerCase();
  if (normalised === DEMO_EMAIL) return { ok: false, error: "demo" };
  const user = await getUserByEmail(db, normalised);
  if (!user) return { ok: false, error: "unknown" };
  if (user.isAdmin) return { ok: true, already: true };
  await setUserAdmin(db, { id: user.id, isAdmin: true });
  return { ok: true, already: false };
}

/**
 * At server start: the ADMIN_EMAILS accounts that exist become administrators, the demo account
 * stops being one if it somehow was; returns the lines to print, one of them when the demo
 * account still has its public password.
 */
export async function startupAdminNotices(db: Db): Promise<string[]> {
  const lines: string[] = [];
  const granted = await grantAdminByEmail(db, env.ADMIN_EMAILS.filter((email) => email !== DEMO_EMAIL));
  if (granted.length) lines.push(`[valuemap] administrators from ADMIN_EMAILS: ${granted.join(", ")}`);
  const demo = await getUserByEmail(db, DEMO_EMAIL);
  if (demo?.isAdmin) {
    await setUserAdmin(db, { id: demo.id, isAdmin: false });
    lines.push(`[valuemap] ${DEMO_EMAIL} no longer administers (the demo account never does)`);
  }
  if (demo && (await verifyPassword(demo.passwordHash, DEMO_PASSWORD))) {
    lines.push(
      `[valuemap] the demo account ${DEMO_EMAIL} exists with its public password: fine for a trial; for a real deployment start on an empty database with DEMO=off`,
    );
  }
  return lines;
}
