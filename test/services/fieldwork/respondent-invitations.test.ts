import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRespondentInvitations, revokeRespondentInvitation } from "../../../app/lib/fieldwork/respondent-invitations.server";
import { listInvitations } from "../../../db/queries/invitations";
import type { Study } from "../../../db/queries/studies";
import { addStudy, addUser, scalar } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Respondents' personal invitations, through the distribution page's services (no server). */
let temp: TempDb;
let userId: number;
let study: Study;
let questionnaireId: number;

const rows = async () => (await listInvitations(temp.db, { studyId: study.id, limit: 100, offset: 0 })).map((i) => [i.label, i.email]);
const audited = (action: string) => scalar(temp.db, sql`select count(*) as "v" from audit_events where study_id = ${study.id} and action = ${action}`).then(Number);

beforeAll(async () => {
  temp = await createTempDb();
  userId = (await addUser(temp.db, "fieldwork@example.com")).id;
  const added = await addStudy(temp.db, { ownerId: userId, token: "invitations-study" });
  study = added.study;
  questionnaireId = added.questionnaire.id;
});
afterAll(() => temp.cleanup());

describe("respondent invitations (services)", () => {
  it("creates nothing when one line is bad, naming the line (pasted lines first, then the file)", async () => {
    const result = await createRespondentInvitations(temp.db, study, userId, { lines: "Acme,a@acme.example\n", csv: "Beta,b@beta.example\nGamma,not-an-email\n" });
    // Line 1 is pasted, lines 2-3 come from the file: the bad email is on line 3.
    expect(result).toEqual({ ok: false, errors: [{ line: 3, error: "fieldwork.error.invitationEmail" }] });
    expect(await rows()).toEqual([]);
    expect(await audited("createInvitations")).toBe(0);
  });

  it("refuses a request with no line", async () => {
    expect(await createRespondentInvitations(temp.db, study, userId, { lines: " \n " })).toEqual({
      ok: false,
      errors: [{ line: 0, error: "fieldwork.error.invitationsEmpty" }],
    });
  });

  it("creates every line of the pasted text and the file, audited once", async () => {
    const result = await createRespondentInvitations(temp.db, study, userId, { lines: "label,email\nAcme,a@acme.example", csv: "solo@example.com\nWalk-in\n" });
    expect(result).toEqual({ ok: true, created: 3, notice: "fieldwork.invitations.created" });
    expect(await rows()).toEqual([
      ["Acme", "a@acme.example"],
      ["", "solo@example.com"],
      ["Walk-in", null],
    ]);
    expect(await audited("createInvitations")).toBe(1);
  });

  it("revokes an invitation nobody has used, and refuses one with a response or of another id", async () => {
    const [acme, , walkIn] = await listInvitations(temp.db, { studyId: study.id, limit: 100, offset: 0 });
    await temp.db.run(
      sql`insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, invitation_id)
          values ('invited-response-01', ${questionnaireId}, 'draft', '[]', 1, 1, ${acme!.id})`,
    );
    const refused = { ok: false, errors: [{ line: 0, error: "fieldwork.error.revokeUsed" }] };
    expect(await revokeRespondentInvitation(temp.db, study, userId, { invitationId: acme!.id })).toEqual(refused);
    expect(await revokeRespondentInvitation(temp.db, study, userId, { invitationId: 999_999 })).toEqual(refused);
    expect(await audited("revokeInvitation")).toBe(0);
    expect(await revokeRespondentInvitation(temp.db, study, userId, { invitationId: walkIn!.id })).toEqual({ ok: true, notice: "fieldwork.invitations.revoked" });
    expect(await rows()).toEqual([
      ["Acme", "a@acme.example"],
      ["", "solo@example.com"],
    ]);
    expect(await audited("revokeInvitation")).toBe(1);
  });
});
