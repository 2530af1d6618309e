import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { profileQuestions } from "../schema";
import { ProfileChoiceSchema, type ProfileQuestionDefinition } from "../../surveys/study-definition";

export type ProfileQuestionRow = typeof profileQuestions.$inferSelect;

/** A study's profile questions in their order, as `surveys/` defines them. */
export function listProfileQuestions(db: Db, studyId: number): ProfileQuestionDefinition[] {
  return db
    .select()
    .from(profileQuestions)
    .where(eq(profileQuestions.studyId, studyId))
    .orderBy(asc(profileQuestions.sort), asc(profileQuestions.id))
    .all()
    .map((q) => ({
      code: q.code,
      kind: q.kind,
      text: q.text,
      textZh: q.textZh,
      choices: ProfileChoiceSchema.array().parse(JSON.parse(q.choicesJson)),
      isSegment: q.isSegment,
    }));
}
