import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { studyInvitations } from "../schema";
import type { Study } from "./studies";

export type MemberRole = "editor" | "viewer";
export type Invitation = typeof studyInvitations.$inferSelect;

/** A study by id, whoever owns it (callers check the role). */
export async function getStudyById(db: Db, id: number): Promise<Study | null> {
  const { studies } = db.t;
  const [row] = await db.q.select().from(studies).where(eq(studies.id, id));
  return row ?? null;
}

export async function getMemberRole(db: Db, args: { studyId: number; userId: number }): Promise<MemberRole | null> {
  const { studyMembers } = db.t;
  const [row] = await db.q
    .select({ role: studyMembers.role })
    .from(studyMembers)
    .where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.userId)));
  return row?.role ?? null;
}

/** Studies the user owns or is a member of, newest change first, with the user's role. */
export async function listStudiesOfUser(db: Db, userId: number): Promise<(Study & { role: "owner" | MemberRole })[]> {
  const { studies, studyMembers } = db.t;
  const rows = await db.q
    .select({ study: studies, memberRole: studyMembers.role })
    .from(studies)
    .leftJoin(studyMembers, and(eq(studyMembers.studyId, studies.id), eq(studyMembers.userId, userId)))
    .where(or(eq(studies.ownerId, userId), sql`${studyMembers.userId} is not null`))
    .orderBy(desc(studies.updatedAt));
  return rows.map((r) => ({ ...r.study, role: r.study.ownerId === userId ? "owner" : (r.memberRole ?? "viewer") }));
}

export async function listMembers(db: Db, studyId: number) {
  const { studyMembers, users } = db.t;
  return db.q
    .select({ userId: studyMembers.userId, email: users.email, role: studyMembers.role })
    .from(studyMembers)
    .innerJoin(users, eq(users.id, studyMembers.userId))
    .where(eq(studyMembers.studyId, studyId))
    .orderBy(users.email);
}

/** Adds or changes a member's role. */
export async function upsertMember(db: Db, args: { studyId: number; userId: number; role: MemberRole; now: number }): Promise<void> {
  const { studyMembers } = db.t;
  await db.q
    .insert(studyMembers)
    .values({ studyId: args.studyId, userId: args.userId, role: args.role, createdAt: args.now })
    .onConflictDoUpdate({ target: [studyMembers.studyId, studyMembers.userId], set: { role: args.role } });
}

export async function removeMember(db: Db, args: { studyId: number; userId: number }): Promise<boolean> {
  const { studyMembers } = db.t;
  const rows = await db.q
    .delete(studyMembers)
    .where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.userId)))
    .returning({ userId: studyMembers.userId });
  return rows.length === 1;
}

/** Makes `newOwnerId` (a member) the owner; the previous owner stays as an editor. One transaction. */
export function transferOwnership(db: Db, args: { studyId: number; fromUserId: number; toUserId: number; now: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { studies, studyMembers } = tx.t;
    const moved = await tx.q
      .update(studies)
      .set({ ownerId: args.toUserId, updatedAt: args.now })
      .where(and(eq(studies.id, args.studyId), eq(studies.ownerId, args.fromUserId)))
      .returning({ id: studies.id });
    if (moved.length !== 1) return false;
    await tx.q.delete(studyMembers).where(and(eq(studyMembers.studyId, args.studyId), eq(studyMembers.userId, args.toUserId)));
    await tx.q.insert(studyMembers).values({ studyId: args.studyId, userId: args.fromUserId, role: "editor", createdAt: args.now });
    return true;
  });
}

export async function insertInvitation(
  db: Db,
  args: { studyId: number; tokenHash: string; email: string; role: MemberRole; createdBy: number; now: number; expiresAt: number },
): Promise<Invitation> {
  const { studyInvitations } = db.t;
  const [row] = await db.q
    .insert(studyInvitations)
    .values({ ...args, createdAt: args.now })
    .returning();
  return row!;
}

/** An invitation that is neither used nor expired. */
export async function getOpenInvitation(db: Db, args: { tokenHash: string; now: number }): Promise<Invitation | null> {
  const { studyInvitations } = db.t;
  const [row] = await db.q
    .select()
    .from(studyInvitations)
    .where(and(eq(studyInvitations.tokenHash, args.tokenHash), isNull(studyInvitations.acceptedAt), gt(studyInvitations.expiresAt, args.now)));
  return row ?? null;
}

export async function listOpenInvitations(db: Db, args: { studyId: number; now: number }): Promise<Invitation[]> {
  const { studyInvitations } = db.t;
  return db.q
    .select()
    .from(studyInvitations)
    .where(and(eq(studyInvitations.studyId, args.studyId), isNull(studyInvitations.acceptedAt), gt(studyInvitations.expiresAt, args.now)))
    .orderBy(desc(studyInvitations.createdAt));
}

/**
 * Marks the invitation used and adds the member, in one transaction; false when already used
 * (the conditional update lets one of two concurrent acceptances through on either engine).
 */
export function acceptInvitation(db: Db, args: { invitationId: number; userId: number; now: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { studyInvitations, studies, studyMembers } = tx.t;
    const [inv] = await tx.q
      .update(studyInvitations)
      .set({ acceptedAt: args.now })
      .where(and(eq(studyInvitations.id, args.invitationId), isNull(studyInvitations.acceptedAt)))
      .returning();
    if (!inv) return false;
    const [owner] = await tx.q.select({ ownerId: studies.ownerId }).from(studies).where(eq(studies.id, inv.studyId));
    if (owner?.ownerId === args.userId) return true;
    await tx.q
      .insert(studyMembers)
      .values({ studyId: inv.studyId, userId: args.userId, role: inv.role, createdAt: args.now })
      .onConflictDoUpdate({ target: [studyMembers.studyId, studyMembers.userId], set: { role: inv.role } });
    return true;
  });
}

/**
 * Deletes an invitation to join the study as a member (not a respondent's invitation:
 * invitations.ts); false when the study has no invitation with this id.
 */
export async function deleteMemberInvitation(db: Db, args: { studyId: number; invitationId: number }): Promise<boolean> {
  const { studyInvitations } = db.t;
  const rows = await db.q
    .delete(studyInvitations)
    .where(and(eq(studyInvitations.studyId, args.studyId), eq(studyInvitations.id, args.invitationId)))
    .returning({ id: studyInvitations.id });
  return rows.length === 1;
}
