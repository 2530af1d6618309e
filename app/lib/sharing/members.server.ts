import {
  acceptInvitation,
  getOpenInvitation,
  getStudyById,
  insertInvitation,
  listMembers,
  listOpenInvitations,
  removeMember,
  deleteMemberInvitation,
  transferOwnership,
  upsertMember,
} from "../../../db/queries/members";
import { isAuditAction, listAuditEvents, recordAuditEvent, type AuditAction } from "../../../db/queries/audit";
import { revokeShareLinksBy } from "../../../db/queries/share-links";
import type { Study } from "../../../db/queries/studies";
import { getUserById } from "../../../db/queries/users";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { hashToken, newToken } from "../platform/token.server";
import type { MemberRole } from "./member-role";

const INVITATION_MS = 1000 * 60 * 60 * 24 * 7;

export type MembersResult = { ok: true; invitationLink?: string } | { ok: false; error: MessageKey };

/** What the owner's members page shows. */
export async function loadMembers(db: Db, study: Study) {
  const owner = await getUserById(db, study.ownerId);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    owner: owner?.email ?? "",
    members: await listMembers(db, study.id),
    invitations: (await listOpenInvitations(db, { studyId: study.id, now: Date.now() })).map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
    })),
    events: (await listAuditEvents(db, { studyId: study.id, limit: 200 })).map((e) => ({
      id: e.id,
      actor: e.actorEmail,
      action: e.action,
      /** The action's name in the reader's language (a row from a newer version shows its code). */
      label: isAuditAction(e.action) ? (`audit.action.${e.action}` satisfies MessageKey) : null,
      detail: e.detail,
      at: e.at,
    })),
  };
}

/** An invitation to join the study: one email address, one role (app/routes/studies.$id.members/schema.ts). */
export interface MemberInvitation {
  email: string;
  role: MemberRole;
}

/** Creates an invitation link for one email and role (valid 7 days, once); the link is shown once. */
export async function inviteMember(db: Db, study: Study, userId: number, input: MemberInvitation): Promise<MembersResult> {
  const token = newToken(24);
  const now = Date.now();
  await insertInvitation(db, { studyId: study.id, tokenHash: hashToken(token), email: input.email, role: input.role, createdBy: userId, now, expiresAt: now + INVITATION_MS });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "invite", detail: `${input.email} (${input.role})`, now });
  return { ok: true, invitationLink: `/invitations/${token}` };
}

const emailOf = async (db: Db, userId: number) => (await getUserById(db, userId))?.email ?? String(userId);

function audit(db: Db, study: Study, userId: number, action: AuditAction, detail = ""): Promise<void> {
  return recordAuditEvent(db, { studyId: study.id, userId, action, detail, now: Date.now() });
}

/** Gives a member another role; refused for someone who is not a member. The role they already have changes and records nothing. */
export async function changeMemberRole(db: Db, study: Study, actorId: number, input: { userId: number; role: MemberRole }): Promise<MembersResult> {
  const member = (await listMembers(db, study.id)).find((m) => m.userId === input.userId);
  if (!member) return { ok: false, error: "members.error.notMember" };
  if (member.role === input.role) return { ok: true };
  await upsertMember(db, { studyId: study.id, userId: input.userId, role: input.role, now: Date.now() });
  await audit(db, study, actorId, "role", `${await emailOf(db, input.userId)} (${input.role})`);
  return { ok: true };
}

/**
 * Removes a member (the page asks first); refused for someone who is not a member. The read-only
 * share links they made end with their membership (decision, issue 14: a link outliving its
 * maker's access would keep sharing what they may no longer see); each revocation is recorded,
 * naming the member removed.
 */
export async function removeMemberOf(db: Db, study: Study, actorId: number, input: { userId: number }): Promise<MembersResult> {
  const { userId } = input;
  const now = Date.now();
  const email = await emailOf(db, userId);
  const removed = await db.transaction(async (tx) => {
    if (!(await removeMember(tx, { studyId: study.id, userId }))) return false;
    await recordAuditEvent(tx, { studyId: study.id, userId: actorId, action: "remove", detail: email, now });
    for (const id of await revokeShareLinksBy(tx, { studyId: study.id, userId, now })) {
      await recordAuditEvent(tx, { studyId: study.id, userId: actorId, action: "shareRevoke", detail: `#${id} (${email} removed)`, now });
    }
    return true;
  });
  return removed ? { ok: true } : { ok: false, error: "members.error.notMember" };
}

/** Makes a member the owner (the page asks first); the previous owner stays as an editor. */
export async function transferStudy(db: Db, study: Study, actorId: number, input: { userId: number }): Promise<MembersResult> {
  const { userId } = input;
  if (!(await listMembers(db, study.id)).some((m) => m.userId === userId)) return { ok: false, error: "members.error.notMember" };
  if (!(await transferOwnership(db, { studyId: study.id, fromUserId: study.ownerId, toUserId: userId, now: Date.now() }))) {
    return { ok: false, error: "members.error.notMember" };
  }
  await audit(db, study, actorId, "transfer", await emailOf(db, userId));
  return { ok: true };
}

/**
 * Revokes an open invitation to join the study (not a respondent's personal invitation:
 * fieldwork/respondent-invitations.server.ts); its link stops working. An id that is no
 * invitation of the study is refused and records nothing.
 */
export async function revokeMemberInvitation(db: Db, study: Study, actorId: number, input: { invitationId: number }): Promise<MembersResult> {
  if (!(await deleteMemberInvitation(db, { studyId: study.id, invitationId: input.invitationId }))) return { ok: false, error: "members.error.invitationGone" };
  await audit(db, study, actorId, "revoke");
  return { ok: true };
}

/**
 * The invitation behind a link for this user, or a 404 (unknown, used or expired). `forOther`
 * is true when it names another email: only the invited account can accept it.
 */
export async function loadInvitation(db: Db, token: string, userId: number) {
  const invitation = await getOpenInvitation(db, { tokenHash: hashToken(token), now: Date.now() });
  const study = invitation ? await getStudyById(db, invitation.studyId) : null;
  if (!invitation || !study) throw new Response("Not found", { status: 404 });
  const email = (await getUserById(db, userId))?.email ?? "";
  return { invitation, study, forOther: email !== invitation.email };
}

/** Joins the study with the invitation's role; only the invited email's account can. */
export async function acceptInvitationFor(db: Db, token: string, userId: number): Promise<{ ok: true; studyId: number } | { ok: false; error: MessageKey }> {
  const { invitation, forOther } = await loadInvitation(db, token, userId);
  if (forOther) return { ok: false, error: "members.error.otherEmail" };
  if (!(await acceptInvitation(db, { invitationId: invitation.id, userId, now: Date.now() }))) throw new Response("Not found", { status: 404 });
  await recordAuditEvent(db, { studyId: invitation.studyId, userId, action: "join", detail: invitation.role, now: Date.now() });
  return { ok: true, studyId: invitation.studyId };
}
