import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { quotas } from "../schema";

export type Quota = typeof quotas.$inferSelect;

export async function listQuotas(db: Db, studyId: number): Promise<Quota[]> {
  const { quotas } = db.t;
  return db.q.select().from(quotas).where(eq(quotas.studyId, studyId)).orderBy(asc(quotas.questionCode), asc(quotas.id));
}

/**
 * Replaces the quotas of one profile question: `targets` maps a choice code to its target
 * (cells left out have no quota). One transaction: all or nothing.
 */
export function setQuotas(db: Db, args: { studyId: number; questionCode: string; targets: Record<string, number> }): Promise<void> {
  return db.transaction(async (tx) => {
    const { quotas } = tx.t;
    await tx.q.delete(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, args.questionCode)));
    const rows = Object.entries(args.targets).map(([value, target]) => ({ studyId: args.studyId, questionCode: args.questionCode, value, target }));
    if (rows.length > 0) await tx.q.insert(quotas).values(rows);
  });
}

/** The profile questions of a study that carry a quota (asked early: a full cell ends there). */
export async function quotaQuestionCodes(db: Db, studyId: number): Promise<string[]> {
  const rows = await db.rows<{ code: string }>(sql`select distinct question_code as "code" from quotas where study_id = ${studyId} order by question_code`);
  return rows.map((r) => r.code);
}
