import type { Db } from "../client";
import { respondentInvitations } from "../schema";

export type InvitationStatus = "not_started" | "in_progress" | "complete" | "screened_out";
export interface InvitationRow {
  id: number;
  token: string;
  label: string;
  email: string | null;
  createdAt: number;
  status: InvitationStatus;
}

/** Creates every invitation or none (one transaction). */
export function createInvitations(db: Db, args: { studyId: number; rows: Array<{ token: string; label: string; email: string | null }>; now: number }): number {
  return db.transaction((tx) => {
    for (const row of args.rows) tx.insert(respondentInvitations).values({ ...row, studyId: args.studyId, createdAt: args.now }).run();
    return args.rows.length;
  });
}

const SELECT = `select i.id, i.token, i.label, i.email, i.created_at as createdAt,
    case r.status when 'complete' then 'complete' when 'screened_out' then 'screened_out' when 'draft' then 'in_progress' else 'not_started' end as status
  from respondent_invitations i left join responses r on r.invitation_id = i.id
  where i.study_id = ? order by i.id`;

/** One page of a study's invitations with the status of their response. */
export function listInvitations(db: Db, args: { studyId: number; limit: number; offset: number }): InvitationRow[] {
  return db.$client.prepare(`${SELECT} limit ? offset ?`).all(args.studyId, args.limit, args.offset) as InvitationRow[];
}

/** Every invitation of a study, streamed (the CSV export). */
export function iterateInvitations(db: Db, studyId: number): IterableIterator<InvitationRow> {
  return db.$client.prepare(SELECT).iterate(studyId) as IterableIterator<InvitationRow>;
}

export function countInvitations(db: Db, studyId: number): Record<InvitationStatus | "total", number> {
  const rows = db.$client
    .prepare(`select status, count(*) as n from (${SELECT}) group by status`)
    .all(studyId) as Array<{ status: InvitationStatus; n: number }>;
  const out = { total: 0, not_started: 0, in_progress: 0, complete: 0, screened_out: 0 };
  for (const r of rows) {
    out[r.status] = r.n;
    out.total += r.n;
  }
  return out;
}

/** Deletes an invitation nobody has used yet; false when it has a response or is not the study's. */
export function revokeInvitation(db: Db, args: { studyId: number; invitationId: number }): boolean {
  return (
    db.$client
      .prepare(
        `delete from respondent_invitations where id = ? and study_id = ?
           and not exists (select 1 from responses r where r.invitation_id = respondent_invitations.id)`,
      )
      .run(args.invitationId, args.studyId).changes === 1
  );
}
