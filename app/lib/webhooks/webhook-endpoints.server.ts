import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import type { Study } from "../../../db/queries/studies";
import {
  addWebhookEndpoint,
  deleteWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  replayDelivery,
} from "../../../db/queries/webhooks";
import type { WebhookEvent } from "../../../db/queries/response-events";
import { newWebhookSecret } from "./signature.server";
import type { WebhookEventName } from "./webhook-events";

// The page's list (client-safe) and the outbox's are the same events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameEvents: Same<WebhookEvent, WebhookEventName> = true;
void sameEvents;
import { resolveDestination, type AllowList } from "./ssrf-guard.server";

export type EndpointRefusal = "webhooks.error.url" | "webhooks.error.scheme" | "webhooks.error.dns" | "webhooks.error.private";

/**
 * Adds an endpoint to the study after checking where it leads (https, an address the operator
 * allows: the same check as each delivery); the secret is made here and shown to the editors.
 */
export async function createWebhookEndpoint(
  db: Db,
  study: Study,
  userId: number,
  input: { url: string; events: WebhookEvent[] },
  allow: AllowList,
  now = Date.now(),
): Promise<{ ok: true; id: number } | { ok: false; error: EndpointRefusal }> {
  const destination = await resolveDestination(input.url, allow);
  if (!destination.ok) return { ok: false, error: `webhooks.error.${destination.reason}` };
  const id = await addWebhookEndpoint(db, { studyId: study.id, url: input.url, secret: newWebhookSecret(), events: input.events, userId, now });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "webhookCreate", detail: `${input.url} (${input.events.join(", ")})`, now });
  return { ok: true, id };
}

export async function removeWebhookEndpoint(db: Db, study: Study, userId: number, endpointId: number, now = Date.now()): Promise<boolean> {
  const url = (await listWebhookEndpoints(db, study.id)).find((e) => e.id === endpointId)?.url;
  if (url === undefined || !(await deleteWebhookEndpoint(db, { studyId: study.id, endpointId }))) return false;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "webhookDelete", detail: url, now });
  return true;
}

export async function replayWebhookDelivery(db: Db, study: Study, userId: number, deliveryId: number, now = Date.now()): Promise<boolean> {
  const id = await replayDelivery(db, { studyId: study.id, deliveryId, now });
  if (id === null) return false;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "webhookReplay", detail: `delivery ${deliveryId}`, now });
  return true;
}

/** The webhooks page: the study's endpoints and its latest deliveries. */
export async function loadWebhooks(db: Db, study: Study) {
  return { endpoints: await listWebhookEndpoints(db, study.id), deliveries: await listDeliveries(db, { studyId: study.id, limit: 100 }) };
}
