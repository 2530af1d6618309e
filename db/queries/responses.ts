import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { bool, chunks, valuesList } from "../sql";
import { recordFinishedResponse } from "./response-events";
import type { responses } from "../schema";
import type { RatingResponse } from "../../surveys/read-rating-response";
import type { FocusGroupResponse } from "../../surveys/read-focus-group-response";
import { insertMethodAnswers } from "./method-answers";
import { completeOnPostgres, saveDraftOnPostgres, startJson } from "./responses-postgres";

export type ResponseRow = typeof responses.$inferSelect;

// Raw SQL on the respondent's hot path (start, draft, complete): the connection keeps these
// statements prepared (db/client.ts), which the query builder does not (bench/submit.ts).
const RESPONSE_COLUMNS = sql.raw(`id, client_id as "clientId", questionnaire_id as "questionnaireId", status,
  answers_json as "answersJson", page_no as "pageNo", seq, offer_order as "offerOrder", locale,
  quality_share as "qualityShare", invitation_id as "invitationId", device_id as "deviceId", wave,
  screen_reason as "screenReason", review, respondent_ref as "respondentRef", origin, started_at as "startedAt", updated_at as "updatedAt", completed_at as "completedAt",
  min_duration_ms as "minDurationMs", completion_flags as "completionFlags"`);

export async function getResponseByClientId(db: Db, clientId: string): Promise<ResponseRow | null> {
  const rows = await db.rows<ResponseRow>(sql`select ${RESPONSE_COLUMNS} from responses where client_id = ${clientId}`);
  return rows[0] ?? null;
}

export type StartArgs = {
  clientId: string;
  questionnaireId: number;
  offerOrder: string[];
  locale: string;
  now: number;
  /** Personal invitation (one response each), the device cookie and the study's current wave. */
  invitationId?: number | null;
  deviceId?: string | null;
  wave?: number;
  /** A panel's respondent id (`?rid=`) and whether the link was the panel's test link. */
  respondentRef?: string | null;
  origin?: "web" | "test";
};

/** The insert of a draft row for `args` (nothing when its client id, or its invitation, has one). */
function draftInsert(args: StartArgs): SQL {
  return sql`insert into responses (client_id, questionnaire_id, offer_order, locale, invitation_id, device_id, wave, respondent_ref, origin, started_at, updated_at)
     values (${args.clientId}, ${args.questionnaireId}, ${JSON.stringify(args.offerOrder)}, ${args.locale}, ${args.invitationId ?? null},
       ${args.deviceId ?? null}, ${args.wave ?? 1}, ${args.respondentRef ?? null}, ${args.origin ?? "web"}, ${args.now}, ${args.now}) on conflict do nothing`;
}

async function insertDraft(db: Db, args: StartArgs): Promise<void> {
  await db.run(draftInsert(args));
}

/**
 * Creates the draft row for a client id if it does not exist; returns the stored row either way.
 * A second response for the same invitation is not created (`responses_invitation_uq`): the
 * invitation's response is returned instead (under its own client id), so the caller resumes
 * it. Using an invitation takes the transaction lock `invitation:<id>`.
 */
export async function startResponse(db: Db, args: StartArgs): Promise<ResponseRow> {
  // PostgreSQL: the same in one statement (vm_start_response, responses-postgres.ts).
  if (db.engine === "postgres") return (await db.rows<ResponseRow>(sql`select ${RESPONSE_COLUMNS} from vm_start_response(${startJson(args)}::jsonb)`))[0]!;
  const invitationId = args.invitationId ?? null;
  if (invitationId === null) {
    // A draft, screen or completion finds the row its start made: one query, no insert.
    const existing = await getResponseByClientId(db, args.clientId);
    if (existing) return existing;
    await insertDraft(db, args);
    return (await getResponseByClientId(db, args.clientId))!;
  }
  return db.transaction(async (tx) => {
    await tx.lock(`invitation:${invitationId}`);
    await insertDraft(tx, args);
    const own = await getResponseByClientId(tx, args.clientId);
    if (own) return own;
    const rows = await tx.rows<ResponseRow>(sql`select ${RESPONSE_COLUMNS} from responses where invitation_id = ${invitationId}`);
    return rows[0]!;
  });
}

