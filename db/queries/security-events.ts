import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { securityEvents } from "../schema";

export type SecurityEvent = typeof securityEvents.$inferSelect;
export type SecurityEventKind = SecurityEvent["kind"];

export async function recordSecurityEvent(db: Db, args: { kind: SecurityEventKind; email?: string; ip?: string; detail?: string; now: number }): Promise<void> {
  const { securityEvents } = db.t;
  await db.q.insert(securityEvents).values({ kind: args.kind, email: args.email ?? "", ip: args.ip ?? "", detail: args.detail ?? "", at: args.now });
}

/** Whether an event of this kind for this e-mail and address was recorded since `since` (one per burst). */
export async function hasRecentSecurityEvent(db: Db, args: { kind: SecurityEventKind; email?: string; ip?: string; since: number }): Promise<boolean> {
  const { securityEvents } = db.t;
  const rows = await db.q
    .select({ id: securityEvents.id })
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.kind, args.kind),
        eq(securityEvents.email, args.email ?? ""),
        eq(securityEvents.ip, args.ip ?? ""),
        gt(securityEvents.at, args.since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The newest events first, for the administrators' page. */
export async function listSecurityEvents(db: Db, limit = 100): Promise<SecurityEvent[]> {
  const { securityEvents } = db.t;
  return db.q.select().from(securityEvents).orderBy(desc(securityEvents.at), desc(securityEvents.id)).limit(limit);
}

/** Deletes events older than `before` (kept 90 days). */
export async function pruneSecurityEvents(db: Db, before: number): Promise<void> {
  await db.run(sql`delete from security_events where at < ${before}`);
}
