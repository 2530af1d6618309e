import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { studies, studyInvitations, studyMembers, users } from "../schema";
import type { Study } from "./studies";

export type MemberRole = "editor" | "viewer";
export type Invitation = typeof studyInvitations.$inferSelect;

/** A study by id, whoever owns it (callers check the role). */
export function getStudyById(db: Db, id: number): Study | null {
  return db.select().from(studies).where(eq(studies.id, id)).get() ?? null;
}

export function getMemberRole(db: Db, args: { studyId: number; userId: number }): MemberRole | null {
  const row = db
    .select({ role: studyMembers.role })
    .from(studyMembers)
    .where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.userId)))
    .get();
  return row?.role ?? null;
}

/** Studies the user owns or is a member of, newest change first, with the user's role. */
export function listStudiesOfUser(db: Db, userId: number): (Study & { role: "owner" | MemberRole })[] {
  const rows = db
    .select({ study: studies, memberRole: studyMembers.role })
    .from(studies)
    .leftJoin(studyMembers, and(eq(studyMembers.studyId, studies.id), eq(studyMembers.userId, userId)))
    .where(or(eq(studies.ownerId, userId), sql`${studyMembers.userId} is not null`))
    .orderBy(desc(studies.updatedAt))
    .all();
  return rows.map((r) => ({ ...r.study, role: r.study.ownerId === userId ? "owner" : (r.memberRole ?? "viewer") }));
}

export function listMembers(db: Db, studyId: number) {
  return db
    .select({ userId: studyMembers.userId, email: users.email, role: studyMembers.role })
    .from(studyMembers)
    .innerJoin(users, eq(users.id, studyMembers.userId))
    .where(eq(studyMembers.studyId, studyId))
    .orderBy(users.email)
    .all();
}

/** Adds or changes a member's role. */
export function upsertMember(db: Db, args: { studyId: number; userId: number; role: MemberRole; now: number }): void {
  db.insert(studyMembers)
    .values({ studyId: args.studyId, userId: args.userId, role: args.role, createdAt: args.now })
    .onConflictDoUpdate({ target: [studyMembers.studyId, studyMembers.userId], set: { role: args.role } })
    .run();
}

export function removeMember(db: Db, args: { studyId: number; userId: number }): boolean {
  return db.delete(studyMembers).where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.userId))).run().changes === 1;
}

/** Makes `newOwnerId` (a member) the owner; the previous owner stays as an editor. One transaction. */
export function transferOwnership(db: Db, args: { studyId: number; fromUserId: number; toUserId: number; now: number }): boolean {
  return db.transaction((tx) => {
    const moved = tx
      .update(studies)
      .set({ ownerId: args.toUserId, updatedAt: args.now })
      .where(and(eq(studies.id, args.studyId), eq(studies.ownerId, args.fromUserId)))
      .run();
    if (moved.changes !== 1) return false;
    tx.delete(studyMembers).where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.toUserId))).run();
    tx.insert(studyMembers).values({ studyId: args.studyId, userId: args.fromUserId, role: "editor", createdAt: args.now }).run();
    return true;
  });
}

export function insertInvitation(
  db: Db,
  args: { studyId: number; tokenHash: string; email: string; role: MemberRole; createdBy: number; now: number; expiresAt: number },
): Invitation {
  return db
    .insert(studyInvitations)
    .values({ ...args, createdAt: args.now })
    .returning()
    .get();
}

/** An invitation that is neither used nor expired. */
export function getOpenInvitation(db: Db, args: { tokenHash: string; now: number }): Invitation | null {
  return (
    db
      .select()
      .from(studyInvitations)
      .where(and(eq(studyInvitations.tokenHash, args.tokenHash), isNull(studyInvitations.acceptedAt), gt(studyInvitations.expiresAt, args.now)))
      .get() ?? null
  );
}

export function listOpenInvitations(db: Db, args: { studyId: number; now: number }): Invitation[] {
  return db
    .select()
    .from(studyInvitations)
    .where(and(eq(studyInvitations.studyId, args.studyId), isNull(studyInvitations.acceptedAt), gt(studyInvitations.expiresAt, args.now)))
    .orderBy(desc(studyInvitations.createdAt))
    .all();
}

/** Marks the invitation used and adds the member, in one transaction; false when already used. */
export function acceptInvitation(db: Db, args: { invitationId: number; userId: number; now: number }): boolean {
  return db.transaction((tx) => {
    const inv = tx
      .update(studyInvitations)
      .set({ acceptedAt: args.now })
      .where(and(eq(studyInvitations.id, args.invitationId), isNull(studyInvitations.acceptedAt)))
      .returning()
      .get();
    if (!inv) return false;
    const owner = tx.select({ ownerId: studies.ownerId }).from(studies).where(eq(studies.id, inv.studyId)).get();
    if (owner?.ownerId === args.userId) return true;
    tx.insert(studyMembers)
      .values({ studyId: inv.studyId, userId: args.userId, role: inv.role, createdAt: args.now })
      .onConflictDoUpdate({ target: [studyMembers.studyId, studyMembers.userId], set: { role: inv.role } })
      .run();
    return true;
  });
}

export function revokeInvitation(db: Db, args: { studyId: number; invitationId: number }): void {
  db.delete(studyInvitations).where(and(eq(studyInvitations.studyId, args.studyId), eq(studyInvitations.id, args.invitationId))).run();
}
