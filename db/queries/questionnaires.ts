import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { questionnaires } from "../schema";
import { prepared } from "../prepared";

export type Questionnaire = typeof questionnaires.$inferSelect;
export type QuestionnaireStage = Questionnaire["stage"];

/**
 * Freezes a new version of a stage's questionnaire (version = previous + 1 within the stage,
 * atomically): the rating and focus-group stages number their versions separately.
 */
export function publishQuestionnaire(
  db: Db,
  args: { studyId: number; definitionJson: string; surveyJson: string; now: number; stage?: QuestionnaireStage },
): Questionnaire {
  const stage = args.stage ?? "rating";
  return db.transaction((tx) => {
    const last = tx
      .select({ version: max(questionnaires.version) })
      .from(questionnaires)
      .where(and(eq(questionnaires.studyId, args.studyId), eq(questionnaires.stage, stage)))
      .get();
    return tx
      .insert(questionnaires)
      .values({
        studyId: args.studyId,
        stage,
        version: (last?.version ?? 0) + 1,
        definitionJson: args.definitionJson,
        surveyJson: args.surveyJson,
        publishedAt: args.now,
      })
      .returning()
      .get();
  });
}

/** The newest published questionnaire of a study's stage (rating by default), or null. */
export function getLatestQuestionnaire(db: Db, studyId: number, stage: QuestionnaireStage = "rating"): Questionnaire | null {
  return (
    db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, stage)))
      .orderBy(desc(questionnaires.version))
      .limit(1)
      .get() ?? null
  );
}

export function getQuestionnaire(db: Db, id: number): Questionnaire | null {
  return db.select().from(questionnaires).where(eq(questionnaires.id, id)).get() ?? null;
}

/** The study behind a public token and its newest rating questionnaire id (one prepared query). */
export function getPublishedByToken(db: Db, token: string): { studyId: number; questionnaireId: number | null } | null {
  const row = prepared(
    db,
    `select s.id as studyId,
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'rating' order by q.version desc limit 1)
         as questionnaireId
     from studies s where s.public_token = ?`,
  ).get(token);
  return (row as { studyId: number; questionnaireId: number | null } | undefined) ?? null;
}
