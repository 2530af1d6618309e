import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { startDeliveryWorker, type DeliveryWorker } from "./delivery-worker.server";
import { parseAllowList } from "./ssrf-guard.server";

/** The allow-list of WEBHOOK_ALLOW_HOSTS, parsed once. */
export const webhookAllowList = parseAllowList(env.WEBHOOK_ALLOW_HOSTS);

/**
 * The production server's webhook delivery loop with the operator's settings
 * (WEBHOOK_CONCURRENCY, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_SECONDS up to 24 hours,
 * WEBHOOK_ALLOW_HOSTS); null when WEBHOOK_CONCURRENCY is 0.
 */
export function startWebhookDelivery(db: Db): DeliveryWorker | null {
  if (env.WEBHOOK_CONCURRENCY === 0) return null;
  return startDeliveryWorker(db, {
    allow: webhookAllowList,
    concurrency: env.WEBHOOK_CONCURRENCY,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: env.WEBHOOK_RETRY_BASE_SECONDS * 1000,
    maxDelayMs: 24 * 60 * 60 * 1000,
    pollMs: 1000,
  });
}
