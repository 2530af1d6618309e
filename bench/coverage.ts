/**
 * Coverage of the 95 % percentile bootstrap interval of Q, the large run of
 * test/analysis/bootstrap-coverage.test.ts: studies drawn from the known model of
 * bench/coverage-model.ts (true Q = 107.7265), 1000 bootstrap replicates each.
 *
 *   npx tsx bench/coverage.ts                                   # 2000 studies x 100 respondents
 *   COVERAGE_STUDIES=500 COVERAGE_RESPONDENTS=200 npx tsx bench/coverage.ts
 *
 * Prints the share of studies whose interval covers the true Q (goal 93-97 %), its binomial
 * standard error, the misses on each side and the mean interval width. Exit code 1 outside
 * 93-97 %.
 */
import { coverageRun } from "./coverage-model";

const studies = Number(process.env.COVERAGE_STUDIES ?? 2000);
const respondents = Number(process.env.COVERAGE_RESPONDENTS ?? 100);
const replicates = Number(process.env.COVERAGE_REPLICATES ?? 1000);
const seed = Number(process.env.COVERAGE_SEED ?? 7);

const start = performance.now();
const run = coverageRun({ studies, respondents, replicates, seed });
const seconds = (performance.now() - start) / 1000;
const se = Math.sqrt((run.coverage * (1 - run.coverage)) / run.studies);
console.log(
  `${run.studies} studies x ${run.respondents} respondents x ${run.replicates} replicates (seed ${seed}), ` +
    `true Q ${run.trueQuality.toFixed(4)}, ${seconds.toFixed(1)} s`,
);
console.log(
  `missed low ${run.missedLow}, missed high ${run.missedHigh}, mean interval width ${run.meanWidth.toFixed(3)} index points`,
);
const inside = run.coverage >= 0.93 && run.coverage <= 0.97;
console.log(
  `coverage ${(100 * run.coverage).toFixed(1)} % (standard error ${(100 * se).toFixed(1)} points; goal 93-97 %: ${inside ? "met" : "NOT met"})`,
);
if (!inside) process.exitCode = 1;
