import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitationFor,
  changeMemberRole,
  inviteMember,
  removeMemberOf,
  revokeMemberInvitation,
  transferStudy,
} from "../../../app/lib/sharing/members.server";
import { getMemberRole, getStudyById, listOpenInvitations } from "../../../db/queries/members";
import type { Study } from "../../../db/queries/studies";
import { addStudy, addUser, scalar } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Members of a study and invitations to join it, through the members page's services (no server). */
let temp: TempDb;
let ownerId: number;
let study: Study;

const auditActions = async () =>
  (await temp.db.rows<{ action: string }>(sql`select action from audit_events where study_id = ${study.id} order by id`)).map((r) => r.action);
const roleOf = (userId: number) => getMemberRole(temp.db, { studyId: study.id, userId });

/** Invites `email` with `role` and accepts the link as that account. */
async function join(email: string, role: "editor" | "viewer"): Promise<number> {
  const userId = (await addUser(temp.db, email)).id;
  const invited = await inviteMember(temp.db, study, ownerId, { email, role });
  if (!invited.ok || !invited.invitationLink) throw new Error("not invited");
  const accepted = await acceptInvitationFor(temp.db, invited.invitationLink.split("/").pop()!, userId);
  expect(accepted).toEqual({ ok: true, studyId: study.id });
  return userId;
}

beforeAll(async () => {
  temp = await createTempDb();
  ownerId = (await addUser(temp.db, "owner@example.com")).id;
  study = (await addStudy(temp.db, { ownerId, token: "members-study" })).study;
});
afterAll(() => temp.cleanup());

describe("members (services)", () => {
  it("invites one email with one role: a link shown once, only its token's hash stored, audited", async () => {
    const invited = await inviteMember(temp.db, study, ownerId, { email: "guest@example.com", role: "viewer" });
    if (!invited.ok) throw new Error(invited.error);
    expect(invited.invitationLink).toMatch(/^\/invitations\/[A-Za-z0-9_-]+$/);
    const open = await listOpenInvitations(temp.db, { studyId: study.id, now: Date.now() });
    expect(open.map((i) => [i.email, i.role])).toEqual([["guest@example.com", "viewer"]]);
    expect(JSON.stringify(open)).not.toContain(invited.invitationLink!.split("/").pop()!);
    expect(await auditActions()).toContain("invite");
  });

  it("changes a member's role, and refuses someone who is not a member", async () => {
    const editor = await join("role@example.com", "viewer");
    expect(await changeMemberRole(temp.db, study, ownerId, { userId: editor, role: "editor" })).toEqual({ ok: true });
    expect(await roleOf(editor)).toBe("editor");
    const outsider = (await addUser(temp.db, "outsider@example.com")).id;
    expect(await changeMemberRole(temp.db, study, ownerId, { userId: outsider, role: "editor" })).toEqual({ ok: false, error: "members.error.notMember" });
    expect(await roleOf(outsider)).toBeNull();
  });

  it("removes a member, and refuses one who is not (nothing recorded)", async () => {
    const leaving = await join("leaving@example.com", "editor");
    expect(await removeMemberOf(temp.db, study, ownerId, { userId: leaving })).toEqual({ ok: true });
    expect(await roleOf(leaving)).toBeNull();
    const removals = (await auditActions()).filter((a) => a === "remove").length;
    expect(await removeMemberOf(temp.db, study, ownerId, { userId: leaving })).toEqual({ ok: false, error: "members.error.notMember" });
    expect((await auditActions()).filter((a) => a === "remove").length).toBe(removals);
  });

  it("transfers the study to a member; the previous owner stays as an editor", async () => {
    const heir = await join("heir@example.com", "viewer");
    const outsider = (await addUser(temp.db, "not-a-member@example.com")).id;
    expect(await transferStudy(temp.db, study, ownerId, { userId: outsider })).toEqual({ ok: false, error: "members.error.notMember" });
    expect((await getStudyById(temp.db, study.id))!.ownerId).toBe(ownerId);
    expect(await transferStudy(temp.db, study, ownerId, { userId: heir })).toEqual({ ok: true });
    expect((await getStudyById(temp.db, study.id))!.ownerId).toBe(heir);
    expect(await roleOf(ownerId)).toBe("editor");
    expect(await roleOf(heir)).toBeNull();
    expect(await auditActions()).toContain("transfer");
  });

  it("revokes an open invitation (its link stops working), and refuses an id that is none of the study's", async () => {
    const invited = await inviteMember(temp.db, study, ownerId, { email: "revoked@example.com", role: "editor" });
    if (!invited.ok) throw new Error(invited.error);
    const invitation = (await listOpenInvitations(temp.db, { studyId: study.id, now: Date.now() })).find((i) => i.email === "revoked@example.com")!;
    expect(await revokeMemberInvitation(temp.db, study, ownerId, { invitationId: invitation.id })).toEqual({ ok: true });
    const userId = (await addUser(temp.db, "revoked@example.com")).id;
    await expect(acceptInvitationFor(temp.db, invited.invitationLink!.split("/").pop()!, userId)).rejects.toMatchObject({ status: 404 });
    const revocations = await scalar(temp.db, sql`select count(*) as "v" from audit_events where action = 'revoke'`).then(Number);
    expect(await revokeMemberInvitation(temp.db, study, ownerId, { invitationId: invitation.id })).toEqual({ ok: false, error: "members.error.invitationGone" });
    expect(await scalar(temp.db, sql`select count(*) as "v" from audit_events where action = 'revoke'`).then(Number)).toBe(revocations);
  });
});
