import { countDeviceFinished } from "../../../db/queries/responses";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { rateLimiterFor, type RateLimiter, type Take } from "../platform/rate-limit.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Completions per study and IP address in a 24-hour window (RESPONDENT_COMPLETIONS_PER_ADDRESS):
 * counted like the request limit, in memory on SQLite and in `rate_limit_windows` on PostgreSQL
 * (no respondent's address is stored with a response). One counter per database.
 */
const counters = new WeakMap<Db, RateLimiter>();
function counterOf(db: Db): RateLimiter {
  let counter = counters.get(db);
  if (!counter) counters.set(db, (counter = rateLimiterFor(db, env.RESPONDENT_COMPLETIONS_PER_ADDRESS, DAY_MS, "complete")));
  return counter;
}
const addressKey = (studyId: number, address: string) => `${studyId}\n${address}`;

/** Whether this address may still complete a response to the study (nothing counted). */
export function addressMayComplete(db: Db, studyId: number, address: string): Promise<Take> {
  return counterOf(db).peek(addressKey(studyId, address));
}

/** Counts one completion of this address (called once the answers are valid, before storing). */
export function countAddressCompletion(db: Db, studyId: number, address: string): Promise<Take> {
  return counterOf(db).take(addressKey(studyId, address));
}

/**
 * The per-address counter of a completion as DatabaseRateLimiter.take keeps it (key, window
 * start, limit), for the PostgreSQL completion that counts it inside its own statement
 * (complete-on-postgres.server.ts); null when no limit applies (nothing counted).
 */
export function addressCounter(studyId: number, address: string, now: number): { key: string; windowStart: number; limit: number; retryAfterSeconds: number } | null {
  const limit = env.RESPONDENT_COMPLETIONS_PER_ADDRESS;
  if (limit <= 0) return null;
  const windowStart = Math.floor(now / DAY_MS) * DAY_MS;
  return { key: `complete:${addressKey(studyId, address)}`, windowStart, limit, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + DAY_MS - now) / 1000)) };
}

export type DeviceVerdict = "ok" | "onePerDevice" | "cap";

/**
 * Whether this device may finish another response to the study: not when the study takes one
 * response per device and it completed one, nor when it finished RESPONDENT_COMPLETIONS_PER_DEVICE
 * (personal links are not counted: the link is the respondent). Also tells whether it already
 * completed one (the `duplicate` flag).
 */
export async function deviceVerdict(
  db: Db,
  study: { studyId: number; onePerDevice: boolean },
  deviceId: string,
  /** The device's counts when already read (up to the cap: countDeviceFinished). */
  counted?: { finished: number; hasComplete: boolean },
): Promise<{ verdict: DeviceVerdict; hasComplete: boolean }> {
  const cap = env.RESPONDENT_COMPLETIONS_PER_DEVICE;
  // Counted up to the cap only: a shared device (a kiosk) costs no more than any other.
  const { finished, hasComplete } = counted ?? (await countDeviceFinished(db, study.studyId, deviceId, cap));
  if (study.onePerDevice && hasComplete) return { verdict: "onePerDevice", hasComplete };
  if (cap > 0 && finished >= cap) return { verdict: "cap", hasComplete };
  return { verdict: "ok", hasComplete };
}
