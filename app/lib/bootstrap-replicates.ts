/** Bootstrap replicates of the report's intervals (seeded: a report reads the same twice). */
export const BOOTSTRAP_REPLICATES = 1000;
/** Above this many respondents the replicates shrink so that replicates x respondents stays at most 20 million. */
export const BOOTSTRAP_FULL_UP_TO = 20_000;
const BOOTSTRAP_MIN_REPLICATES = 200;

/**
 * Replicates for n respondents: 1000 up to 20 000 respondents; above, 2e7 / n (at least 200).
 * With that many respondents the intervals are narrow and a percentile from 200+ replicates is
 * stable to a fraction of their width, while the cost of the first report after new data
 * stays bounded (bench/report.ts).
 */
export function bootstrapReplicates(n: number): number {
  if (n <= BOOTSTRAP_FULL_UP_TO) return BOOTSTRAP_REPLICATES;
  return Math.max(BOOTSTRAP_MIN_REPLICATES, Math.round((BOOTSTRAP_REPLICATES * BOOTSTRAP_FULL_UP_TO) / n));
}
