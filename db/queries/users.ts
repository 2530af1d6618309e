import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { users } from "../schema";

export type User = typeof users.$inferSelect;

/**
 * Creates a researcher account; returns null when the email is taken. With `adminIfNone`, the
 * account becomes the administrator when the installation has none yet (decided inside the
 * insert, so two simultaneous first sign-ups cannot both be). The demo seed's account never is.
 */
export async function createUser(db: Db, args: { email: string; passwordHash: string; locale?: string; now: number; adminIfNone?: boolean }) {
  const { users } = db.t;
  const [row] = await db.q
    .insert(users)
    .values({
      email: args.email,
      passwordHash: args.passwordHash,
      locale: args.locale ?? "en",
      // `where is_admin` reads the boolean on both engines (1/0 on SQLite, boolean on PostgreSQL).
      isAdmin: args.adminIfNone ? sql`(select count(*) = 0 from ${users} where ${users.isAdmin})` : false,
      createdAt: args.now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function getUserByEmail(db: Db, email: string): Promise<User | null> {
  const { users } = db.t;
  const [row] = await db.q.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function getUserById(db: Db, id: number): Promise<User | null> {
  const { users } = db.t;
  const [row] = await db.q.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function updateUserPassword(db: Db, args: { id: number; passwordHash: string }): Promise<void> {
  const { users } = db.t;
  await db.q.update(users).set({ passwordHash: args.passwordHash }).where(eq(users.id, args.id));
}

/** Every account, oldest first, for the administrators' page. */
export async function listUsers(db: Db): Promise<Array<Pick<User, "id" | "email" | "isAdmin" | "createdAt">>> {
  const { users } = db.t;
  return db.q
    .select({ id: users.id, email: users.email, isAdmin: users.isAdmin, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id));
}

export async function setUserAdmin(db: Db, args: { id: number; isAdmin: boolean }): Promise<void> {
  const { users } = db.t;
  await db.q.update(users).set({ isAdmin: args.isAdmin }).where(eq(users.id, args.id));
}
