import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { enqueueWebhookEvent, type WebhookEvent } from "./response-events";

export interface WebhookEndpoint {
  id: number;
  studyId: number;
  url: string;
  secret: string;
  events: WebhookEvent[];
  createdAt: number;
}

type EndpointRow = Omit<WebhookEndpoint, "events"> & { events: string };
const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  ...row,
  createdAt: Number(row.createdAt),
  events: row.events.split(",").filter(Boolean) as WebhookEvent[],
});

export async function listWebhookEndpoints(db: Db, studyId: number): Promise<WebhookEndpoint[]> {
  const rows = await db.rows<EndpointRow>(
    sql`select id, study_id as "studyId", url, secret, events, created_at as "createdAt" from webhook_endpoints where study_id = ${studyId} order by id`,
  );
  return rows.map(toEndpoint);
}

export async function addWebhookEndpoint(
  db: Db,
  args: { studyId: number; url: string; secret: string; events: WebhookEvent[]; userId: number; now: number },
): Promise<number> {
  const [row] = await db.rows<{ id: number }>(
    sql`insert into webhook_endpoints (study_id, url, secret, events, created_by, created_at)
        values (${args.studyId}, ${args.url}, ${args.secret}, ${args.events.join(",")}, ${args.userId}, ${args.now}) returning id`,
  );
  return row!.id;
}

/** Deletes an endpoint of the study (and its delivery log); false when the study has no such endpoint. */
export async function deleteWebhookEndpoint(db: Db, args: { studyId: number; endpointId: number }): Promise<boolean> {
  return (await db.run(sql`delete from webhook_endpoints where id = ${args.endpointId} and study_id = ${args.studyId}`)) === 1;
}

/** A delivery as the loop sends it: the endpoint's URL and secret with the stored body. */
export interface DueDelivery {
  id: number;
  endpointId: number;
  event: string;
  payloadJson: string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Takes up to `limit` deliveries that are due (pending, next attempt reached, no live lease) for
 * this loop until `leaseUntil`: each is claimed by a conditional update, so two loops (two app
 * instances on one PostgreSQL database) never send the same attempt twice, and a loop that dies
 * mid-send leaves a lease that runs out, after which another loop (or the restarted one) sends it.
 */
export async function claimDueDeliveries(db: Db, args: { now: number; leaseUntil: number; limit: number }): Promise<DueDelivery[]> {
  const candidates = await db.rows<{ id: number }>(
    sql`select id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${args.now}
          and (lease_until is null or lease_until <= ${args.now}) order by next_attempt_at, id limit ${args.limit}`,
  );
  const claimed: DueDelivery[] = [];
  for (const { id } of candidates) {
    const changed = await db.run(
      sql`update webhook_deliveries set lease_until = ${args.leaseUntil}
          where id = ${id} and status = 'pending' and (lease_until is null or lease_until <= ${args.now})`,
    );
    if (changed !== 1) continue;
    const [row] = await db.rows<DueDelivery>(
      sql`select d.id, d.endpoint_id as "endpointId", d.event, d.payload_json as "payloadJson", d.attempts, e.url, e.secret
          from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id where d.id = ${id}`,
    );
    if (row) claimed.push({ ...row, attempts: Number(row.attempts) });
  }
  return claimed;
}

/**
 * Records one attempt and its outcome in one transaction: delivered (2xx), tried again at
 * `retryAt`, or given up (`retryAt` null after the last attempt). The lease is released.
 */
export async function recordDeliveryAttempt(
  db: Db,
  args: { id: number; at: number; durationMs: number; statusCode: number | null; error: string | null; delivered: boolean; retryAt: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      sql`insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms)
          values (${args.id}, ${args.at}, ${args.statusCode}, ${args.error}, ${Math.max(0, Math.round(args.durationMs))})`,
    );
    const status = args.delivered ? "delivered" : args.retryAt === null ? "failed" : "pending";
    await tx.run(
      sql`update webhook_deliveries set attempts = attempts + 1, status = ${status}, lease_until = null,
            next_attempt_at = ${args.retryAt ?? args.at}, last_status_code = ${args.statusCode}, last_error = ${args.error},
            delivered_at = ${args.delivered ? args.at : null}
          where id = ${args.id}`,
    );
  });
}

export interface DeliveryLogEntry {
  id: number;
  endpointId: number;
  url: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: number;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** The study's latest deliveries, newest first. */
export async function listDeliveries(db: Db, args: { studyId: number; limit: number }): Promise<DeliveryLogEntry[]> {
  const rows = await db.rows<DeliveryLogEntry>(
    sql`select d.id, d.endpoint_id as "endpointId", e.url, d.event, d.status, d.attempts, d.next_attempt_at as "nextAttemptAt",
          d.last_status_code as "lastStatusCode", d.last_error as "lastError", d.replay_of as "replayOf",
          d.created_at as "createdAt", d.delivered_at as "deliveredAt"
        from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where e.study_id = ${args.studyId} order by d.id desc limit ${args.limit}`,
  );
  return rows.map((r) => ({
    ...r,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.nextAttemptAt),
    createdAt: Number(r.createdAt),
    deliveredAt: r.deliveredAt === null ? null : Number(r.deliveredAt),
  }));
}

/** The attempts of one delivery, in order. */
export async function listAttempts(db: Db, deliveryId: number) {
  return db.rows<{ at: number; statusCode: number | null; error: string | null; durationMs: number }>(
    sql`select at, status_code as "statusCode", error, duration_ms as "durationMs" from webhook_attempts where delivery_id = ${deliveryId} order by id`,
  );
}

/** Sends a delivery of the study again as a new delivery with the same body; null when the study has no such delivery. */
export async function replayDelivery(db: Db, args: { studyId: number; deliveryId: number; now: number }): Promise<number | null> {
  const [row] = await db.rows<{ id: number }>(
    sql`insert into webhook_deliveries (endpoint_id, event, payload_json, next_attempt_at, replay_of, created_at)
        select d.endpoint_id, d.event, d.payload_json, ${args.now}, d.id, ${args.now}
        from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.id = ${args.deliveryId} and e.study_id = ${args.studyId} returning id`,
  );
  return row?.id ?? null;
}

/**
 * fieldwork.closed for every study whose fieldwork window has ended (by its end date or the
 * researcher's "close now", which sets the end to that moment) and that has an endpoint for it:
 * once per end time (the dedupe key), so the loop may look as often as it likes.
 */
export async function enqueueClosedFieldwork(db: Db, now: number): Promise<number> {
  const studies = await db.rows<{ id: number; closesAt: number }>(
    sql`select s.id, s.fieldwork_closes_at as "closesAt" from studies s
        where s.fieldwork_closes_at is not null and s.fieldwork_closes_at <= ${now}
          and exists (select 1 from webhook_endpoints e where e.study_id = s.id and e.events like '%fieldwork.closed%'
            and e.created_at <= s.fieldwork_closes_at
            and not exists (select 1 from webhook_deliveries d where d.endpoint_id = e.id
              and d.dedupe_key = ${"fieldwork.closed:"} || cast(s.fieldwork_closes_at as text)))`,
  );
  let added = 0;
  for (const s of studies) {
    const closesAt = Number(s.closesAt);
    added += await db.transaction((tx) =>
      enqueueWebhookEvent(tx, {
        studyId: s.id,
        event: "fieldwork.closed",
        data: { closedAt: new Date(closesAt).toISOString() },
        now,
        dedupeKey: `fieldwork.closed:${closesAt}`,
      }),
    );
  }
  return added;
}
