import { z } from "zod";
import {
  acceptInvitation,
  getOpenInvitation,
  getStudyById,
  insertInvitation,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
  transferOwnership,
  upsertMember,
} from "../../db/queries/members";
import { isAuditAction, listAuditEvents, recordAuditEvent, type AuditAction } from "../../db/queries/audit";
import type { Study } from "../../db/queries/studies";
import { getUserById } from "../../db/queries/users";
import type { MessageKey } from "~/i18n";
import { db } from "./db.server";
import { hashToken, newToken } from "./token.server";

const INVITATION_MS = 1000 * 60 * 60 * 24 * 7;

export type MembersResult = { ok: true; invitationLink?: string } | { ok: false; error: MessageKey };

/** What the owner's members page shows. */
export function loadMembers(study: Study) {
  const owner = getUserById(db, study.ownerId);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    owner: owner?.email ?? "",
    members: listMembers(db, study.id),
    invitations: listOpenInvitations(db, { studyId: study.id, now: Date.now() }).map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
    })),
    events: listAuditEvents(db, { studyId: study.id, limit: 200 }).map((e) => ({
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

const RoleSchema = z.enum(["editor", "viewer"]);
const InviteSchema = z.object({ email: z.string().trim().toLowerCase().email().max(254), role: RoleSchema });

/** Creates an invitation link for one email and role (valid 7 days, once); the link is shown once. */
export function inviteMember(study: Study, userId: number, form: FormData): MembersResult {
  const parsed = InviteSchema.safeParse({ email: form.get("email"), role: form.get("role") });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.some((i) => i.path[0] === "email") ? "auth.emailInvalid" : "members.error.role" };
  }
  const token = newToken(24);
  const now = Date.now();
  insertInvitation(db, { studyId: study.id, tokenHash: hashToken(token), ...parsed.data, createdBy: userId, now, expiresAt: now + INVITATION_MS });
  recordAuditEvent(db, { studyId: study.id, userId, action: "invite", detail: `${parsed.data.email} (${parsed.data.role})`, now });
  return { ok: true, invitationLink: `/invitations/${token}` };
}

const emailOf = (userId: number) => getUserById(db, userId)?.email ?? String(userId);

function audit(study: Study, userId: number, action: AuditAction, detail = ""): void {
  recordAuditEvent(db, { studyId: study.id, userId, action, detail, now: Date.now() });
}

function memberId(form: FormData): number {
  return Number(form.get("userId"));
}

export function changeMemberRole(study: Study, actorId: number, form: FormData): MembersResult {
  const role = RoleSchema.safeParse(form.get("role"));
  const userId = memberId(form);
  if (!role.success) return { ok: false, error: "members.error.role" };
  if (!listMembers(db, study.id).some((m) => m.userId === userId)) return { ok: false, error: "members.error.notMember" };
  upsertMember(db, { studyId: study.id, userId, role: role.data, now: Date.now() });
  audit(study, actorId, "role", `${emailOf(userId)} (${role.data})`);
  return { ok: true };
}

export function removeMemberOf(study: Study, actorId: number, form: FormData): MembersResult {
  const userId = memberId(form);
  if (!removeMember(db, { studyId: study.id, userId })) return { ok: false, error: "members.error.notMember" };
  audit(study, actorId, "remove", emailOf(userId));
  return { ok: true };
}

/** Makes a member the owner; the previous owner stays as an editor. */
export function transferStudy(study: Study, actorId: number, form: FormData): MembersResult {
  const userId = memberId(form);
  if (!listMembers(db, study.id).some((m) => m.userId === userId)) return { ok: false, error: "members.error.notMember" };
  if (!transferOwnership(db, { studyId: study.id, fromUserId: study.ownerId, toUserId: userId, now: Date.now() })) {
    return { ok: false, error: "members.error.notMember" };
  }
  audit(study, actorId, "transfer", emailOf(userId));
  return { ok: true };
}

export function revokeInvitationOf(study: Study, actorId: number, form: FormData): MembersResult {
  revokeInvitation(db, { studyId: study.id, invitationId: Number(form.get("invitationId")) });
  audit(study, actorId, "revoke");
  return { ok: true };
}

/**
 * The invitation behind a link for this user, or a 404 (unknown, used or expired). `forOther`
 * is true when it names another email: only the invited account can accept it.
 */
export function loadInvitation(token: string, userId: number) {
  const invitation = getOpenInvitation(db, { tokenHash: hashToken(token), now: Date.now() });
  const study = invitation ? getStudyById(db, invitation.studyId) : null;
  if (!invitation || !study) throw new Response("Not found", { status: 404 });
  const email = getUserById(db, userId)?.email ?? "";
  return { invitation, study, forOther: email !== invitation.email };
}

/** Joins the study with the invitation's role; only the invited email's account can. */
export function acceptInvitationFor(token: string, userId: number): { ok: true; studyId: number } | { ok: false; error: MessageKey } {
  const { invitation, forOther } = loadInvitation(token, userId);
  if (forOther) return { ok: false, error: "members.error.otherEmail" };
  if (!acceptInvitation(db, { invitationId: invitation.id, userId, now: Date.now() })) throw new Response("Not found", { status: 404 });
  recordAuditEvent(db, { studyId: invitation.studyId, userId, action: "join", detail: invitation.role, now: Date.now() });
  return { ok: true, studyId: invitation.studyId };
}
