import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export type User = typeof users.$inferSelect;

/** Creates a researcher account; returns null when the email is taken. */
export function createUser(db: Db, args: { email: string; passwordHash: string; locale?: string; now: number }) {
  const row = db
    .insert(users)
    .values({ email: args.email, passwordHash: args.passwordHash, locale: args.locale ?? "en", createdAt: args.now })
    .onConflictDoNothing()
    .returning()
    .get();
  return row ?? null;
}

export function getUserByEmail(db: Db, email: string): User | null {
  return db.select().from(users).where(eq(users.email, email)).get() ?? null;
}

export function getUserById(db: Db, id: number): User | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export function updateUserPassword(db: Db, args: { id: number; passwordHash: string }): void {
  db.update(users).set({ passwordHash: args.passwordHash }).where(eq(users.id, args.id)).run();
}
