import { recordAuditEvent } from "../../../db/queries/audit";
import { listProfileQuestionRows } from "../../../db/queries/profile-questions";
import { setQuotas } from "../../../db/queries/quotas";
import type { Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult } from "./design-result";

export interface QuotaInput {
  questionCode: string;
  /** A target per choice code; a choice left out (or without target) has no quota. */
  targets: Array<{ choice: string; target?: number }>;
}

/** Replaces the quotas of one choice question (targets are whole numbers 1…1,000,000, checked by the schema). */
export async function saveQuotas(db: Db, study: Study, userId: number, input: QuotaInput): Promise<DesignResult> {
  const question = (await listProfileQuestionRows(db, study.id)).find((q) => q.code === input.questionCode && q.kind === "choice");
  if (!question) return refused({ "": ["fieldwork.error.quotaQuestion"] });
  const choices = new Set(question.choices.map((c) => c.code));
  const targets: Record<string, number> = {};
  for (const row of input.targets) {
    if (!choices.has(row.choice)) return refused({ "": ["fieldwork.error.quotaQuestion"] });
    if (row.target !== undefined) targets[row.choice] = row.target;
  }
  await setQuotas(db, { studyId: study.id, questionCode: question.code, targets });
  const detail = `${question.code}: ${Object.entries(targets).map(([k, v]) => `${k}=${v}`).join(", ")}`;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "saveQuotas", detail, now: Date.now() });
  return done("study.saved");
}
