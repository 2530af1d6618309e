import { and, eq, gt, lte, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions } from "../schema";

export type Session = typeof sessions.$inferSelect;

export function insertSession(
  db: Db,
  args: { tokenHash: string; userId: number; csrfToken: string; now: number; expiresAt: number },
): Session {
  return db
    .insert(sessions)
    .values({ tokenHash: args.tokenHash, userId: args.userId, csrfToken: args.csrfToken, createdAt: args.now, expiresAt: args.expiresAt })
    .returning()
    .get();
}

/** The session with this token hash, when it has not expired. */
export function getLiveSession(db: Db, args: { tokenHash: string; now: number }): Session | null {
  return (
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, args.tokenHash), gt(sessions.expiresAt, args.now)))
      .get() ?? null
  );
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Deletes every session of the user but the one with `keepId`. */
export function deleteOtherUserSessions(db: Db, args: { userId: number; keepId: number }): void {
  db.delete(sessions)
    .where(and(eq(sessions.userId, args.userId), ne(sessions.id, args.keepId)))
    .run();
}

export function deleteExpiredSessions(db: Db, now: number): void {
  db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
}
