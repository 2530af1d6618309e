import Database from "better-sqlite3";
import { buildFocusGroupQuestionnaire } from "../../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import type { StudyDefinition } from "../../surveys/study-definition";
import { PHONE_USER_AGENT } from "../helpers/app-server";

/** Writes to the running server's SQLite file (WAL: the server sees it at its next read). */
export function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

let tokens = 0;
/** A study of the demo user with its own public token, in the state a test needs. */
export function createStudy(
  file: string,
  fields: { opensAt?: number | null; closesAt?: number | null; onePerDevice?: boolean; wave?: number } = {},
): { studyId: number; token: string } {
  const token = `t${Date.now().toString(36)}x${++tokens}`;
  const studyId = withDb(file, (db) => {
    const now = Date.now();
    const res = db
      .prepare(
        `insert into studies (owner_id, title, public_token, fieldwork_opens_at, fieldwork_closes_at, one_per_device, current_wave, created_at, updated_at)
         values ((select min(id) from users), 'Test study', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(token, fields.opensAt ?? null, fields.closesAt ?? null, fields.onePerDevice ? 1 : 0, fields.wave ?? 1, now, now);
    return Number(res.lastInsertRowid);
  });
  return { studyId, token };
}

/** Publishes a questionnaire version of a stage built from `definition` (what the design page does). */
export function publish(file: string, studyId: number, stage: "rating" | "focus_group", definition: StudyDefinition): number {
  const survey = stage === "rating" ? buildRatingQuestionnaire(definition) : buildFocusGroupQuestionnaire(definition);
  return withDb(file, (db) => {
    const version =
      (db.prepare("select max(version) as v from questionnaires where study_id = ? and stage = ?").get(studyId, stage) as { v: number | null }).v ?? 0;
    const res = db
      .prepare(
        "insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (?, ?, ?, ?, ?, ?)",
      )
      .run(studyId, stage, version + 1, JSON.stringify(definition), JSON.stringify(survey), Date.now());
    return Number(res.lastInsertRowid);
  });
}

export function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  return withDb(file, (db) => db.prepare(sql).all(...params) as T[]);
}

/** POSTs to the respondent API as a phone, with an optional Cookie header. */
export async function api(base: string, token: string, body: unknown, cookie?: string) {
  const res = await fetch(`${base}/s/${token}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT, ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, setCookie: res.headers.get("set-cookie") };
}

let ids = 0;
export const newId = (prefix = "r") => `${prefix}-${Date.now().toString(36)}-${++ids}`.slice(0, 64);
