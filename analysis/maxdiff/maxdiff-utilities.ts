import { quantileType7 } from "../quantile-type7";
import { seededRandom } from "../seeded-random";
import { maxDiffPosterior, type IndexedTask } from "./maxdiff-posterior";
import { maxDiffShares } from "./maxdiff-shares";
import type { MaxDiffInterval, MaxDiffUtilitiesInput, MaxDiffUtilitiesResult } from "./types";
import { usableTask } from "./usable-task";

/** Empirical-Bayes rounds before giving up. */
const MAX_ROUNDS = 200;
/** Bounds of the prior variance (keeps a sample of near-identical respondents from collapsing the prior to 0). */
const MIN_VARIANCE = 1e-4;
const MAX_VARIANCE = 100;

/**
 * MaxDiff utilities and importance shares per respondent (docs/method.md §7).
 *
 * Utilities: each respondent's best–worst multinomial logit (`maxDiffPosterior`), shrunk to the
 * sample mean with a normal prior `u_r ~ N(μ, σ² I)` estimated from the sample (empirical
 * Bayes, EM with the Laplace approximation): start at μ = 0, σ² = 1; each round takes every
 * respondent's posterior mode u_r and variances V_r, then `μ_i = mean_r u_{r,i}` and
 * `σ² = mean_r [sum_i (u_{r,i} − μ_i)² + sum_i V_{r,ii} − σ²_old] / (J − 1)` (the prior lives on
 * the J − 1 dimensions where utilities are identified: u sums to 0), σ² kept within
 * [1e-4, 100]; until μ and σ² move less than 1e-6 (at most 200 rounds; `converged` says).
 * Items a respondent never saw get the prior mean. Utilities sum to 0 per respondent.
 *
 * Shares: `maxDiffShares` with k = `perTask` (default the most common number of items per
 * task): `P_i = e^{u_i} / (e^{u_i} + k − 1)`, `share_i = 100 P_i / sum P` — the respondent's
 * weights w_{r,i}. Per item: mean utility and mean share over respondents, each with a
 * percentile bootstrap interval over respondents (the respondents' estimates resampled with
 * replacement, default 1000 replicates, seed 1, level 0.95, `seededRandom`; quantiles type 7;
 * "too-few-respondents" below 2 respondents; `bootstrap: false` skips it).
 *
 * Tasks that are not usable (`usableTask`) are skipped and counted; respondents without a
 * usable task are left out. Unavailable: "too-few-items", "duplicate-item", "no-responses".
 */
