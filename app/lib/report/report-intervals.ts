/** Bootstrap replicates of the report's intervals (seeded: a report reads the same twice). */
export const BOOTSTRAP_REPLICATES = 1000;
/**
 * Up to this many analysed respondents the report's intervals are the percentile bootstrap
 * (1000 replicates); above, the delta method's large-sample intervals (method.md "Beyond Gale",
 * analysis/delta-method-intervals.ts, which propagates the ratings, the weights and the quality
 * share). test/analysis/delta-coverage.test.ts checks the delta interval's coverage at 200
 * respondents; at 1000 and more it and the bootstrap agree closely, and the bootstrap's cost
 * (replicates x respondents) would otherwise dominate the first report after new data
 * (bench/report.ts).
 */
export const BOOTSTRAP_UP_TO = 1000;

export type IntervalMethod = "bootstrap" | "delta";

/** The report's interval method for n analysed respondents. */
export function reportIntervalMethod(n: number): IntervalMethod {
  return n <= BOOTSTRAP_UP_TO ? "bootstrap" : "delta";
}
