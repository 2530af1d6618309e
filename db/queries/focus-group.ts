import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** One complete focus-group response: its quality share and the points per listed attribute. */
export interface FocusGroupAnswer {
  responseId: number;
  qualityShare: number | null;
  /** attribute code -> points within its kind (0 = does not matter). */
  points: Record<string, number>;
}

const complete = (studyId: number) => sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
  where q.study_id = ${studyId} and q.stage = 'focus_group' and r.status = 'complete'`;

/** Every complete focus-group response of a study (all versions), in id order. */
export async function listFocusGroupAnswers(db: Db, studyId: number): Promise<FocusGroupAnswer[]> {
  const byId = new Map<number, FocusGroupAnswer>();
  for (const r of await db.rows<{ responseId: number; qualityShare: number | null }>(
    sql`select r.id as "responseId", r.quality_share as "qualityShare" from responses r where r.id in (${complete(studyId)}) order by r.id`,
  )) {
    byId.set(r.responseId, { ...r, points: {} });
  }
  for (const w of await db.rows<{ responseId: number; code: string; weight: number }>(
    sql`select response_id as "responseId", attribute_code as "code", weight from response_weights where response_id in (${complete(studyId)})`,
  )) {
    const answer = byId.get(w.responseId);
    if (answer) answer.points[w.code] = w.weight;
  }
  return [...byId.values()];
}

/** Free-text attribute suggestions of complete focus-group responses. */
export function listFocusGroupSuggestions(db: Db, studyId: number): Promise<Array<{ responseId: number; text: string; weight: number | null }>> {
  return db.rows(
    sql`select response_id as "responseId", text, weight from response_suggestions where response_id in (${complete(studyId)}) order by response_id, position`,
  );
}

/** MaxDiff tasks of complete focus-group responses (kinds asked by MaxDiff), in response and task order. */
export async function listFocusGroupMaxDiff(
  db: Db,
  studyId: number,
): Promise<Array<{ responseId: number; kind: "quality" | "price"; items: string[]; best: string; worst: string }>> {
  const rows = await db.rows<{ responseId: number; kind: "quality" | "price"; items: string; best: string; worst: string }>(
    sql`select response_id as "responseId", kind, items_json as "items", best, worst from response_maxdiff
      where response_id in (${complete(studyId)}) order by response_id, kind, task`,
  );
  return rows.map((r) => ({ ...r, items: JSON.parse(r.items) as string[] }));
}
