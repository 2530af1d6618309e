import type { QualityFlag, QualityInput } from "./data-quality";
import { duplicateKeys } from "./duplicate-keys";

/** What one response's flags depend on beyond the response itself. */
export interface ResponseFlagsContext {
  /** the median completion time of the responses flagged together (null: none known) */
  median: number | null;
  /** the original (earliest) response under each duplicate key (`duplicateKeys`) */
  originals: ReadonlyMap<string, QualityInput>;
  /** the own offer */
  ownId: string;
  /** fewest ratings of one offer for its row to show straight-lining */
  minRowRatings: number;
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
 * One response's flags (see `flagResponses`) given the study-wide median and originals: only
 * `speeder` (the median) and `duplicate` (the originals) depend on the other responses.
 */
export function responseFlags(row: QualityInput, context: ResponseFlagsContext): QualityFlag[] {
  const list: QualityFlag[] = [];
  const { median } = context;
  const belowMedian = median !== null && row.durationMs !== null && row.durationMs < median / 3;
  const belowFloor = row.durationMs !== null && row.minDurationMs !== null && row.minDurationMs !== undefined && row.durationMs < row.minDurationMs;
  if (belowMedian || belowFloor) list.push("speeder");
  if (straightLined(row.ratings, context.minRowRatings)) list.push("straight_liner");
  if (duplicateKeys(row).some((key) => context.originals.get(key) !== row)) list.push("duplicate");
  if (!row.known.some((offer) => offer !== context.ownId)) list.push("no_competitor");
  return list;
}
