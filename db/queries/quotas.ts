import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { quotas } from "../schema";

export type Quota = typeof quotas.$inferSelect;

export function listQuotas(db: Db, studyId: number): Quota[] {
  return db.select().from(quotas).where(eq(quotas.studyId, studyId)).orderBy(asc(quotas.questionCode), asc(quotas.id)).all();
}

/**
 * Replaces the quotas of one profile question: `targets` maps a choice code to its target
 * (cells left out have no quota). One transaction: all or nothing.
 */
export function setQuotas(db: Db, args: { studyId: number; questionCode: string; targets: Record<string, number> }): void {
  db.transaction((tx) => {
    tx.delete(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, args.questionCode))).run();
    for (const [value, target] of Object.entries(args.targets)) {
      tx.insert(quotas).values({ studyId: args.studyId, questionCode: args.questionCode, value, target }).run();
    }
  });
}
