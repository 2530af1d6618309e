import type { StatisticsLayout, StudyStatistics } from "./types";

/** A cell of sufficient statistics over no respondent. */
export function emptyStatistics(layout: StatisticsLayout): StudyStatistics {
  return { layout, sums: new Float64Array(layout.offsets.size), lostCounts: new Map() };
}
