import type { Db } from "../../../db/client";
import { claimDueDeliveries, enqueueClosedFieldwork, recordDeliveryAttempt } from "../../../db/queries/webhooks";
import { sendWebhook } from "./send-webhook.server";
import type { AllowList } from "./ssrf-guard.server";

export interface WorkerOptions {
  allow: AllowList;
  /** Deliveries sent at once. */
  concurrency: number;
  /** Attempts before a delivery is given up (marked failed in the log). */
  maxAttempts: number;
  /** Wait after the first failure; it doubles after each one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often the outbox is looked at. */
  pollMs: number;
  timeoutMs?: number;
  /** Where the loop says what it could not do (default console.error). */
  log?: (line: string) => void;
}

/** When to try again after `attempts` failed attempts, or null to give up: base × 2^(attempts−1), at most max. */
export function retryDelay(attempts: number, options: Pick<WorkerOptions, "maxAttempts" | "baseDelayMs" | "maxDelayMs">): number | null {
  if (attempts >= options.maxAttempts) return null;
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * One pass of the delivery loop: notices closed fieldwork, claims due deliveries (at most
 * `concurrency`) and sends them in parallel, recording every attempt. Returns how many were sent.
 */
export async function deliverDue(db: Db, options: WorkerOptions, now = Date.now()): Promise<number> {
  await enqueueClosedFieldwork(db, now);
  const timeout = options.timeoutMs ?? 10_000;
  const due = await claimDueDeliveries(db, { now, leaseUntil: now + timeout + 30_000, limit: options.concurrency });
  await Promise.all(
    due.map(async (d) => {
      const started = Date.now();
      const result = await sendWebhook({ url: d.url, secret: d.secret, body: d.payloadJson, event: d.event, deliveryId: d.id, allow: options.allow, now: started, timeoutMs: timeout });
      const at = Date.now();
      const delay = result.delivered ? null : retryDelay(d.attempts + 1, options);
      await recordDeliveryAttempt(db, {
        id: d.id,
        at,
        durationMs: at - started,
        statusCode: result.statusCode,
        error: result.error,
        delivered: result.delivered,
        retryAt: delay === null ? null : at + delay,
      });
      if (!result.delivered && delay === null) (options.log ?? console.error)(`[valuemap] webhook delivery ${d.id} (${d.event}) given up after ${d.attempts + 1} attempts: ${result.error}`);
    }),
  );
  return due.length;
}

export interface DeliveryWorker {
  /** Stops polling and waits for the pass under way (its attempts are recorded). */
  stop(): Promise<void>;
  /** Runs a pass now (tests; the loop also polls). */
  kick(): Promise<void>;
}

/**
 * The delivery loop of this server process (started by app/server.js, stopped on SIGTERM):
 * every `pollMs` one pass of `deliverDue`; passes never overlap. Deliveries live in the
 * database (the outbox), so nothing is lost across a restart: a pending one is sent by the next
 * process, and one cut off mid-send is sent again once its lease runs out.
 */
export function startDeliveryWorker(db: Db, options: WorkerOptions): DeliveryWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const pass = () => {
    running = running
      .then(async () => {
        if (stopped) return;
        // A full batch: look again at once (a backlog drains at `concurrency` at a time).
        while (!stopped && (await deliverDue(db, options)) >= options.concurrency);
      })
      .catch((error: unknown) => (options.log ?? console.error)(`[valuemap] webhook delivery loop: ${error instanceof Error ? error.message : String(error)}`));
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void pass().then(schedule), options.pollMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    kick: pass,
  };
}
