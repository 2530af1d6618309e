import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { auditEvents, users } from "../schema";

export type AuditEvent = typeof auditEvents.$inferSelect;

/** Appends an event; the actor's email is copied so the log outlives the account. */
export function recordAuditEvent(db: Db, args: { studyId: number; userId: number; action: string; detail?: string; now: number }): void {
  const actor = db.select({ email: users.email }).from(users).where(eq(users.id, args.userId)).get();
  db.insert(auditEvents)
    .values({
      studyId: args.studyId,
      userId: args.userId,
      actorEmail: actor?.email ?? "",
      action: args.action,
      detail: args.detail ?? "",
      at: args.now,
    })
    .run();
}

export function listAuditEvents(db: Db, args: { studyId: number; limit: number }): AuditEvent[] {
  return db.select().from(auditEvents).where(eq(auditEvents.studyId, args.studyId)).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(args.limit).all();
}
