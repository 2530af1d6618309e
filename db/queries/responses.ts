import { and, eq, inArray, sql } from "drizzle-orm";
import { prepared } from "../prepared";
import type { Db } from "../client";
import { questionnaires, responseRatings, responses, responseWeights } from "../schema";
import type { RatingResponse } from "../../surveys/read-rating-response";
import type { FocusGroupResponse } from "../../surveys/read-focus-group-response";

export type ResponseRow = typeof responses.$inferSelect;

const RESPONSE_COLUMNS = `id, client_id as clientId, questionnaire_id as questionnaireId, status,
  answers_json as answersJson, page_no as pageNo, seq, offer_order as offerOrder, locale,
  quality_share as qualityShare, invitation_id as invitationId, device_id as deviceId, wave,
  screen_reason as screenReason, review, started_at as startedAt, updated_at as updatedAt, completed_at as completedAt`;

export function getResponseByClientId(db: Db, clientId: string): ResponseRow | null {
  const row = prepared(db, `select ${RESPONSE_COLUMNS} from responses where client_id = ?`).get(clientId);
  return (row as ResponseRow | undefined) ?? null;
}

type StartArgs = {
  clientId: string;
  questionnaireId: number;
  offerOrder: string[];
  locale: string;
  now: number;
  /** Personal invitation (one response each), the device cookie and the study's current wave. */
  invitationId?: number | null;
  deviceId?: string | null;
  wave?: number;
};

/**
 * Creates the draft row for a client id if it does not exist; returns the stored row either way.
 * A second response for the same invitation is not created (`responses_invitation_uq`): the
 * caller resumes the invitation's response instead.
 */
export function startResponse(db: Db, args: StartArgs): ResponseRow {
  prepared(
    db,
    `insert into responses (client_id, questionnaire_id, offer_order, locale, invitation_id, device_id, wave, started_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  ).run(
    args.clientId,
    args.questionnaireId,
    JSON.stringify(args.offerOrder),
    args.locale,
    args.invitationId ?? null,
    args.deviceId ?? null,
    args.wave ?? 1,
    args.now,
    args.now,
  );
  return getResponseByClientId(db, args.clientId)!;
}

export type DraftOutcome = "saved" | "stale" | "finished" | "other-questionnaire";

/**
 * Saves a draft's answers and page. Idempotent and order-safe: a draft whose `seq` is not newer
 * than the stored one changes nothing, and a finished response is never reopened.
 */
export function saveResponseDraft(
  db: Db,
  args: StartArgs & { answersJson: string; pageNo: number; seq: number },
): DraftOutcome {
  return db.$client.transaction((): DraftOutcome => {
    const current = startResponse(db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "finished";
    if (args.seq <= current.seq) return "stale";
    prepared(
      db,
      `update responses set answers_json = ?, page_no = ?, seq = ?, locale = ?, updated_at = ?
       where id = ? and status = 'draft'`,
    ).run(args.answersJson, args.pageNo, args.seq, args.locale, args.now, current.id);
    return "saved";
  })();
}

export type CompleteOutcome = "completed" | "already-finished" | "other-questionnaire";

/**
 * The quota cells this profile falls in that already hold `target` complete responses (responses
 * the researcher excluded do not count: the quota admits a replacement).
 */
function fullQuotaCells(db: Db, questionnaireId: number, profile: Array<{ question: string; value: string }>): number[] {
  if (profile.length === 0) return [];
  const cells = prepared(
    db,
    `select qu.id, qu.question_code as questionCode, qu.value, qu.target from quotas qu
     join questionnaires qn on qn.study_id = qu.study_id where qn.id = ?`,
  ).all(questionnaireId) as Array<{ id: number; questionCode: string; value: string; target: number }>;
  const count = prepared(
    db,
    `select count(*) as n from responses r
     join questionnaires qn on qn.id = r.questionnaire_id
     join response_profile p on p.response_id = r.id
     where qn.study_id = (select study_id from questionnaires where id = ?) and r.status = 'complete'
       and (r.review is null or r.review <> 'exclude') and p.question_code = ? and p.value = ?`,
  );
  const full: number[] = [];
  for (const cell of cells) {
    if (!profile.some((p) => p.question === cell.questionCode && p.value === cell.value)) continue;
    const { n } = count.get(questionnaireId, cell.questionCode, cell.value) as { n: number };
    if (n >= cell.target) full.push(cell.id);
  }
  return full;
}

/**
 * Finishes a response in one IMMEDIATE transaction (the write lock is taken before the quota
 * counts are read, so concurrent completions cannot overshoot a quota): raw answers, status and
 * the normalised ratings, weights, offer and profile answers. A response whose profile falls in
 * a full quota cell is stored as `screened_out` with `screen_reason = 'quota_full'` (answers
 * and rows kept); a screening screen-out gets `'screening'`. Submitting the same client id
 * again changes nothing.
 */
export function completeResponse(
  db: Db,
  args: StartArgs & { answersJson: string; result: RatingResponse },
): CompleteOutcome {
  return db.$client.transaction((): CompleteOutcome => {
    const current = startResponse(db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    const { result } = args;
    const profile = result.profile ?? [];
    let status: string = result.status;
    let reason: string | null = result.status === "screened_out" ? "screening" : null;
    if (status === "complete" && fullQuotaCells(db, current.questionnaireId, profile).length > 0) {
      status = "screened_out";
      reason = "quota_full";
    }
    prepared(
      db,
      `update responses set status = ?, screen_reason = ?, answers_json = ?, quality_share = ?, locale = ?, updated_at = ?, completed_at = ?
       where id = ?`,
    ).run(status, reason, args.answersJson, result.qualityShare, args.locale, args.now, args.now, current.id);
    const rating = prepared(db, "insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, ?, ?, ?)");
    for (const r of result.ratings) rating.run(current.id, r.offer, r.attribute, r.score);
    insertWeights(db, current.id, result.weights);
    const offer = prepared(
      db,
      `insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const order = JSON.parse(current.offerOrder) as string[];
    for (const o of result.offers) {
      const position = Math.max(0, order.indexOf(o.offer));
      offer.run(current.id, o.offer, position, +o.known, o.worth, o.overall, +o.chose, +o.considered);
    }
    const answer = prepared(db, "insert into response_profile (response_id, question_code, value) values (?, ?, ?)");
    for (const p of profile) answer.run(current.id, p.question, p.value);
    return "completed";
  }).immediate();
}