/**
 * A new public-link response's draft, when the caller has just read that its client id has no
 * row (SQLite: one statement, the insert returning the row; a concurrent start of the same id
 * makes it read the row that start stored). Anything else goes through startResponse.
 */
export async function startNewResponse(db: Db, args: StartArgs): Promise<ResponseRow> {
  if (db.engine === "postgres" || (args.invitationId ?? null) !== null) return startResponse(db, args);
  // A write, so in a transaction (rows outside one would autocommit: an fsync of its own).
  const [row] = await db.transaction((tx) => tx.rows<ResponseRow>(sql`${draftInsert(args)} returning ${RESPONSE_COLUMNS}`));
  return row ?? (await getResponseByClientId(db, args.clientId))!;
}

export type DraftOutcome = "saved" | "stale" | "finished" | "other-questionnaire";

/**
 * Saves a draft's answers and page. Idempotent and order-safe: a draft whose `seq` is not newer
 * than the stored one changes nothing, and a finished response is never reopened.
 */
export function saveResponseDraft(
  db: Db,
  args: StartArgs & { answersJson: string; pageNo: number; seq: number },
): Promise<DraftOutcome> {
  // PostgreSQL: the same in one statement (responses-postgres.ts), no BEGIN/COMMIT round trips.
  if (db.engine === "postgres") return saveDraftOnPostgres(db, args);
  return db.transaction(async (tx): Promise<DraftOutcome> => {
    const current = await startResponse(tx, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "finished";
    if (args.seq <= current.seq) return "stale";
    const changed = await tx.run(
      sql`update responses set answers_json = ${args.answersJson}, page_no = ${args.pageNo}, seq = ${args.seq}, locale = ${args.locale},
         updated_at = ${args.now} where id = ${current.id} and status = 'draft' and seq < ${args.seq}`,
    );
    return changed === 1 ? "saved" : "stale";
  });
}

export type CompleteOutcome = "completed" | "already-finished" | "other-questionnaire";

/**
 * Which complete responses hold a quota place (SQL over `responses r`): those the researcher
 * included, and those without a review that had no data-quality flag when they completed
 * (a flagged one waits for the researcher's review; an excluded one admits a replacement).
 * Responses completed before the flags were recorded (null) hold their place.
 */
export const HOLDS_QUOTA_PLACE = sql.raw(`(r.review = 'include' or (r.review is null and coalesce(r.completion_flags, '') = ''))`);

/**
 * The quota cells this profile falls in that already hold `target` complete responses holding a
 * place (HOLDS_QUOTA_PLACE). Takes the lock `quota:<study id>` before counting, so concurrent
 * completions cannot overshoot a quota.
 */
async function fullQuotaCells(tx: Db, questionnaireId: number, profile: Array<{ question: string; value: string }>): Promise<number[]> {
  if (profile.length === 0) return [];
  const cells = await tx.rows<{ id: number; studyId: number; questionCode: string; value: string; target: number }>(
    sql`select qu.id, qu.study_id as "studyId", qu.question_code as "questionCode", qu.value, qu.target from quotas qu
     join questionnaires qn on qn.study_id = qu.study_id where qn.id = ${questionnaireId}`,
  );
  const mine = cells.filter((cell) => profile.some((p) => p.question === cell.questionCode && p.value === cell.value));
  if (mine.length === 0) return [];
  await tx.lock(`quota:${mine[0]!.studyId}`);
  const full: number[] = [];
  for (const cell of mine) {
    const [row] = await tx.rows<{ n: number }>(
      sql`select cast(count(*) as integer) as "n" from responses r
       join questionnaires qn on qn.id = r.questionnaire_id
       join response_profile p on p.response_id = r.id
       where qn.study_id = ${cell.studyId} and r.status = 'complete'
         and ${HOLDS_QUOTA_PLACE} and p.question_code = ${cell.questionCode} and p.value = ${cell.value}`,
    );
    if (Number(row?.n ?? 0) >= cell.target) full.push(cell.id);
  }
  return full;
}

/**
 * Marks a draft finished; false when it no longer is a draft (a concurrent completion of the
 * same client id won: this one then changes nothing).
 */
async function finishDraft(
  tx: Db,
  id: number,
  args: {
    status: string;
    reason: string | null;
    answersJson: string;
    qualityShare: number | null;
    locale: string;
    now: number;
    minDurationMs?: number | null;
    completionFlags?: string | null;
  },
): Promise<boolean> {
  const changed = await tx.run(
    sql`update responses set status = ${args.status}, screen_reason = ${args.reason}, answers_json = ${args.answersJson},
       quality_share = ${args.qualityShare}, locale = ${args.locale}, updated_at = ${args.now}, completed_at = ${args.now},
       min_duration_ms = ${args.minDurationMs ?? null}, completion_flags = ${args.completionFlags ?? null}
     where id = ${id} and status = 'draft'`,
  );
  return changed === 1;
}

async function insertWeights(tx: Db, responseId: number, weights: Array<{ attribute: string; weight: number }>): Promise<void> {
  for (const part of chunks(weights)) {
    await tx.run(
      sql`insert into response_weights (response_id, attribute_code, weight) values ${valuesList(part.map((w) => [responseId, w.attribute, w.weight]))}`,
    );
  }
}

/**
 * Finishes a response in one write transaction (quota cells are counted under the study's
 * quota lock, so concurrent completions cannot overshoot a quota): raw answers, status and the
 * normalised ratings, weights, offer and profile answers, and the MaxDiff, price and ladder
 * answers (`insertMethodAnswers`). A response whose profile falls in a
 * full quota cell is stored as `screened_out` with `screen_reason = 'quota_full'` (answers and
 * rows kept); a screening screen-out gets `'screening'`. Submitting the same client id again
 * changes nothing.
 */
export function completeResponse(db: Db, args: CompleteArgs): Promise<CompleteOutcome> {
  return completeResponseState(db, args).then((done) => done.outcome);
}

export type CompleteArgs = StartArgs & {
  answersJson: string;
  result: RatingResponse;
  /** The least plausible completion time and the data-quality flags at completion (comma-separated). */
  minDurationMs?: number | null;
  completionFlags?: string | null;
};

/** completeResponse's outcome and, when this call completed it, the status and screen reason it stored. */
export interface CompleteState {
  outcome: CompleteOutcome;
  stored?: Pick<ResponseRow, "status" | "screenReason">;
}

/**
 * completeResponse, also saying what it stored (the respondent's answer needs no second read).
 * `draft`: the response's row as the caller has just read it, a draft (its id and questionnaire
 * do not change; whether it is still a draft is checked by the update that finishes it).
 */
export function completeResponseState(db: Db, args: CompleteArgs, draft?: ResponseRow | null): Promise<CompleteState> {
  // PostgreSQL: the same in one statement (responses-postgres.ts), no caps given: none refuse.
  if (db.engine === "postgres") return completeOnPostgres(db, args).then((done) => ({ outcome: done.outcome as CompleteOutcome }));
  return db.transaction(async (tx): Promise<CompleteState> => {
    const current = draft?.status === "draft" && draft.clientId === args.clientId ? draft : await startResponse(tx, args);
    if (current.questionnaireId !== args.questionnaireId) return { outcome: "other-questionnaire" };
    if (current.status !== "draft") return { outcome: "already-finished" };
    const { result } = args;
    const profile = result.profile ?? [];
    let status: string = result.status;
    let reason: string | null = result.status === "screened_out" ? "screening" : null;
    if (status === "complete" && (await fullQuotaCells(tx, current.questionnaireId, profile)).length > 0) {
      status = "screened_out";
      reason = "quota_full";
    }
    const finished = await finishDraft(tx, current.id, {
      status,
      reason,
      answersJson: args.answersJson,
      qualityShare: result.qualityShare,
      locale: args.locale,
      now: args.now,
      minDurationMs: args.minDurationMs,
      completionFlags: args.completionFlags,
    });
    if (!finished) return { outcome: "already-finished" };
    const id = current.id;
    for (const part of chunks(result.ratings)) {
      await tx.run(
        sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values ${valuesList(part.map((r) => [id, r.offer, r.attribute, r.score]))}`,
      );
    }
    await insertWeights(tx, id, result.weights);
    const order = JSON.parse(current.offerOrder) as string[];
    for (const part of chunks(result.offers)) {
      const rows = part.map((o) => [id, o.offer, Math.max(0, order.indexOf(o.offer)), o.known, o.worth, o.overall, o.chose, o.considered]);
      await tx.run(
        sql`insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values ${valuesList(rows)}`,
      );
    }
    for (const part of chunks(profile)) {
      await tx.run(
        sql`insert into response_profile (response_id, question_code, value) values ${valuesList(part.map((p) => [id, p.question, p.value]))}`,
      );
    }
    await insertMethodAnswers(tx, id, result);
    await recordFinishedResponse(tx, id, args.now);
    return { outcome: "completed", stored: { status, screenReason: reason } as CompleteState["stored"] };
  });
}

export type ScreenOutcome = "continue" | "quota_full" | "already-finished" | "other-questionnaire";

/**
 * The early quota check, right after the profile questions asked first: when this profile falls
 * in a full quota cell (counted under the study's quota lock, as at completion), the draft is
 * finished at once as `screened_out` / `quota_full` with the answers given so far and its
 * profile rows, and nothing more is asked. Otherwise nothing changes ("continue"); completion
 * checks the quotas again.
 */
export function screenResponseEarly(
  db: Db,
  args: StartArgs & { answersJson: string; profile: Array<{ question: string; value: string }> },
): Promise<ScreenOutcome> {
  return db.transaction(async (tx): Promise<ScreenOutcome> => {
    const current = await startResponse(tx, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    if ((await fullQuotaCells(tx, current.questionnaireId, args.profile)).length === 0) return "continue";
    const finished = await finishDraft(tx, current.id, {
      status: "screened_out",
      reason: "quota_full",
      answersJson: args.answersJson,
      qualityShare: null,
      locale: args.locale,
      now: args.now,
    });
    if (!finished) return "already-finished";
    for (const part of chunks(args.profile)) {
      await tx.run(
        sql`insert into response_profile (response_id, question_code, value) values ${valuesList(part.map((p) => [current.id, p.question, p.value]))}`,
      );
    }
    await recordFinishedResponse(tx, current.id, args.now);
    return "quota_full";
  });
}

/**
 * Finishes a focus-group response in one transaction (the contract the consolidation reads):
 * status complete, `quality_share`, one `response_weights` row per listed attribute (0 when it
 * does not matter; each kind sums to 100; a kind asked by MaxDiff has rows only for what does
 * not matter, and its tasks in `response_maxdiff`) and the `response_suggestions`. Idempotent like
 * `completeResponse`.
 */
export function completeFocusGroupResponse(
  db: Db,
  args: StartArgs & { answersJson: string; result: FocusGroupResponse },
): Promise<CompleteOutcome> {
  return db.transaction(async (tx): Promise<CompleteOutcome> => {
    const current = await startResponse(tx, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    const { result } = args;
    const finished = await finishDraft(tx, current.id, {
      status: "complete",
      reason: null,
      answersJson: args.answersJson,
      qualityShare: result.qualityShare,
      locale: args.locale,
      now: args.now,
    });
    if (!finished) return "already-finished";
    await insertWeights(tx, current.id, result.weights);
    for (const part of chunks(result.suggestions)) {
      await tx.run(
        sql`insert into response_suggestions (response_id, position, text, weight) values ${valuesList(part.map((s) => [current.id, s.position, s.text, s.weight]))}`,
      );
    }
    await insertMethodAnswers(tx, current.id, { maxDiff: result.maxDiff ?? [] });
    await recordFinishedResponse(tx, current.id, args.now);
    return "completed";
  });
}

/** What the respondent API needs of a study behind a public link, in one prepared query. */
export interface RespondentStudy {
  studyId: number;
  opensAt: number | null;
  closesAt: number | null;
  onePerDevice: boolean;
  /** Minutes after the close during which responses started before it may still finish. */
  graceMinutes: number;
  currentWave: number;
  ratingId: number | null;
  focusGroupId: number | null;
}

export async function getRespondentStudy(db: Db, token: string): Promise<RespondentStudy | null> {
  const [row] = await db.rows<Omit<RespondentStudy, "onePerDevice"> & { onePerDevice: unknown }>(
    sql`select s.id as "studyId", s.fieldwork_opens_at as "opensAt", s.fieldwork_closes_at as "closesAt",
       s.one_per_device as "onePerDevice", s.fieldwork_grace_minutes as "graceMinutes", s.current_wave as "currentWave",
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'rating' order by q.version desc limit 1) as "ratingId",
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'focus_group' order by q.version desc limit 1) as "focusGroupId"
     from studies s where s.public_token = ${token}`,
  );
  return row ? { ...row, onePerDevice: bool(row.onePerDevice), graceMinutes: Number(row.graceMinutes) } : null;
}

/**
 * The study behind a public link and the response of a client id (null when none, or when no
 * client id is asked for), as getRespondentStudy and getResponseByClientId answer them: on
 * PostgreSQL in one statement (one round trip instead of two), on SQLite the two queries.
 */
export async function getRespondentStudyAndResponse(
  db: Db,
  token: string,
  clientId: string | null,
  /** A start on the public link: on PostgreSQL, also this device's finished responses (countDeviceFinished) and the quota question codes. */
  starting?: { deviceId: string; atMost: number },
): Promise<{ study: RespondentStudy | null; response: ResponseRow | null; starting?: StartingFacts }> {
  if (db.engine !== "postgres" || clientId === null) {
    const study = await getRespondentStudy(db, token);
    return { study, response: study && clientId !== null ? await getResponseByClientId(db, clientId) : null };
  }
  const extra = starting
    ? sql`, ${deviceFinishedColumns(sql.raw("s.id"), starting.deviceId, starting.atMost, "postgres")},
       (select coalesce(json_agg(x.code order by x.code), '[]'::json) from (select distinct question_code as code from quotas where study_id = s.id) x) as "quotaCodes"`
    : sql``;
  const [row] = await db.rows<
    Omit<RespondentStudy, "onePerDevice"> & { onePerDevice: unknown; response: ResponseRow | null; finished?: unknown; complete?: unknown; quotaCodes?: string[] }
  >(
    sql`select s.id as "studyId", s.fieldwork_opens_at as "opensAt", s.fieldwork_closes_at as "closesAt",
       s.one_per_device as "onePerDevice", s.fieldwork_grace_minutes as "graceMinutes", s.current_wave as "currentWave",
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'rating' order by q.version desc limit 1) as "ratingId",
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'focus_group' order by q.version desc limit 1) as "focusGroupId",
       (select row_to_json(x) from (select ${RESPONSE_COLUMNS} from responses where client_id = ${clientId}) x) as "response"${extra}
     from studies s where s.public_token = ${token}`,
  );
  if (!row) return { study: null, response: null };
  const { response, finished, complete, quotaCodes, ...study } = row;
  return {
    study: { ...study, onePerDevice: bool(study.onePerDevice), graceMinutes: Number(study.graceMinutes) },
    response,
    ...(starting ? { starting: { device: deviceFinishedOf({ finished, complete }), quotaCodes: quotaCodes ?? [] } } : {}),
  };
}

/** What a public-link start needs besides the study, read with it on PostgreSQL. */
export interface StartingFacts {
  device: { finished: number; hasComplete: boolean };
  quotaCodes: string[];
}

/** A personal invitation of this study by its token, with the response it already has (if any). */
export async function getInvitation(db: Db, studyId: number, token: string): Promise<{ id: number; responseClientId: string | null } | null> {
  const [row] = await db.rows<{ id: number; responseClientId: string | null }>(
    sql`select i.id, (select r.client_id from responses r where r.invitation_id = i.id) as "responseClientId"
     from respondent_invitations i where i.study_id = ${studyId} and i.token = ${token}`,
  );
  return row ?? null;
}

/** Whether this device already finished a response (complete) to the study. */
export async function deviceHasCompleteResponse(db: Db, studyId: number, deviceId: string): Promise<boolean> {
  const rows = await db.rows(
    sql`select 1 as "found" from responses r join questionnaires q on q.id = r.questionnaire_id
     where r.device_id = ${deviceId} and q.study_id = ${studyId} and r.status = 'complete' limit 1`,
  );
  return rows.length > 0;
}

/**
 * What the device caps need of the responses this device finished (complete or screened out) in
 * the study, personal links left out: how many, counted up to `atMost` (the per-device cap; 0
 * counts none), and whether one of them is complete (one per device, duplicates). It reads only
 * this device's rows, and at most `atMost` of them for the count, however many responses the
 * study has: `+r.invitation_id` keeps SQLite's planner off the unique invitation index, where
 * `is null` matches every public-link response (it took that index and read them all).
 */
export async function countDeviceFinished(
  db: Db,
  studyId: number,
  deviceId: string,
  atMost: number,
): Promise<{ finished: number; hasComplete: boolean }> {
  const [row] = await db.rows<{ finished: number; complete: number }>(sql`select ${deviceFinishedColumns(sql`${studyId}`, deviceId, atMost, db.engine)}`);
  return deviceFinishedOf(row);
}

/** countDeviceFinished's two figures as the columns "finished" and "complete", for the study `studyId` (an expression). */
function deviceFinishedColumns(studyId: SQL, deviceId: string, atMost: number, engine: Db["engine"]): SQL {
  // No cap, no count: SQLite does not cut short a `limit 0` subquery (it read every row of the
  // device: 19 µs for 6,000, bench/submit.ts's one device).
  const finished =
    atMost > 0
      ? sql`(select cast(count(*) as integer) from (select 1 as "one" from responses r join questionnaires q on q.id = r.questionnaire_id
          where r.device_id = ${deviceId} and q.study_id = ${studyId} and r.status <> 'draft' and +r.invitation_id is null
          limit ${atMost}) f)`
      : sql`0`;
  const complete = sql`select 1 from responses r join questionnaires q on q.id = r.questionnaire_id
          where r.device_id = ${deviceId} and q.study_id = ${studyId} and r.status = 'complete' and +r.invitation_id is null`;
  // PostgreSQL: a first match (limit 1), not `exists`. Correlated to s.id in the study read, an
  // `exists` may run as a hashed subplan that reads every complete response of the device (its
  // generic plan did: 2.9 ms for a device with 2,091, bench/submit.ts's one device).
  return engine === "postgres"
    ? sql`${finished} as "finished", coalesce((${complete} limit 1), 0) as "complete"`
    : sql`${finished} as "finished", case when exists (${complete}) then 1 else 0 end as "complete"`;
}

function deviceFinishedOf(row: { finished: unknown; complete: unknown } | undefined): { finished: number; hasComplete: boolean } {
  return { finished: Number(row?.finished ?? 0), hasComplete: Number(row?.complete ?? 0) === 1 };
}

export interface CompleteRespondent {
  id: number;
  qualityShare: number | null;
  weights: Record<string, number>;
  ratings: Record<string, Record<string, number>>;
}

/** Complete rating-stage responses of a study (every questionnaire version) in the shape `analysis/` takes. */
export async function listCompleteRespondents(db: Db, studyId: number): Promise<CompleteRespondent[]> {
  const { responses, questionnaires, responseWeights, responseRatings } = db.t;
  const rows = await db.q
    .select({ id: responses.id, qualityShare: responses.qualityShare })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating"), eq(responses.status, "complete")))
    .orderBy(responses.id);
  const byId = new Map<number, CompleteRespondent>(
    rows.map((r) => [r.id, { id: r.id, qualityShare: r.qualityShare, weights: {}, ratings: {} }]),
  );
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const w of await db.q.select().from(responseWeights).where(inArray(responseWeights.responseId, chunk))) {
      byId.get(w.responseId)!.weights[w.attributeCode] = w.weight;
    }
    for (const r of await db.q.select().from(responseRatings).where(inArray(responseRatings.responseId, chunk))) {
      const ratings = byId.get(r.responseId)!.ratings;
      (ratings[r.offerCode] ??= {})[r.attributeCode] = r.score;
    }
  }
  return [...byId.values()];
}

/** Started, complete and screened-out counts of a study's rating stage (focus-group responses are not respondents of the report). */
export async function countResponses(db: Db, studyId: number) {
  const { responses, questionnaires } = db.t;
  const rows = await db.q
    .select({ status: responses.status, n: count() })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating")))
    .groupBy(responses.status);
  const get = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { draft: get("draft"), complete: get("complete"), screenedOut: get("screened_out") };
}
