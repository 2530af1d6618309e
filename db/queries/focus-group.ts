import type { Db } from "../client";

/** One complete focus-group response: its quality share and the points per listed attribute. */
export interface FocusGroupAnswer {
  responseId: number;
  qualityShare: number | null;
  /** attribute code -> points within its kind (0 = does not matter). */
  points: Record<string, number>;
}

const COMPLETE = `select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
  where q.study_id = ? and q.stage = 'focus_group' and r.status = 'complete'`;

/** Every complete focus-group response of a study (all versions), in id order. */
export function listFocusGroupAnswers(db: Db, studyId: number): FocusGroupAnswer[] {
  const sqlite = db.$client;
  const byId = new Map<number, FocusGroupAnswer>();
  for (const r of sqlite.prepare(`select r.id as responseId, r.quality_share as qualityShare from responses r where r.id in (${COMPLETE}) order by r.id`).all(studyId) as Array<{
    responseId: number;
    qualityShare: number | null;
  }>) {
    byId.set(r.responseId, { ...r, points: {} });
  }
  for (const w of sqlite
    .prepare(`select response_id as responseId, attribute_code as code, weight from response_weights where response_id in (${COMPLETE})`)
    .iterate(studyId) as IterableIterator<{ responseId: number; code: string; weight: number }>) {
    const answer = byId.get(w.responseId);
    if (answer) answer.points[w.code] = w.weight;
  }
  return [...byId.values()];
}

/** Free-text attribute suggestions of complete focus-group responses. */
export function listFocusGroupSuggestions(db: Db, studyId: number): Array<{ responseId: number; text: string; weight: number | null }> {
  return db.$client
    .prepare(`select response_id as responseId, text, weight from response_suggestions where response_id in (${COMPLETE}) order by response_id, position`)
    .all(studyId) as Array<{ responseId: number; text: string; weight: number | null }>;
}
