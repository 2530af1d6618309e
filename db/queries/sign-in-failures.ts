import { and, count, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";
import { signInFailures } from "../schema";

export function recordSignInFailure(db: Db, args: { email: string; ip: string; now: number }): void {
  db.insert(signInFailures).values({ email: args.email, ip: args.ip, at: args.now }).run();
}

/** Failed sign-ins since `since` for this account and from this IP. */
export function countSignInFailures(db: Db, args: { email: string; ip: string; since: number }): { email: number; ip: number } {
  const byEmail = db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, args.email), gt(signInFailures.at, args.since)))
    .get();
  const byIp = db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.ip, args.ip), gt(signInFailures.at, args.since)))
    .get();
  return { email: byEmail?.n ?? 0, ip: byIp?.n ?? 0 };
}

export function pruneSignInFailures(db: Db, before: number): void {
  db.delete(signInFailures).where(lte(signInFailures.at, before)).run();
}
