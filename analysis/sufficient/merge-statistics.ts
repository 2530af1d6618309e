import { emptyStatistics } from "./empty-statistics";
import type { StatisticsLayout, StudyStatistics } from "./types";

/** One cell holding the sums of `cells` (all of `layout`): the statistics of their respondents together. */
export function mergeStatistics(layout: StatisticsLayout, cells: readonly StudyStatistics[]): StudyStatistics {
  const merged = emptyStatistics(layout);
  for (const cell of cells) {
    if (cell.layout.offsets.size !== layout.offsets.size) throw new Error("mergeStatistics: cells of another layout");
    const { sums } = merged;
    for (let i = 0; i < sums.length; i += 1) sums[i] = (sums[i] as number) + (cell.sums[i] as number);
    for (const [offer, n] of cell.lostCounts) {
      const total = (merged.lostCounts.get(offer) ?? 0) + n;
      if (total === 0) merged.lostCounts.delete(offer);
      else merged.lostCounts.set(offer, total);
    }
  }
  return merged;
}
