import { and, count, eq, gt, lte, sql } from "drizzle-orm";
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

export interface FailureStats {
  /** Failures for this account from this address, and the last one's time (0 when none). */
  pair: { n: number; last: number };
  /** Failures from this address (any account). */
  address: { n: number; last: number };
  /** Failures for this account (any address). */
  account: { n: number; last: number };
}

/** The failures since `since` the sign-in throttle weighs, in one statement. */
export async function signInFailureStats(db: Db, args: { email: string; ip: string; since: number }): Promise<FailureStats> {
  const [row] = await db.rows<Record<"pairN" | "pairLast" | "ipN" | "ipLast" | "emailN" | "emailLast", number | null>>(
    sql`select
      cast(count(*) filter (where email = ${args.email} and ip = ${args.ip}) as integer) as "pairN",
      max(case when email = ${args.email} and ip = ${args.ip} then at end) as "pairLast",
      cast(count(*) filter (where ip = ${args.ip}) as integer) as "ipN",
      max(case when ip = ${args.ip} then at end) as "ipLast",
      cast(count(*) filter (where email = ${args.email}) as integer) as "emailN",
      max(case when email = ${args.email} then at end) as "emailLast"
    from sign_in_failures where at > ${args.since} and (email = ${args.email} or ip = ${args.ip})`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  return {
    pair: { n: n(row?.pairN), last: n(row?.pairLast) },
    address: { n: n(row?.ipN), last: n(row?.ipLast) },
    account: { n: n(row?.emailN), last: n(row?.emailLast) },
  };
}
