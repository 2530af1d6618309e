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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Straight-lining: every offer the respondent rated on at least `minRows` attributes got one
 * and the same score on all of them (the same answer down each offer's matrix), and at least one
 * such offer exists. A respondent who scores each offer flat, even at different levels, is flagged;
 * one genuine "all 8" for a single offer among varied rows is not.
 */
function straightLined(ratings: QualityInput["ratings"], minRows: number): boolean {
  let rows = 0;
  for (const byAttribute of Object.values(ratings)) {
    const scores = Object.values(byAttribute);
    if (scores.length < minRows) continue;
    rows += 1;
    if (scores.some((s) => s !== scores[0])) return false;
  }
  return rows > 0;
}

/**
 * Flags per response id:
 * - `speeder`: completion time under a third of the median completion time of the responses given,
 *   or under the response's own absolute floor `minDurationMs` (a stuffer who completes every
 *   response in seconds sets the median himself, so the relative rule alone misses him);
 * - `straight_liner`: see `straightLined`;
 * - `duplicate`: another response completed earlier from the same device cookie or invitation;
 * - `no_competitor`: knows no offer but the own one.
 */
export function flagResponses(rows: QualityInput[], options: QualityOptions): Map<string, QualityFlag[]> {
  const minRows = options.minRowRatings ?? 3;
  const med = median(rows.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs])));
  const firstBy = new Map<string, QualityInput>();
  const original = (key: string, row: QualityInput) => {
    const seen = firstBy.get(key);
    if (!seen || row.completedAt < seen.completedAt || (row.completedAt === seen.completedAt && row.id < seen.id)) firstBy.set(key, row);
  };
  for (const row of rows) {
    if (row.deviceId) original(`d:${row.deviceId}`, row);
    if (row.invitationId !== null && row.invitationId !== undefined) original(`i:${row.invitationId}`, row);
  }
  const flags = new Map<string, QualityFlag[]>();
  for (const row of rows) {
    const list: QualityFlag[] = [];
    const belowMedian = med !== null && row.durationMs !== null && row.durationMs < med / 3;
    const belowFloor = row.durationMs !== null && row.minDurationMs !== null && row.minDurationMs !== undefined && row.durationMs < row.minDurationMs;
    if (belowMedian || belowFloor) list.push("speeder");
    if (straightLined(row.ratings, minRows)) list.push("straight_liner");
    const dupDevice = row.deviceId ? firstBy.get(`d:${row.deviceId}`) !== row : false;
    const dupInvitation =
      row.invitationId !== null && row.invitationId !== undefined ? firstBy.get(`i:${row.invitationId}`) !== row : false;
    if (dupDevice || dupInvitation) list.push("duplicate");
    if (!row.known.some((offer) => offer !== options.ownId)) list.push("no_competitor");
    flags.set(row.id, list);
  }
  return flags;
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
