import { and, asc, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { profileQuestions, quotas } from "../schema";
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
  };
}

function rowsOf(db: Pick<Db, "select">, studyId: number): ProfileQuestionRow[] {
  return db
    .select()
    .from(profileQuestions)
    .where(eq(profileQuestions.studyId, studyId))
    .orderBy(asc(profileQuestions.sort), asc(profileQuestions.id))
    .all();
}

/** A study's profile questions in their order, as `surveys/` defines them. */
export function listProfileQuestions(db: Db, studyId: number): ProfileQuestionDefinition[] {
  return rowsOf(db, studyId).map(toDefinition);
}

/** The same with their row ids, for the design screen. */
export function listProfileQuestionRows(db: Db, studyId: number): Array<ProfileQuestionDefinition & { id: number }> {
  return rowsOf(db, studyId).map((q) => ({ id: q.id, ...toDefinition(q) }));
}

function columns(fields: ProfileQuestionFields) {
  return {
    code: fields.code,
    kind: fields.kind,
    text: fields.text,
    textZh: fields.textZh ?? null,
    choicesJson: JSON.stringify(fields.kind === "choice" ? fields.choices : []),
    isSegment: fields.isSegment,
  };
}

export function addProfileQuestion(db: Db, args: { studyId: number; fields: ProfileQuestionFields }): ProfileQuestionRow {
  return db.transaction((tx) => {
    const last = tx.select({ sort: max(profileQuestions.sort) }).from(profileQuestions).where(eq(profileQuestions.studyId, args.studyId)).get();
    return tx
      .insert(profileQuestions)
      .values({ ...columns(args.fields), studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
      .returning()
      .get();
  });
}

/**
 * Changes a question; quotas of choices that no longer exist (or of a renamed code) are dropped
 * with it, in one transaction.
 */
export function updateProfileQuestion(db: Db, args: { studyId: number; questionId: number; fields: ProfileQuestionFields }): boolean {
  return db.transaction((tx) => {
    const before = tx
      .select()
      .from(profileQuestions)
      .where(and(eq(profileQuestions.id, args.questionId), eq(profileQuestions.studyId, args.studyId)))
      .get();
    if (!before) return false;
    tx.update(profileQuestions).set(columns(args.fields)).where(eq(profileQuestions.id, before.id)).run();
    const keep = new Set(args.fields.kind === "choice" && args.fields.code === before.code ? args.fields.choices.map((c) => c.code) : []);
    for (const quota of tx.select().from(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, before.code))).all()) {
      if (!keep.has(quota.value)) tx.delete(quotas).where(eq(quotas.id, quota.id)).run();
    }
    return true;
  });
}

/** Removes a question and its quotas. */
export function deleteProfileQuestion(db: Db, args: { studyId: number; questionId: number }): ProfileQuestionRow | null {
  return db.transaction((tx) => {
    const row = tx
      .delete(profileQuestions)
      .where(and(eq(profileQuestions.id, args.questionId), eq(profileQuestions.studyId, args.studyId)))
      .returning()
      .get();
    if (row) tx.delete(quotas).where(and(eq(quotas.studyId, args.studyId), eq(quotas.questionCode, row.code))).run();
    return row ?? null;
  });
}

/** Moves a question one place up or down (swaps it with its neighbour); false at either end. */
export function moveProfileQuestion(db: Db, args: { studyId: number; questionId: number; direction: "up" | "down" }): boolean {
  return db.transaction((tx) => {
    const rows = rowsOf(tx, args.studyId);
    const i = rows.findIndex((r) => r.id === args.questionId);
    const j = args.direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= rows.length) return false;
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    rows.forEach((r, k) => tx.update(profileQuestions).set({ sort: k + 1 }).where(eq(profileQuestions.id, r.id)).run());
    return true;
  });
}
