import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { valuesList } from "../sql";

/** The events a study's webhook endpoints can subscribe to. */
export const WEBHOOK_EVENTS = ["response.completed", "response.screened_out", "quota.full", "fieldwork.closed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** The body every webhook delivery carries (signed as sent). */
export interface WebhookPayload {
  /** One id per event, the same for every endpoint that receives it. */
  id: string;
  event: WebhookEvent;
  createdAt: string;
  study: { id: number };
  data: Record<string, unknown>;
}

interface Endpoint {
  id: number;
  events: string;
}

function studyEndpoints(tx: Db, studyId: number): Promise<Endpoint[]> {
  return tx.rows<Endpoint>(sql`select id, events from webhook_endpoints where study_id = ${studyId}`);
}

function subscribed(endpoints: Endpoint[], event: WebhookEvent): number[] {
  return endpoints.filter((e) => e.events.split(",").includes(event)).map((e) => e.id);
}

/**
 * Puts one event into the outbox for every endpoint of the study subscribed to it, inside the
 * caller's transaction (the event and its deliveries commit together or not at all). A
 * `dedupeKey` makes a second notice of the same event (a quota, a closing) change nothing.
 */
export async function enqueueWebhookEvent(
  tx: Db,
  args: { studyId: number; event: WebhookEvent; data: Record<string, unknown>; now: number; dedupeKey?: string },
  /** The study's endpoints when the caller has read them in this transaction. */
  known?: Endpoint[],
): Promise<number> {
  const endpoints = subscribed(known ?? (await studyEndpoints(tx, args.studyId)), args.event);
  if (endpoints.length === 0) return 0;
  const payload: WebhookPayload = {
    id: crypto.randomUUID(),
    event: args.event,
    createdAt: new Date(args.now).toISOString(),
    study: { id: args.studyId },
    data: args.data,
  };
  const json = JSON.stringify(payload);
  const rows = endpoints.map((id) => [id, args.event, args.dedupeKey ?? null, json, args.now, args.now]);
  return tx.run(
    sql`insert into webhook_deliveries (endpoint_id, event, dedupe_key, payload_json, next_attempt_at, created_at)
        values ${valuesList(rows)} on conflict do nothing`,
  );
}

interface Finished {
  studyId: number;
  status: string;
  screenReason: string | null;
  respondentRef: string | null;
  origin: string;
  wave: number;
  stage: string;
  completedAt: number | null;
}

/** Quota cells of the study this response falls in that its completion has just filled (count = target). */
async function quotasJustFilled(tx: Db, studyId: number, responseId: number) {
  return tx.rows<{ id: number; questionCode: string; value: string; target: number }>(
    sql`select qu.id, qu.question_code as "questionCode", qu.value, qu.target from quotas qu
        join response_profile mine on mine.response_id = ${responseId} and mine.question_code = qu.question_code and mine.value = qu.value
        where qu.study_id = ${studyId} and qu.target = (
          select cast(count(*) as integer) from responses r
          join questionnaires qn on qn.id = r.questionnaire_id
          join response_profile p on p.response_id = r.id
          where qn.study_id = ${studyId} and r.status = 'complete' and (r.review is null or r.review <> 'exclude')
            and p.question_code = qu.question_code and p.value = qu.value)`,
  );
}

/**
 * What a finished response (complete or screened out) leaves besides itself, in its own
 * transaction: its place in the study's response feed (`seq` under the study's `feed:` lock, so
 * feed order is commit order and the API's `since` cursor never skips a late commit) and the
 * webhook events of the study's endpoints (response.completed or .screened_out, and quota.full
 * when it filled a quota cell). Imports pass `events: false`: a file of a thousand responses
 * is not a thousand webhooks.
 */
export async function recordFinishedResponse(tx: Db, responseId: number, now: number, options: { events?: boolean } = {}): Promise<void> {
  const [r] = await tx.rows<Finished>(
    sql`select q.study_id as "studyId", r.status, r.screen_reason as "screenReason", r.respondent_ref as "respondentRef", r.origin,
          r.wave, q.stage, r.completed_at as "completedAt"
        from responses r join questionnaires q on q.id = r.questionnaire_id where r.id = ${responseId}`,
  );
  if (!r || (r.status !== "complete" && r.status !== "screened_out")) return;
  if (tx.engine === "postgres") {
    // A pending place, without a lock held through the commit: listFeedPage's vm_feed_sequence
    // gives it its place once committed (migration 0012_feed_sequencer).
    await tx.run(sql`insert into response_feed (study_id, seq, response_id) values (${r.studyId}, vm_feed_pending_seq(), ${responseId}) on conflict do nothing`);
  } else {
    await tx.lock(`feed:${r.studyId}`);
    await tx.run(
      sql`insert into response_feed (study_id, seq, response_id)
          select cast(${r.studyId} as integer), coalesce(max(seq), 0) + 1, cast(${responseId} as integer) from response_feed where study_id = ${r.studyId}
          on conflict do nothing`,
    );
  }
  if (options.events === false) return;
  const data = {
    responseId,
    status: r.status,
    screenReason: r.screenReason,
    rid: r.respondentRef,
    test: r.origin === "test",
    imported: r.origin === "imported",
    stage: r.stage === "focus_group" ? "focus_group" : "rating",
    wave: Number(r.wave),
    completedAt: new Date(Number(r.completedAt ?? now)).toISOString(),
  };
  const event: WebhookEvent = r.status === "complete" ? "response.completed" : "response.screened_out";
  const endpoints = await studyEndpoints(tx, r.studyId);
  if (endpoints.length === 0) return;
  await enqueueWebhookEvent(tx, { studyId: r.studyId, event, data, now }, endpoints);
  if (r.status === "complete" && subscribed(endpoints, "quota.full").length > 0) {
    for (const cell of await quotasJustFilled(tx, r.studyId, responseId)) {
      await enqueueWebhookEvent(tx, {
        studyId: r.studyId,
        event: "quota.full",
        data: { quota: { id: cell.id, question: cell.questionCode, value: cell.value, target: Number(cell.target) }, responseId },
        now,
        dedupeKey: `quota.full:${cell.id}:${cell.target}`,
      }, endpoints);
    }
  }
}
