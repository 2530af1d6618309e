import { duplicateKeys } from "./duplicate-keys";
import { earlierResponse } from "./earlier-response";
import { medianOfSorted } from "./median-of-sorted";
import { responseFlags } from "./response-flags";

/**
 * Data-quality flags of complete responses (issue #4 "Data quality"). Flags mark, never delete:
 * the researcher's include/exclude decision overrides them, and the report can keep flagged
 * responses in or leave them out (`isIncluded`).
 */
export type QualityFlag = "speeder" | "straight_liner" | "duplicate" | "no_competitor";
export const QUALITY_FLAGS: readonly QualityFlag[] = ["speeder", "straight_liner", "duplicate", "no_competitor"];

export interface QualityInput {
  id: string;
  /** Completion time (completed - started), null when unknown. */
  durationMs: number | null;
  /**
   * The least plausible completion time of this response (answered pages times a floor per
   * page), null or absent when none applies: faster is `speeder` whatever the median.
   */
  minDurationMs?: number | null;
  /** Completion instant: the earlier of two responses from one device is the original. */
  completedAt: number;
  /** offer -> attribute -> score (don't know = absent). */
  ratings: Record<string, Record<string, number>>;
  /** Offers the respondent says they know. */
  known: string[];
  deviceId?: string | null;
  invitationId?: number | null;
}

export interface QualityOptions {
  /** The own offer: a respondent who knows no other offer cannot compare. */
  ownId: string;
  /** Fewest ratings of one offer for its row to show straight-lining; default 3. */
  minRowRatings?: number;
}

/**
 * Flags per response id:
 * - `speeder`: completion time under a third of the median completion time of the responses given,
 *   or under the response's own absolute floor `minDurationMs` (a stuffer who completes every
 *   response in seconds sets the median himself, so the relative rule alone misses him);
 * - `straight_liner`: see `responseFlags` (response-flags.ts);
 * - `duplicate`: another response completed earlier from the same device cookie or invitation;
 * - `no_competitor`: knows no offer but the own one.
 */
export function flagResponses(rows: QualityInput[], options: QualityOptions): Map<string, QualityFlag[]> {
  const median = medianOfSorted(rows.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs])).sort((a, b) => a - b));
  const originals = new Map<string, QualityInput>();
  for (const row of rows) {
    for (const key of duplicateKeys(row)) {
      const seen = originals.get(key);
      if (!seen || earlierResponse(row, seen)) originals.set(key, row);
    }
  }
  const context = { median, originals, ownId: options.ownId, minRowRatings: options.minRowRatings ?? 3 };
  return new Map(rows.map((row) => [row.id, responseFlags(row, context)]));
}

/**
 * Whether a response counts in the analysis: the researcher's decision first (`include` /
 * `exclude`), else unflagged responses always and flagged ones only when the report keeps them in.
 */
export function isIncluded(flags: readonly QualityFlag[], review: "include" | "exclude" | null, flagged: "in" | "out"): boolean {
  if (review === "include") return true;
  if (review === "exclude") return false;
  return flags.length === 0 || flagged === "in";
}