function insertWeights(db: Db, responseId: number, weights: Array<{ attribute: string; weight: number }>) {
  const weight = prepared(db, "insert into response_weights (response_id, attribute_code, weight) values (?, ?, ?)");
  for (const w of weights) weight.run(responseId, w.attribute, w.weight);
}

/**
 * Finishes a focus-group response in one transaction (the contract the consolidation reads):
 * status complete, `quality_share`, one `response_weights` row per listed attribute (0 when it
 * does not matter; each kind sums to 100) and the `response_suggestions`. Idempotent like
 * `completeResponse`.
 */
export function completeFocusGroupResponse(
  db: Db,
  args: StartArgs & { answersJson: string; result: FocusGroupResponse },
): CompleteOutcome {
  return db.$client.transaction((): CompleteOutcome => {
    const current = startResponse(db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    const { result } = args;
    prepared(
      db,
      `update responses set status = 'complete', answers_json = ?, quality_share = ?, locale = ?, updated_at = ?, completed_at = ?
       where id = ?`,
    ).run(args.answersJson, result.qualityShare, args.locale, args.now, args.now, current.id);
    insertWeights(db, current.id, result.weights);
    const suggestion = prepared(db, "insert into response_suggestions (response_id, position, text, weight) values (?, ?, ?, ?)");
    for (const s of result.suggestions) suggestion.run(current.id, s.position, s.text, s.weight);
    return "completed";
  }).immediate();
}

/** What the respondent API needs of a study behind a public link, in one prepared query. */
export interface RespondentStudy {
  studyId: number;
  opensAt: number | null;
  closesAt: number | null;
  onePerDevice: boolean;
  currentWave: number;
  ratingId: number | null;
  focusGroupId: number | null;
}

export function getRespondentStudy(db: Db, token: string): RespondentStudy | null {
  const row = prepared(
    db,
    `select s.id as studyId, s.fieldwork_opens_at as opensAt, s.fieldwork_closes_at as closesAt,
       s.one_per_device as onePerDevice, s.current_wave as currentWave,
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'rating' order by q.version desc limit 1) as ratingId,
       (select q.id from questionnaires q where q.study_id = s.id and q.stage = 'focus_group' order by q.version desc limit 1) as focusGroupId
     from studies s where s.public_token = ?`,
  ).get(token) as (Omit<RespondentStudy, "onePerDevice"> & { onePerDevice: number }) | undefined;
  return row ? { ...row, onePerDevice: row.onePerDevice === 1 } : null;
}

/** A personal invitation of this study by its token, with the response it already has (if any). */
export function getInvitation(db: Db, studyId: number, token: string): { id: number; responseClientId: string | null } | null {
  const row = prepared(
    db,
    `select i.id, (select r.client_id from responses r where r.invitation_id = i.id) as responseClientId
     from respondent_invitations i where i.study_id = ? and i.token = ?`,
  ).get(studyId, token);
  return (row as { id: number; responseClientId: string | null } | undefined) ?? null;
}

/** Whether this device already finished a response (complete) to the study. */
export function deviceHasCompleteResponse(db: Db, studyId: number, deviceId: string): boolean {
  const row = prepared(
    db,
    `select 1 from responses r join questionnaires q on q.id = r.questionnaire_id
     where r.device_id = ? and q.study_id = ? and r.status = 'complete' limit 1`,
  ).get(deviceId, studyId);
  return row !== undefined;
}

export interface CompleteRespondent {
  id: number;
  qualityShare: number | null;
  weights: Record<string, number>;
  ratings: Record<string, Record<string, number>>;
}

/** Complete rating-stage responses of a study (every questionnaire version) in the shape `analysis/` takes. */
export function listCompleteRespondents(db: Db, studyId: number): CompleteRespondent[] {
  const rows = db
    .select({ id: responses.id, qualityShare: responses.qualityShare })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating"), eq(responses.status, "complete")))
    .orderBy(responses.id)
    .all();
  const byId = new Map<number, CompleteRespondent>(
    rows.map((r) => [r.id, { id: r.id, qualityShare: r.qualityShare, weights: {}, ratings: {} }]),
  );
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const w of db.select().from(responseWeights).where(inArray(responseWeights.responseId, chunk)).all()) {
      byId.get(w.responseId)!.weights[w.attributeCode] = w.weight;
    }
    for (const r of db.select().from(responseRatings).where(inArray(responseRatings.responseId, chunk)).all()) {
      const ratings = byId.get(r.responseId)!.ratings;
      (ratings[r.offerCode] ??= {})[r.attributeCode] = r.score;
    }
  }
  return [...byId.values()];
}

/** Started, complete and screened-out counts of a study's rating stage (focus-group responses are not respondents of the report). */
export function countResponses(db: Db, studyId: number) {
  const rows = db
    .select({ status: responses.status, n: sql<number>`count(*)` })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating")))
    .groupBy(responses.status)
    .all();
  const get = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { draft: get("draft"), complete: get("complete"), screenedOut: get("screened_out") };
}
