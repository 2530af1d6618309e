import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { chunks } from "../sql";

export type InvitationStatus = "not_started" | "in_progress" | "complete" | "screened_out";
export interface InvitationRow {
  id: number;
  token: string;
  label: string;
  email: string | null;
  createdAt: number;
  status: InvitationStatus;
}

/** Creates every invitation or none (one transaction); `customerId` ties one to a customer of the study's transactions. */
export function createInvitations(
  db: Db,
  args: { studyId: number; rows: Array<{ token: string; label: string; email: string | null; customerId?: string | null }>; now: number },
): Promise<number> {
  return db.transaction(async (tx) => {
    for (const part of chunks(args.rows)) {
      await tx.q.insert(tx.t.respondentInvitations).values(part.map((row) => ({ ...row, studyId: args.studyId, createdAt: args.now })));
    }
    return args.rows.length;
  });
}

const select = (studyId: number) => sql`select i.id, i.token, i.label, i.email, i.created_at as "createdAt",
    case r.status when 'complete' then 'complete' when 'screened_out' then 'screened_out' when 'draft' then 'in_progress' else 'not_started' end as "status"
  from respondent_invitations i left join responses r on r.invitation_id = i.id
  where i.study_id = ${studyId}`;

/** One page of a study's invitations with the status of their response. */
export function listInvitations(db: Db, args: { studyId: number; limit: number; offset: number }): Promise<InvitationRow[]> {
  return db.rows<InvitationRow>(sql`${select(args.studyId)} order by i.id limit ${args.limit} offset ${args.offset}`);
}

/** Every invitation of a study (the CSV export). */
export function listAllInvitations(db: Db, studyId: number): Promise<InvitationRow[]> {
  return db.rows<InvitationRow>(sql`${select(studyId)} order by i.id`);
}

export async function countInvitations(db: Db, studyId: number): Promise<Record<InvitationStatus | "total", number>> {
  const rows = await db.rows<{ status: InvitationStatus; n: number }>(
    sql`select s.status as "status", cast(count(*) as integer) as "n" from (${select(studyId)}) s group by s.status`,
  );
  const out = { total: 0, not_started: 0, in_progress: 0, complete: 0, screened_out: 0 };
  for (const r of rows) {
    out[r.status] = Number(r.n);
    out.total += Number(r.n);
  }
  return out;
}

/**
 * Deletes a respondent's personal invitation nobody has used yet (not an invitation to join the
 * study as a member: members.ts); false when it has a response or is not the study's.
 * Under the invitation's lock, so a response starting on it at the same moment either comes
 * first (and the invitation stays) or finds it gone.
 */
export function deleteRespondentInvitation(db: Db, args: { studyId: number; invitationId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.lock(`invitation:${args.invitationId}`);
    const changed = await tx.run(
      sql`delete from respondent_invitations where id = ${args.invitationId} and study_id = ${args.studyId}
         and not exists (select 1 from responses r where r.invitation_id = respondent_invitations.id)`,
    );
    return changed === 1;
  });
}
