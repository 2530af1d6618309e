import { and, count, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";

export async function recordSignInFailure(db: Db, args: { email: string; ip: string; now: number }): Promise<void> {
  const { signInFailures } = db.t;
  await db.q.insert(signInFailures).values({ email: args.email, ip: args.ip, at: args.now });
}

/** Failed sign-ins since `since` for this account and from this IP. */
export async function countSignInFailures(db: Db, args: { email: string; ip: string; since: number }): Promise<{ email: number; ip: number }> {
  const { signInFailures } = db.t;
  const [byEmail] = await db.q
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, args.email), gt(signInFailures.at, args.since)));
  const [byIp] = await db.q
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.ip, args.ip), gt(signInFailures.at, args.since)));
  return { email: byEmail?.n ?? 0, ip: byIp?.n ?? 0 };
}

export async function pruneSignInFailures(db: Db, before: number): Promise<void> {
  const { signInFailures } = db.t;
  await db.q.delete(signInFailures).where(lte(signInFailures.at, before));
}
