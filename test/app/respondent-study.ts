import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { buildFocusGroupQuestionnaire } from "../../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import type { StudyDefinition } from "../../surveys/study-definition";
import { openRespondentPage, postAsPage, startAndComplete } from "../helpers/respondent-browser";
import { insertId, one } from "./server-db";

/*
 * Arranging respondent studies in the running server's database through a second connection
 * (`server.openDb()`, SQLite or PostgreSQL): the server sees the rows at its next read.
 */

let tokens = 0;
/** A study of the demo user with its own public token, in the state a test needs. */
export async function createStudy(
  db: Db,
  fields: { opensAt?: number | null; closesAt?: number | null; onePerDevice?: boolean; wave?: number } = {},
): Promise<{ studyId: number; token: string }> {
  const token = `t${Date.now().toString(36)}x${++tokens}`;
  const now = Date.now();
  const studyId = await insertId(
    db,
    sql`insert into studies (owner_id, title, public_token, fieldwork_opens_at, fieldwork_closes_at, one_per_device, current_wave, created_at, updated_at)
        values ((select min(id) from users), 'Test study', ${token}, ${fields.opensAt ?? null}, ${fields.closesAt ?? null}, ${fields.onePerDevice ?? false},
          ${fields.wave ?? 1}, ${now}, ${now})
        returning id`,
  );
  return { studyId, token };
}

/** Publishes a questionnaire version of a stage built from `definition` (what the design page does). */
export async function publish(db: Db, studyId: number, stage: "rating" | "focus_group", definition: StudyDefinition): Promise<number> {
  const survey = stage === "rating" ? buildRatingQuestionnaire(definition) : buildFocusGroupQuestionnaire(definition);
  const { v } = await one<{ v: number | null }>(db, sql`select max(version) as "v" from questionnaires where study_id = ${studyId} and stage = ${stage}`);
  return insertId(
    db,
    sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at)
        values (${studyId}, ${stage}, ${(v ?? 0) + 1}, ${JSON.stringify(definition)}, ${JSON.stringify(survey)}, ${Date.now()})
        returning id`,
  );
}

/**
 * POSTs to the respondent API as a phone's page does: it opens the page first (`GET /s/:token`,
 * with `cookie` when given) for the device cookie and the page proof, then posts with both.
 * `setCookie` is the device cookie the page set (null when the browser already had one).
 */
export async function api(base: string, token: string, body: Record<string, unknown>, cookie?: string) {
  const page = await openRespondentPage(base, token, { cookie });
  const res = await postAsPage(base, token, page, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, setCookie: page.setCookie ?? res.headers.get("set-cookie"), cookie: page.cookie };
}

/** A respondent who starts and completes (a browser always starts first); `cookie` keeps a device. */
export async function answer(base: string, token: string, body: Record<string, unknown> & { responseId: string; answers: Record<string, unknown> }, cookie?: string) {
  const res = await startAndComplete(base, token, body, { cookie });
  return { status: res.status, body: res.body, cookie: res.page.cookie };
}

let ids = 0;
export const newId = (prefix = "r") => `${prefix}-${Date.now().toString(36)}-${++ids}`.slice(0, 64);
