import { and, asc, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import type { profileQuestions } from "../schema";
import { ProfileChoiceSchema, type ProfileQuestionDefinition } from "../../surveys/study-definition";

export type ProfileQuestionRow = typeof profileQuestions.$inferSelect;
export type ProfileQuestionFields = ProfileQuestionDefinition;

function toDefinition(q: ProfileQuestionRow): ProfileQuestionDefinition {
  return {
    code: q.code,
    kind: q.kind,
    text: q.text,
    textZh: q.textZh,
    choices: ProfileChoiceSchema.array().parse(JSON.parse(q.choicesJson)),
    isSegment: q.isSegment,
    // Only when set: definitions frozen before the column existed compare equal to the study now.
    ...(q.askFirst ? { askFirst: true } : {}),
  };
}

async function rowsOf(db: Db, studyId: number): Promise<ProfileQuestionRow[]> {
  const { profileQuestions } = db.t;
  return db.q
    .select()
    .from(profileQuestions)
    .where(eq(profileQuestions.studyId, studyId))
    .orderBy(asc(profileQuestions.sort), asc(profileQuestions.id));
}

/** A study's profile questions in their order, as `surveys/` defines them. */
export async function listProfileQuestions(db: Db, studyId: number): Promise<ProfileQuestionDefinition[]> {
  return (await rowsOf(db, studyId)).map(toDefinition);
}

/** The same with their row ids, for the design screen. */
export async function listProfileQuestionRows(db: Db, studyId: number): Promise<Array<ProfileQuestionDefinition & { id: number }>> {
  return (await rowsOf(db, studyId)).map((q) => ({ id: q.id, ...toDefinition(q) }));
}

function columns(fields: ProfileQuestionFields) {
  return {
    code: fields.code,
    kind: fields.kind,
    text: fields.text,
    textZh: fields.textZh ?? null,
    choicesJson: JSON.stringify(fields.kind === "choice" ? fields.choices : []),
    isSegment: fields.isSegment,
    askFirst: fields.askFirst === true,
  };
}

export function addProfileQuestion(db: Db, args: { studyId: number; fields: ProfileQuestionFields }): Promise<ProfileQuestionRow> {
  return db.transaction(async (tx) => {
    const { profileQuestions } = tx.t;
    const [last] = await tx.q.select({ sort: max(profileQuestions.sort) }).from(profileQuestions).where(eq(profileQuestions.studyId, args.studyId));
    const [row] = await tx.q
      .insert(profileQuestions)
      .values({ ...columns(args.fields), studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
      .returning();
    return row!;
  });
}

/**
 * Changes a question; quotas of choices that no longer exist (or of a renamed code) are dropped
 * with it, in one transaction.
 */
export function updateProfileQuestion(db: Db, args: { studyId: number; questionId: number; fields: ProfileQuestionFields }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { profileQuestions, quotas } = tx.t;
    const [before] = await tx.q
      .select()
      .from(profileQuestions)
      .where(and(eq(profileQuestions.id, args.questionId), eq(profileQuestions.studyId, args.studyId)));
    if (!before) return false;
    await tx.q.update(profileQuestions).set(columns(args.fields)).where(eq(profileQuestions.id, before.id));
    const keep = new Set(args.fields.kind === "choice" && args.fields.code === before.code ? args.fields.choices.map((c) => c.code) : []);
    for (const quota of await tx.q.select().from(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, before.code)))) {
      if (!keep.has(quota.value)) await tx.q.delete(quotas).where(eq(quotas.id, quota.id));
    }
    return true;
  });
}

/** Removes a question and its quotas. */
export function deleteProfileQuestion(db: Db, args: { studyId: number; questionId: number }): Promise<ProfileQuestionRow | null> {
  return db.transaction(async (tx) => {
    const { profileQuestions, quotas } = tx.t;
    const [row] = await tx.q
      .delete(profileQuestions)
      .where(and(eq(profileQuestions.id, args.questionId), eq(profileQuestions.studyId, args.studyId)))
      .returning();
    if (row) await tx.q.delete(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, row.code)));
    return row ?? null;
  });
}

/** Moves a question one place up or down (swaps it with its neighbour); false at either end. */
export function moveProfileQuestion(db: Db, args: { studyId: number; questionId: number; direction: "up" | "down" }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { profileQuestions } = tx.t;
    const rows = await rowsOf(tx, args.studyId);
    const i = rows.findIndex((r) => r.id === args.questionId);
    const j = args.direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= rows.length) return false;
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    for (const [k, r] of rows.entries()) await tx.q.update(profileQuestions).set({ sort: k + 1 }).where(eq(profileQuestions.id, r.id));
    return true;
  });
}
