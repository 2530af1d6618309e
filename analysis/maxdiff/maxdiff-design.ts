import { seededRandom } from "../seeded-random";
import type { MaxDiffDesignInput, MaxDiffDesignResult } from "./types";

/** Candidate designs drawn; the one with the most even pair counts is kept. */
const CANDIDATES = 20;

/** One greedy design: lowest-count items first (ties: fewest pairings with the task so far, then random). */
function greedy(n: number, perTask: number, tasks: number, random: () => number): number[][] {
  const counts = new Array<number>(n).fill(0);
  const pairs = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const design: number[][] = [];
  for (let t = 0; t < tasks; t += 1) {
    const task: number[] = [];
    for (let slot = 0; slot < perTask; slot += 1) {
      let best: number[] = [];
      let bestKey: [number, number] = [Infinity, Infinity];
      for (let i = 0; i < n; i += 1) {
        if (task.includes(i)) continue;
        const together = task.reduce((s, j) => s + ((pairs[i] as number[])[j] as number), 0);
        const key: [number, number] = [counts[i] as number, together];
        if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
          best = [i];
          bestKey = key;
        } else if (key[0] === bestKey[0] && key[1] === bestKey[1]) {
          best.push(i);
        }
      }
      const pick = best[Math.floor(random() * best.length)] as number;
      for (const j of task) {
        (pairs[pick] as number[])[j] = ((pairs[pick] as number[])[j] as number) + 1;
        (pairs[j] as number[])[pick] = ((pairs[j] as number[])[pick] as number) + 1;
      }
      counts[pick] = (counts[pick] as number) + 1;
      task.push(pick);
    }
    // positions shuffled (Fisher–Yates)
    for (let i = task.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const swap = task[i] as number;
      task[i] = task[j] as number;
      task[j] = swap;
    }
    design.push(task);
  }
  return design;
}

/** Pair counts of a design: [min, max, sum of squares]. */
function pairBalance(n: number, design: number[][]): [number, number, number] {
  const pairs = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const task of design) {
    for (const i of task) for (const j of task) if (i < j) (pairs[i] as number[])[j] = ((pairs[i] as number[])[j] as number) + 1;
  }
  let min = Infinity;
  let max = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const c = (pairs[i] as number[])[j] as number;
      min = Math.min(min, c);
      max = Math.max(max, c);
      squares += c * c;
    }
  }
  return [min === Infinity ? 0 : min, max, squares];
}

/**
 * A MaxDiff (best–worst) design (docs/method.md §7): `tasks` tasks (default
 * `ceil(3 items / perTask)`) of `perTask` different items (default 4, at most the number of
 * items). Greedy: each slot takes an item among those shown least so far (so every item is
 * shown equally often ±1), ties broken by the fewest pairings with the items already in the
 * task, then at random; positions are shuffled. Of 20 such designs (one seeded generator,
 * `seededRandom`) the one with the most even pair counts (smallest max − min, then the
 * smallest sum of squared pair counts) is kept. Same seed, same design; a respondent's design
 * is stored with the response.
 *
 * Unavailable: "too-few-items" (< 2 items), "duplicate-item", "invalid-design" (perTask < 2
 * or tasks < 1 or not whole numbers).
 */
export function maxDiffDesign(input: MaxDiffDesignInput): MaxDiffDesignResult {
  const { items } = input;
  if (items.length < 2) return { ok: false, reason: "too-few-items" };
  if (new Set(items).size !== items.length) return { ok: false, reason: "duplicate-item" };
  const requested = input.perTask ?? 4;
  if (!Number.isInteger(requested) || requested < 2) return { ok: false, reason: "invalid-design" };
  const perTask = Math.min(requested, items.length);
  const tasks = input.tasks ?? Math.ceil((3 * items.length) / perTask);
  if (!Number.isInteger(tasks) || tasks < 1) return { ok: false, reason: "invalid-design" };
  const random = seededRandom(input.seed ?? 1);
  let best: number[][] = [];
  let bestKey: [number, number] = [Infinity, Infinity];
  for (let c = 0; c < CANDIDATES; c += 1) {
    const design = greedy(items.length, perTask, tasks, random);
    const [min, max, squares] = pairBalance(items.length, design);
    if (max - min < bestKey[0] || (max - min === bestKey[0] && squares < bestKey[1])) {
      best = design;
      bestKey = [max - min, squares];
    }
  }
  const appearances: Record<string, number> = Object.fromEntries(items.map((id) => [id, 0]));
  for (const task of best) for (const i of task) appearances[items[i] as string] = (appearances[items[i] as string] ?? 0) + 1;
  const [min, max] = pairBalance(items.length, best);
  return { ok: true, perTask, tasks: best.map((task) => task.map((i) => items[i] as string)), appearances, pairs: { min, max } };
}
