import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import type { auditEvents } from "../schema";

export type AuditEvent = typeof auditEvents.$inferSelect;

/** Every action the audit log records; the members page names each one (audit.action.<action>). */
export const AUDIT_ACTIONS = [
  "create", "details", "addOffer", "updateOffer", "deleteOffer", "addAttribute", "updateAttribute", "deleteAttribute",
  "publish", "publishFocusGroup", "addProfileQuestion", "updateProfileQuestion", "deleteProfileQuestion",
  "moveProfileQuestion", "saveQuotas", "fieldworkSettings", "openFieldwork", "closeFieldwork",
  "invite", "role", "remove", "transfer", "revoke", "join",
  "mergeSuggestion", "adoptWeights", "dropWeights", "createInvitations", "revokeInvitation", "exportInvitations",
  "nextWave", "review", "export", "shareCreate", "shareRevoke",
  "strategy.line", "strategy.shares", "strategy.addEvent", "strategy.deleteEvent", "strategy.addFunction",
  "strategy.deleteFunction", "strategy.cells",
  "customers.import", "customers.parameters", "customers.invite",
  "methods", "ratingLayout",
  "webhookCreate", "webhookDelete", "webhookReplay", "panelRedirects", "import",
  "scenario.save", "scenario.delete", "market.prices", "market.waveShares",
  // Written by migration 0007 (PostgreSQL 0002), actor "system (migration)", detail "<code> (<name>)".
  "resetAttributeDirection",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** Appends an event; the actor's email is copied so the log outlives the account. */
export async function recordAuditEvent(db: Db, args: { studyId: number; userId: number; action: AuditAction; detail?: string; now: number }): Promise<void> {
  const { users, auditEvents } = db.t;
  const [actor] = await db.q.select({ email: users.email }).from(users).where(eq(users.id, args.userId));
  await db.q.insert(auditEvents).values({
    studyId: args.studyId,
    userId: args.userId,
    actorEmail: actor?.email ?? "",
    action: args.action,
    detail: args.detail ?? "",
    at: args.now,
  });
}

export async function listAuditEvents(db: Db, args: { studyId: number; limit: number }): Promise<AuditEvent[]> {
  const { auditEvents } = db.t;
  return db.q.select().from(auditEvents).where(eq(auditEvents.studyId, args.studyId)).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(args.limit);
}
