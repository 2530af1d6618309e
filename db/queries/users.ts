import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import type { users } from "../schema";

export type User = typeof users.$inferSelect;

/**
 * Creates a researcher account; returns null when the email is taken. Administrators are the
 * operator's choice (ADMIN_EMAILS, `npm run make-admin`), never the first to sign up.
 */
export async function createUser(db: Db, args: { email: string; passwordHash: string; locale?: string; now: number; isAdmin?: boolean }) {
  const { users } = db.t;
  const [row] = await db.q
    .insert(users)
    .values({
      email: args.email,
      passwordHash: args.passwordHash,
      locale: args.locale ?? "en",
      isAdmin: args.isAdmin ?? false,
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

/** Makes the accounts with these emails administrators; returns the emails that have an account and were not yet. */
export async function grantAdminByEmail(db: Db, emails: readonly string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const { users } = db.t;
  const rows = await db.q
    .update(users)
    .set({ isAdmin: true })
    .where(and(inArray(users.email, [...emails]), eq(users.isAdmin, false)))
    .returning({ email: users.email });
  return rows.map((r) => r.email);
}
