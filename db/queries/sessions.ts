import { and, eq, gt, lte, ne } from "drizzle-orm";
import type { Db } from "../client";
import type { sessions } from "../schema";

export type Session = typeof sessions.$inferSelect;

export async function insertSession(
  db: Db,
  args: { tokenHash: string; userId: number; csrfToken: string; now: number; expiresAt: number },
): Promise<Session> {
  const { sessions } = db.t;
  const [row] = await db.q
    .insert(sessions)
    .values({ tokenHash: args.tokenHash, userId: args.userId, csrfToken: args.csrfToken, createdAt: args.now, expiresAt: args.expiresAt })
    .returning();
  return row!;
}

/** The session with this token hash, when it has not expired. */
export async function getLiveSession(db: Db, args: { tokenHash: string; now: number }): Promise<Session | null> {
  const { sessions } = db.t;
  const [row] = await db.q
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, args.tokenHash), gt(sessions.expiresAt, args.now)));
  return row ?? null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  const { sessions } = db.t;
  await db.q.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  const { sessions } = db.t;
  await db.q.delete(sessions).where(eq(sessions.userId, userId));
}

/** Deletes every session of the user but the one with `keepId`. */
export async function deleteOtherUserSessions(db: Db, args: { userId: number; keepId: number }): Promise<void> {
  const { sessions } = db.t;
  await db.q.delete(sessions).where(and(eq(sessions.userId, args.userId), ne(sessions.id, args.keepId)));
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  const { sessions } = db.t;
  await db.q.delete(sessions).where(lte(sessions.expiresAt, now));
}
