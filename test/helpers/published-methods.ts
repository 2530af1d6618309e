import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { saveStudyMethods } from "../../db/queries/study-methods";
import type { StudyMethods } from "../../surveys/study-methods";

/**
 * Sets a study's research methods as if every published rating version had been published with
 * them: the report analyses responses with the methods frozen at publication, so fixtures that
 * add method answers to already-collected responses freeze the methods too (the draft as well).
 */
export async function setPublishedMethods(db: Db, studyId: number, methods: StudyMethods, now: number): Promise<void> {
  await saveStudyMethods(db, studyId, methods, now);
  const { questionnaires } = db.t;
  const rows = await db.q
    .select({ id: questionnaires.id, json: questionnaires.definitionJson })
    .from(questionnaires)
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating")));
  for (const row of rows) {
    const definition = JSON.parse(row.json) as Record<string, unknown>;
    await db.q.update(questionnaires).set({ definitionJson: JSON.stringify({ ...definition, methods }) }).where(eq(questionnaires.id, row.id));
  }
}