export function maxDiffUtilities(input: MaxDiffUtilitiesInput): MaxDiffUtilitiesResult {
  const { items } = input;
  const J = items.length;
  if (J < 2) return { ok: false, reason: "too-few-items" };
  if (new Set(items).size !== J) return { ok: false, reason: "duplicate-item" };
  const known = new Set(items);
  const index = new Map(items.map((id, i) => [id, i]));
  let skipped = 0;
  const sizes = new Map<number, number>();
  const people: Array<{ respondentId: string; tasks: IndexedTask[] }> = [];
  for (const response of input.responses) {
    const tasks: IndexedTask[] = [];
    for (const task of response.tasks) {
      if (!usableTask(task, known)) {
        skipped += 1;
        continue;
      }
      sizes.set(task.items.length, (sizes.get(task.items.length) ?? 0) + 1);
      tasks.push({ shown: task.items.map((id) => index.get(id) as number), best: index.get(task.best) as number, worst: index.get(task.worst) as number });
    }
    if (tasks.length > 0) people.push({ respondentId: response.respondentId, tasks });
  }
  if (people.length === 0) return { ok: false, reason: "no-responses" };
  const perTask = input.perTask ?? [...sizes].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 2;

  let mean = new Array<number>(J).fill(0);
  let variance = 1;
  let modes: number[][] = people.map(() => new Array<number>(J).fill(0));
  let rounds = 0;
  let converged = false;
  for (; rounds < MAX_ROUNDS && !converged; rounds += 1) {
    let spread = 0;
    const next = people.map((person, r) => {
      const posterior = maxDiffPosterior(person.tasks, mean, variance, modes[r]);
      // the prior keeps the system positive definite; a failed solve keeps the previous mode
      const mode = posterior?.mode ?? (modes[r] as number[]);
      const diagonal = posterior?.varianceDiagonal ?? new Array<number>(J).fill(variance);
      spread += diagonal.reduce((s, v) => s + v, 0) - variance;
      return mode;
    });
    const newMean = items.map((_, i) => next.reduce((s, u) => s + (u[i] as number), 0) / people.length);
    for (const u of next) for (let i = 0; i < J; i += 1) spread += ((u[i] as number) - (newMean[i] as number)) ** 2;
    const newVariance = Math.min(MAX_VARIANCE, Math.max(MIN_VARIANCE, spread / (people.length * (J - 1))));
    converged =
      Math.max(...newMean.map((m, i) => Math.abs(m - (mean[i] as number)))) < 1e-5 && Math.abs(newVariance - variance) < 1e-5;
    mean = newMean;
    variance = newVariance;
    modes = next;
  }
  // the modes of the last round used the prior before its last update: one more pass with the final prior
  modes = people.map((person, r) => maxDiffPosterior(person.tasks, mean, variance, modes[r])?.mode ?? (modes[r] as number[]));

  const respondents = people.map((person, r) => {
    const u = modes[r] as number[];
    const centre = u.reduce((s, x) => s + x, 0) / J;
    const centred = u.map((x) => x - centre);
    const shares = maxDiffShares(centred, perTask);
    return {
      respondentId: person.respondentId,
      tasks: person.tasks.length,
      utilities: Object.fromEntries(items.map((id, i) => [id, centred[i] as number])),
      shares: Object.fromEntries(items.map((id, i) => [id, shares[i] as number])),
    };
  });
  const meanOf = (rows: number[], pick: (r: number) => number) => rows.reduce((s, r) => s + pick(r), 0) / rows.length;
  const all = respondents.map((_, r) => r);
  const utility = (r: number, id: string) => respondents[r]?.utilities[id] ?? 0;
  const share = (r: number, id: string) => respondents[r]?.shares[id] ?? 0;

  const notRequested: MaxDiffInterval = { ok: false, reason: "not-requested" };
  let utilityIntervals: MaxDiffInterval[] = items.map(() => notRequested);
  let shareIntervals: MaxDiffInterval[] = items.map(() => notRequested);
  let bootstrap: Extract<MaxDiffUtilitiesResult, { ok: true }>["bootstrap"] = null;
  if (input.bootstrap !== false) {
    const replicates = Math.max(1, Math.floor(input.bootstrap?.replicates ?? 1000));
    const seed = input.bootstrap?.seed ?? 1;
    const level = input.bootstrap?.level ?? 0.95;
    bootstrap = { replicates, seed, level };
    if (respondents.length < 2) {
      utilityIntervals = items.map(() => ({ ok: false, reason: "too-few-respondents" }));
      shareIntervals = utilityIntervals;
    } else {
      const random = seededRandom(seed);
      const utilityDraws: number[][] = items.map(() => []);
      const shareDraws: number[][] = items.map(() => []);
      for (let b = 0; b < replicates; b += 1) {
        const sample = all.map(() => Math.floor(random() * all.length));
        items.forEach((id, i) => {
          (utilityDraws[i] as number[]).push(meanOf(sample, (r) => utility(r, id)));
          (shareDraws[i] as number[]).push(meanOf(sample, (r) => share(r, id)));
        });
      }
      const interval = (draws: number[]): MaxDiffInterval => ({
        ok: true,
        lower: quantileType7(draws, (1 - level) / 2) ?? 0,
        upper: quantileType7(draws, (1 + level) / 2) ?? 0,
      });
      utilityIntervals = utilityDraws.map(interval);
      shareIntervals = shareDraws.map(interval);
    }
  }

  return {
    ok: true,
    perTask,
    prior: { mean: Object.fromEntries(items.map((id, i) => [id, mean[i] as number])), variance, iterations: rounds, converged },
    respondents,
    items: items.map((id, i) => ({
      id,
      utility: meanOf(all, (r) => utility(r, id)),
      share: meanOf(all, (r) => share(r, id)),
      utilityInterval: utilityIntervals[i] as MaxDiffInterval,
      shareInterval: shareIntervals[i] as MaxDiffInterval,
    })),
    bootstrap,
    skipped,
  };
}
