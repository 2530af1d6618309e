import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";

export interface ShareLinkRow {
  id: number;
  createdAt: number;
  revokedAt: number | null;
  /** the creator's email, null when the account is gone */
  createdBy: string | null;
}

export async function insertShareLink(db: Db, args: { studyId: number; tokenHash: string; createdBy: number; now: number }): Promise<number> {
  const { shareLinks } = db.t;
  const [row] = await db.q
    .insert(shareLinks)
    .values({ studyId: args.studyId, tokenHash: args.tokenHash, createdBy: args.createdBy, createdAt: args.now })
    .returning({ id: shareLinks.id });
  return row!.id;
}

/** A study's share links, newest first, with who created them. */
export async function listShareLinks(db: Db, studyId: number): Promise<ShareLinkRow[]> {
  const { shareLinks, users } = db.t;
  return db.q
    .select({ id: shareLinks.id, createdAt: shareLinks.createdAt, revokedAt: shareLinks.revokedAt, createdBy: users.email })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.studyId, studyId))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
}

/** Revokes one active link of the study; false when there is no such active link. */
export async function revokeShareLink(db: Db, args: { studyId: number; id: number; now: number }): Promise<boolean> {
  const { shareLinks } = db.t;
  const rows = await db.q
    .update(shareLinks)
    .set({ revokedAt: args.now })
    .where(and(eq(shareLinks.id, args.id), eq(shareLinks.studyId, args.studyId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  return rows.length === 1;
}

/** Revokes every active link of the study this user made; the ids revoked. */
export async function revokeShareLinksBy(db: Db, args: { studyId: number; userId: number; now: number }): Promise<number[]> {
  const { shareLinks } = db.t;
  const rows = await db.q
    .update(shareLinks)
    .set({ revokedAt: args.now })
    .where(and(eq(shareLinks.studyId, args.studyId), eq(shareLinks.createdBy, args.userId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  return rows.map((r) => r.id);
}

/** The study of an active (not revoked) link by its token's hash, or null. */
export async function findActiveShareLink(db: Db, tokenHash: string): Promise<{ id: number; studyId: number } | null> {
  const { shareLinks } = db.t;
  const [row] = await db.q
    .select({ id: shareLinks.id, studyId: shareLinks.studyId })
    .from(shareLinks)
    .where(and(eq(shareLinks.tokenHash, tokenHash), isNull(shareLinks.revokedAt)));
  return row ?? null;
}

/** Records a download made through a share link (no account: the actor is the link). */
export async function recordSharedExport(db: Db, args: { studyId: number; linkId: number; detail: string; now: number }): Promise<void> {
  const { auditEvents } = db.t;
  await db.q
    .insert(auditEvents)
    .values({ studyId: args.studyId, userId: null, actorEmail: `share link #${args.linkId}`, action: "export", detail: args.detail, at: args.now });
}
