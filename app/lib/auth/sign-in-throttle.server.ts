import { hasRecentSecurityEvent, recordSecurityEvent } from "../../../db/queries/security-events";
import { pruneSignInFailures, recordSignInFailure, signInFailureStats } from "../../../db/queries/sign-in-failures";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";

/** Failures older than this no longer count (and are pruned). */
export const SIGN_IN_WINDOW_MS = 60 * 60 * 1000;

/** Seconds to wait after the `n`th failure when `free` are allowed: none, then 1, 2, 4, ... up to SIGN_IN_MAX_DELAY_SECONDS. */
export function waitAfter(n: number, free: number): number {
  return n < free ? 0 : Math.min(env.SIGN_IN_MAX_DELAY_SECONDS, 2 ** (n - free));
}

/**
 * How many seconds this address must still wait before trying this account (0: it may try now).
 * Three growing waits, each counted from the last failure it weighs, within the hour:
 * - the account from this address, after SIGN_IN_FREE_FAILURES failures;
 * - this address for any account, after SIGN_IN_FREE_FAILURES_PER_ADDRESS;
 * - the account from any address, after SIGN_IN_FREE_FAILURES_PER_ACCOUNT, but only for an
 *   address that has itself failed on the account.
 * An address that never failed on the account is never held back by the account's count, so
 * failures from elsewhere can slow guessing down without ever locking the owner out.
 */
export async function signInWaitSeconds(db: Db, email: string, ip: string, now = Date.now()): Promise<number> {
  const stats = await signInFailureStats(db, { email, ip, since: now - SIGN_IN_WINDOW_MS });
  const until = (n: number, free: number, last: number) => (n >= free ? last + waitAfter(n, free) * 1000 : 0);
  const waitEnds = Math.max(
    until(stats.pair.n, env.SIGN_IN_FREE_FAILURES, stats.pair.last),
    until(stats.address.n, env.SIGN_IN_FREE_FAILURES_PER_ADDRESS, stats.address.last),
    stats.pair.n > 0 ? until(stats.account.n, env.SIGN_IN_FREE_FAILURES_PER_ACCOUNT, stats.account.last) : 0,
  );
  return waitEnds > now ? Math.ceil((waitEnds - now) / 1000) : 0;
}

/**
 * Records a failed sign-in, and a burst in the administrators' security log the first time
 * within the hour an account or an address reaches its number of free failures.
 */
export async function recordSignInFailureAndBursts(db: Db, email: string, ip: string, now = Date.now()): Promise<void> {
  const since = now - SIGN_IN_WINDOW_MS;
  await pruneSignInFailures(db, since);
  await recordSignInFailure(db, { email, ip, now });
  const stats = await signInFailureStats(db, { email, ip, since });
  if (stats.account.n >= env.SIGN_IN_FREE_FAILURES_PER_ACCOUNT && !(await hasRecentSecurityEvent(db, { kind: "signInBurstAccount", email, since }))) {
    await recordSecurityEvent(db, { kind: "signInBurstAccount", email, detail: String(stats.account.n), now });
  }
  if (stats.address.n >= env.SIGN_IN_FREE_FAILURES_PER_ADDRESS && !(await hasRecentSecurityEvent(db, { kind: "signInBurstAddress", ip, since }))) {
    await recordSecurityEvent(db, { kind: "signInBurstAddress", ip, detail: String(stats.address.n), now });
  }
}
