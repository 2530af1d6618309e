import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";

/**
 * Stores a new reset link for an account (only the token's SHA-256) and withdraws the account's
 * earlier unused links, so at most one link works at a time.
 */
export function createPasswordReset(
  db: Db,
  args: { userId: number; tokenHash: string; createdBy: number | null; now: number; expiresAt: number },
): Promise<void> {
  return db.transaction(async (tx) => {
    const { passwordResets } = tx.t;
    await tx.q
      .update(passwordResets)
      .set({ usedAt: args.now })
      .where(and(eq(passwordResets.userId, args.userId), isNull(passwordResets.usedAt)));
    await tx.q
      .insert(passwordResets)
      .values({ userId: args.userId, tokenHash: args.tokenHash, createdBy: args.createdBy, createdAt: args.now, expiresAt: args.expiresAt });
  });
}

/** The account a live (unused, unexpired) link belongs to, without using it. */
export async function findLiveReset(db: Db, args: { tokenHash: string; now: number }): Promise<{ userId: number; email: string } | null> {
  const { passwordResets, users } = db.t;
  const [row] = await db.q
    .select({ userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, args.tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, args.now)));
  return row ?? null;
}

/**
 * Uses a live link and sets the account's new password hash, in one transaction: of two
 * requests with one link, exactly one succeeds. Returns the account id, or null when the link is
 * unknown, used or expired (nothing changes then).
 */
export function consumePasswordReset(db: Db, args: { tokenHash: string; passwordHash: string; now: number }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const { passwordResets, users } = tx.t;
    const [used] = await tx.q
      .update(passwordResets)
      .set({ usedAt: args.now })
      .where(and(eq(passwordResets.tokenHash, args.tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, args.now)))
      .returning({ userId: passwordResets.userId });
    if (!used) return null;
    await tx.q.update(users).set({ passwordHash: args.passwordHash }).where(eq(users.id, used.userId));
    return used.userId;
  });
}

/** Recent reset links (never their tokens): for whom, by whom, when, used or not. */
export async function listRecentResets(db: Db, limit = 20) {
  const { passwordResets, users } = db.t;
  const creators = alias(users, "creators");
  return db.q
    .select({
      id: passwordResets.id,
      email: users.email,
      createdBy: creators.email,
      createdAt: passwordResets.createdAt,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .leftJoin(creators, eq(creators.id, passwordResets.createdBy))
    .orderBy(desc(passwordResets.id))
    .limit(limit);
}
