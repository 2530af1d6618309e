import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { getRespondentStudy } from "../../../db/queries/responses";
import type { Stage } from "../../../surveys/stage";
import { fieldworkOpen } from "./fieldwork-window";
import { frozenQuestionnaire } from "./published-questionnaire.server";

/**
 * What the respondent page needs before the questionnaire loads: the study's names, and the
 * newest published questionnaire of the stage (the server renders its first page as a plain
 * form; null when the stage is not published).
 */
export async function loadRespondentPage(db: Db, token: string, stage: Stage, now = Date.now()) {
  const study = await getRespondentStudy(db, token);
  if (!study) return null;
  const [row] = await db.rows<{ title: string; titleZh: string | null; languages: string }>(
    sql`select title, title_zh as "titleZh", languages from studies where id = ${study.studyId}`,
  );
  if (!row) return null;
  const id = stage === "focus_group" ? study.focusGroupId : study.ratingId;
  const entry = id === null ? null : await frozenQuestionnaire(db, id);
  return {
    title: row.title,
    titleZh: row.titleZh,
    languages: row.languages.split(","),
    published: entry !== null,
    open: fieldworkOpen(study, now),
    survey: entry?.survey ?? null,
  };
}
