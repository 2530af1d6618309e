import type { RfmScore, RfmSegment } from "./types";

/**
 * Rows: R = 1..5; columns: FM = 1..5. Every cell lies inside its segment's ranges in Putler's
 * table of eleven segments (R against the combined F and M score); where those ranges overlap,
 * the cell goes where this grid, widely used in SQL and Python RFM implementations, puts it.
 */
const GRID: Record<RfmScore, readonly [RfmSegment, RfmSegment, RfmSegment, RfmSegment, RfmSegment]> = {
  1: ["lost", "hibernating", "at-risk", "cannot-lose", "cannot-lose"],
  2: ["about-to-sleep", "needs-attention", "needs-attention", "at-risk", "at-risk"],
  3: ["promising", "needs-attention", "potential-loyalist", "loyal", "loyal"],
  4: ["promising", "potential-loyalist", "potential-loyalist", "loyal", "champions"],
  5: ["new", "potential-loyalist", "loyal", "champions", "champions"],
};

/**
 * The RFM segment of a customer's scores: recency R against FM = ceil((F + M) / 2), the mean of
 * the frequency and monetary scores rounded up, on the grid of Putler's eleven segments
 * ("RFM Analysis For Successful Customer Segmentation", putler.com):
 *
 * ```
 *        FM=1            FM=2               FM=3                FM=4         FM=5
 * R=5    new             potential-loyalist loyal               champions    champions
 * R=4    promising       potential-loyalist potential-loyalist  loyal        champions
 * R=3    promising       needs-attention    potential-loyalist  loyal        loyal
 * R=2    about-to-sleep  needs-attention    needs-attention     at-risk      at-risk
 * R=1    lost            hibernating        at-risk             cannot-lose  cannot-lose
 * ```
 */
export function rfmSegment(r: RfmScore, f: RfmScore, m: RfmScore): RfmSegment {
  const fm = Math.ceil((f + m) / 2) as RfmScore;
  return GRID[r][fm - 1] as RfmSegment;
}
