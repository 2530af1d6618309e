import { sql } from "drizzle-orm";
import type { Db } from "../client";
import type { RatingResponse } from "../../surveys/read-rating-response";
import type { StartArgs } from "./responses";

/*
 * The respondent's hot path on PostgreSQL in one round trip each: a start, a draft save and a
 * rating completion as one call of the functions of migration 0011_pg_hot_path (one statement, its own
 * transaction; inside a caller's transaction, part of it). They do what responses.ts's
 * startResponse, saveResponseDraft and completeResponse do in several statements, under the same advisory locks
 * (invitation:, quota:, feed:), so both paths serialise with each other.
 */

function startFields(args: StartArgs) {
  return {
    clientId: args.clientId,
    questionnaireId: args.questionnaireId,
    offerOrder: JSON.stringify(args.offerOrder),
    locale: args.locale,
    now: args.now,
    invitationId: args.invitationId ?? null,
    deviceId: args.deviceId ?? null,
    wave: args.wave ?? 1,
    respondentRef: args.respondentRef ?? null,
    origin: args.origin ?? "web",
  };
}

/** startResponse's arguments as vm_start_response takes them (one jsonb parameter). */
export function startJson(args: StartArgs): string {
  return JSON.stringify(startFields(args));
}

/** saveResponseDraft in one statement (vm_save_draft). */
export async function saveDraftOnPostgres(
  db: Db,
  args: StartArgs & { answersJson: string; pageNo: number; seq: number },
): Promise<"saved" | "stale" | "finished" | "other-questionnaire"> {
  const p = { ...startFields(args), answersJson: args.answersJson, pageNo: args.pageNo, seq: args.seq };
  const [row] = await db.rows<{ outcome: "saved" | "stale" | "finished" | "other-questionnaire" }>(
    sql`select vm_save_draft(${JSON.stringify(p)}::jsonb) as "outcome"`,
  );
  return row!.outcome;
}

/**
 * The completion caps checked inside the same statement, before anything is written (what
 * completion-caps.server.ts's deviceVerdict and countAddressCompletion do on PostgreSQL).
 */
export interface CompletionCaps {
  studyId: number;
  onePerDevice: boolean;
  /** The device cookie's id ("" without one) and RESPONDENT_COMPLETIONS_PER_DEVICE (0: no cap). */
  deviceId: string;
  deviceCap: number;
  /** The per-address counter's key in rate_limit_windows, its window start and limit; null: not counted. */
  address: { key: string; windowStart: number; limit: number } | null;
}

export type PostgresCompleteOutcome = "completed" | "already-finished" | "other-questionnaire" | "onePerDevice" | "deviceCap" | "addressCap";

export interface PostgresCompletion {
  outcome: PostgresCompleteOutcome;
  /** The response's state afterwards (absent for the caps' refusals). */
  status?: string;
  screenReason?: string | null;
  respondentRef?: string | null;
}

/**
 * completeResponse (rating stage) in one statement (vm_complete_response): with `caps`, the
 * device and address caps first (a refusal writes nothing but the address count, as
 * countAddressCompletion does); `completionFlagsDuplicate` is what is stored instead of
 * `completionFlags` when the device turns out to have completed a response already.
 */
export async function completeOnPostgres(
  db: Db,
  args: StartArgs & {
    answersJson: string;
    result: RatingResponse;
    minDurationMs?: number | null;
    completionFlags?: string | null;
    completionFlagsDuplicate?: string | null;
    caps?: CompletionCaps | null;
  },
): Promise<PostgresCompletion> {
  const caps = args.caps
    ? {
        studyId: args.caps.studyId,
        onePerDevice: args.caps.onePerDevice,
        deviceId: args.caps.deviceId,
        deviceCap: args.caps.deviceCap,
        addressKey: args.caps.address?.key ?? null,
        addressWindowStart: args.caps.address?.windowStart ?? null,
        addressLimit: args.caps.address?.limit ?? null,
      }
    : null;
  const p = {
    ...startFields(args),
    answersJson: args.answersJson,
    result: args.result,
    maxDiff: (args.result.maxDiff ?? []).map((t) => ({ kind: t.kind, task: t.task, itemsJson: JSON.stringify(t.items), best: t.best, worst: t.worst })),
    minDurationMs: args.minDurationMs ?? null,
    completionFlags: args.completionFlags ?? null,
    completionFlagsDuplicate: args.completionFlagsDuplicate ?? args.completionFlags ?? null,
    createdAt: new Date(args.now).toISOString(),
    caps,
  };
  const [row] = await db.rows<{ completion: PostgresCompletion }>(sql`select vm_complete_response(${JSON.stringify(p)}::jsonb) as "completion"`);
  return row!.completion;
}
