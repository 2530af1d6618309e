import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export type User = typeof users.$inferSelect;

/**
 * Creates a researcher account; returns null when the email is taken. With `adminIfNone`, the
 * account becomes the administrator when the installation has none yet (decided inside the
 * insert, so two simultaneous first sign-ups cannot both be). The demo seed's account never is.
 */
export function createUser(db: Db, args: { email: string; passwordHash: string; locale?: string; now: number; adminIfNone?: boolean }) {
  const row = db
    .insert(users)
    .values({
      email: args.email,
      passwordHash: args.passwordHash,
      locale: args.locale ?? "en",
      isAdmin: args.adminIfNone ? sql`(select count(*) = 0 from ${users} where ${users.isAdmin} = 1)` : false,
      createdAt: args.now,
    })
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

/** Every account, oldest first, for the administrators' page. */
export function listUsers(db: Db): Array<Pick<User, "id" | "email" | "isAdmin" | "createdAt">> {
  return db
    .select({ id: users.id, email: users.email, isAdmin: users.isAdmin, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id))
    .all();
}

export function setUserAdmin(db: Db, args: { id: number; isAdmin: boolean }): void {
  db.update(users).set({ isAdmin: args.isAdmin }).where(eq(users.id, args.id)).run();
}
