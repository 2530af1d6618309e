import { and, desc, eq, max, sql } from "drizzle-orm";
import type { Db } from "../client";
import { bool } from "../sql";
import type { questionnaires } from "../schema";

export type Questionnaire = typeof questionnaires.$inferSelect;
export type QuestionnaireStage = Questionnaire["stage"];

/**
 * Freezes a new version of a stage's questionnaire (version = previous + 1 within the stage,
 * atomically): the rating and focus-group stages number their versions separately.
 */
export function publishQuestionnaire(
  db: Db,
  args: { studyId: number; definitionJson: string; surveyJson: string; now: number; stage?: QuestionnaireStage },
): Promise<Questionnaire> {
  const stage = args.stage ?? "rating";
  return db.transaction(async (tx) => {
    const { questionnaires } = tx.t;
    await tx.lock(`publish:${args.studyId}`);
    const [last] = await tx.q
      .select({ version: max(questionnaires.version) })
      .from(questionnaires)
      .where(and(eq(questionnaires.studyId, args.studyId), eq(questionnaires.stage, stage)));
    const [row] = await tx.q
      .insert(questionnaires)
      .values({
        studyId: args.studyId,
        stage,
        version: (last?.version ?? 0) + 1,
        definitionJson: args.definitionJson,
        surveyJson: args.surveyJson,
        publishedAt: args.now,
      })
      .returning();
    return row!;
  });
}

/** The newest published questionnaire of a study's stage (rating by default), or null. */
export async function getLatestQuestionnaire(db: Db, studyId: number, stage: QuestionnaireStage = "rating"): Promise<Questionnaire | null> {
  const { questionnaires } = db.t;
  const [row] = await db.q
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, stage)))
    .orderBy(desc(questionnaires.version))
    .limit(1);
  return row ?? null;
}

/** The frozen definitions (JSON) of every published version of a study, both stages. */
export async function listPublishedDefinitions(db: Db, studyId: number): Promise<string[]> {
  const { questionnaires } = db.t;
  const rows = await db.q.select({ json: questionnaires.definitionJson }).from(questionnaires).where(eq(questionnaires.studyId, studyId));
  return rows.map((r) => r.json);
}

export async function getQuestionnaire(db: Db, id: number): Promise<Questionnaire | null> {
  const { questionnaires } = db.t;
  const [row] = await db.q.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row ?? null;
}

/** The study behind a public token and its newest rating questionnaire id (one prepared query). */
export async function getPublishedByToken(db: Db, token: string): Promise<{ studyId: number; questionnaireId: number | null } | null> {
  const [row] = await db.rows<{ studyId: number; questionnaireId: number | null }>(
    sql`select s.id as "studyId",
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'rating' order by q.version desc limit 1)
         as "questionnaireId"
     from studies s where s.public_token = ${token}`,
  );
  return row ?? null;
}

/**
 * Every published rating version of a study, newest first, with its frozen definition (JSON) and
 * whether complete responses were collected under it (the report analyses those with the
 * methods frozen at publication).
 */
export async function listRatingVersions(db: Db, studyId: number): Promise<Array<{ version: number; definitionJson: string; hasResponses: boolean }>> {
  const rows = await db.rows<{ version: number; definitionJson: string; hasResponses: unknown }>(
    sql`select q.version as "version", q.definition_json as "definitionJson",
       exists (select 1 from responses r where r.questionnaire_id = q.id and r.status = 'complete') as "hasResponses"
     from questionnaires q where q.study_id = ${studyId} and q.stage = 'rating' order by q.version desc`,
  );
  return rows.map((r) => ({ version: r.version, definitionJson: r.definitionJson, hasResponses: bool(r.hasResponses) }));
}
