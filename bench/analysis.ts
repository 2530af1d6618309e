/**
 * Analysis benchmark (issue 3): the time to analyse 10k and 100k synthetic respondents
 * (10 attributes, 5 offers, 1000 bootstrap replicates; bench/synthetic-study.ts) with
 * `analyzeStudy`, the full report, and the ratio to one plain pass over the same ratings in a
 * Float64Array (a sum of every rating), measured in the same run.
 *
 *   npm run bench:analysis
 *   BENCH_SIZES=2000,20000 BENCH_REPLICATES=200 npx tsx bench/analysis.ts   # a quicker run
 *
 * Printed per size: the full analysis, the analysis with a 2-replicate bootstrap (everything
 * else), the bootstrap part (the difference) and the plain pass (median of 21 passes after a
 * warm-up). Then the growth from the first to the last size (linear cost: the time ratio equals
 * the size ratio). The last line holds the ratios to the plain pass.
 */
import { analyzeStudy } from "../analysis";
import type { StudyAnalysisInput } from "../analysis";
import { syntheticStudy } from "./synthetic-study";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const REPLICATES = Number(process.env.BENCH_REPLICATES ?? 1000);

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  const result = run();
  const elapsed = performance.now() - start;
  if (result === undefined) throw new Error("no result");
  return elapsed;
}

/** One plain pass: the sum of every rating. */
function plainPass(ratings: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < ratings.length; k += 1) sum += ratings[k] as number;
  return sum;
}

function plainPassTime(ratings: Float64Array): number {
  let sink = 0;
  for (let k = 0; k < 5; k += 1) sink += plainPass(ratings);
  const times: number[] = [];
  for (let k = 0; k < 21; k += 1) {
    const start = performance.now();
    sink += plainPass(ratings);
    times.push(performance.now() - start);
  }
  if (!Number.isFinite(sink)) throw new Error("bad sum");
  return times.sort((a, b) => a - b)[10] as number;
}

function analyse(input: StudyAnalysisInput, replicates: number) {
  const report = analyzeStudy({ ...input, options: { bootstrap: { replicates, seed: 1 } } });
  const bootstrap = report.intervals.bootstrap;
  if (!bootstrap.ok || !bootstrap.own.quality.ok) throw new Error("the bootstrap gave no interval for Q");
  return report;
}

// Warm-up: compile the hot paths before timing.
analyse(syntheticStudy(2000, 99).input, 100);

interface Row {
  n: number;
  total: number;
  rest: number;
  pass: number;
}
const rows: Row[] = [];
console.log(`analysis benchmark: 10 attributes, 5 offers, ${REPLICATES} bootstrap replicates, node ${process.version}`);
for (const n of SIZES) {
  const study = syntheticStudy(n);
  const total = timed(() => analyse(study.input, REPLICATES));
  const rest = timed(() => analyse(study.input, 2));
  const pass = plainPassTime(study.ratings);
  rows.push({ n, total, rest, pass });
  console.log(
    `n=${n}: analysis ${seconds(total)} (bootstrap ${seconds(total - rest)}, everything else ${seconds(rest)}); ` +
      `plain pass over ${study.ratings.length} ratings ${(pass * 1000).toFixed(0)} us; analysis / plain pass ${(total / pass).toFixed(0)}`,
  );
}
const first = rows[0] as Row;
const last = rows[rows.length - 1] as Row;
console.log(
  `growth ${first.n} -> ${last.n} respondents (x${last.n / first.n}): analysis time x${(last.total / first.total).toFixed(2)}, ` +
    `bootstrap x${((last.total - last.rest) / (first.total - first.rest)).toFixed(2)}, plain pass x${(last.pass / first.pass).toFixed(2)}`,
);
console.log(
  `ratio analysis / plain pass: ${rows.map((r) => `${r.n} respondents ${(r.total / r.pass).toFixed(0)}`).join(", ")}; ` +
    `time ratio ${last.n}/${first.n} respondents ${(last.total / first.total).toFixed(2)} (linear = ${last.n / first.n})`,
);
