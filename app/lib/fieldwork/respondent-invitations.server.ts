import crypto from "node:crypto";
import { recordAuditEvent } from "../../../db/queries/audit";
import { createInvitations, deleteRespondentInvitation } from "../../../db/queries/invitations";
import type { Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { parseInvitationRows, type LineError } from "./invitations-csv.server";

/** A personal invitation's token: 128 random bits, base64url. */
export function newInvitationToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export type InvitationResult = { ok: true; created?: number; notice: MessageKey } | { ok: false; errors: LineError[] };

/** What the researcher gave: pasted `label,email` lines and/or the text of an uploaded CSV file. */
export interface NewInvitations {
  lines?: string;
  csv?: string;
}

/**
 * Creates respondents' personal invitations from the pasted lines followed by the uploaded file:
 * all or none (every bad line is reported, with its line number), audited.
 */
export async function createRespondentInvitations(db: Db, study: Study, userId: number, input: NewInvitations): Promise<InvitationResult> {
  const pasted = input.lines ?? "";
  const source = input.csv ? (pasted.trim() ? `${pasted.replace(/\s+$/, "")}\n${input.csv}` : input.csv) : pasted;
  const parsed = parseInvitationRows(source);
  if (!parsed.ok) return parsed;
  const created = await createInvitations(db, {
    studyId: study.id,
    rows: parsed.rows.map((r) => ({ ...r, token: newInvitationToken() })),
    now: Date.now(),
  });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "createInvitations", detail: `${created}`, now: Date.now() });
  return { ok: true, created, notice: "fieldwork.invitations.created" };
}

/** Revokes a respondent's personal invitation nobody has used yet (audited); refused once a response started on it. */
export async function revokeRespondentInvitation(db: Db, study: Study, userId: number, input: { invitationId: number }): Promise<InvitationResult> {
  if (!(await deleteRespondentInvitation(db, { studyId: study.id, invitationId: input.invitationId }))) {
    return { ok: false, errors: [{ line: 0, error: "fieldwork.error.revokeUsed" }] };
  }
  await recordAuditEvent(db, { studyId: study.id, userId, action: "revokeInvitation", detail: String(input.invitationId), now: Date.now() });
  return { ok: true, notice: "fieldwork.invitations.revoked" };
}
