import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { auditEvents, shareLinks, users } from "../schema";

export interface ShareLinkRow {
  id: number;
  createdAt: number;
  revokedAt: number | null;
  /** the creator's email, null when the account is gone */
  createdBy: string | null;
}

export function insertShareLink(db: Db, args: { studyId: number; tokenHash: string; createdBy: number; now: number }): number {
  return db
    .insert(shareLinks)
    .values({ studyId: args.studyId, tokenHash: args.tokenHash, createdBy: args.createdBy, createdAt: args.now })
    .returning({ id: shareLinks.id })
    .get().id;
}

/** A study's share links, newest first, with who created them. */
export function listShareLinks(db: Db, studyId: number): ShareLinkRow[] {
  return db
    .select({ id: shareLinks.id, createdAt: shareLinks.createdAt, revokedAt: shareLinks.revokedAt, createdBy: users.email })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.studyId, studyId))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
    .all();
}

/** Revokes one active link of the study; false when there is no such active link. */
export function revokeShareLink(db: Db, args: { studyId: number; id: number; now: number }): boolean {
  const result = db
    .update(shareLinks)
    .set({ revokedAt: args.now })
    .where(and(eq(shareLinks.id, args.id), eq(shareLinks.studyId, args.studyId), isNull(shareLinks.revokedAt)))
    .run();
  return result.changes === 1;
}

/** The study of an active (not revoked) link by its token's hash, or null. */
export function findActiveShareLink(db: Db, tokenHash: string): { id: number; studyId: number } | null {
  return (
    db
      .select({ id: shareLinks.id, studyId: shareLinks.studyId })
      .from(shareLinks)
      .where(and(eq(shareLinks.tokenHash, tokenHash), isNull(shareLinks.revokedAt)))
      .get() ?? null
  );
}

/** Records a download made through a share link (no account: the actor is the link). */
export function recordSharedExport(db: Db, args: { studyId: number; linkId: number; detail: string; now: number }): void {
  db.insert(auditEvents)
    .values({ studyId: args.studyId, userId: null, actorEmail: `share link #${args.linkId}`, action: "export", detail: args.detail, at: args.now })
    .run();
}
