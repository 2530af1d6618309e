import { LruCache } from "../platform/lru-cache.server";

/**
 * Figures reused across data versions while their input is unchanged (issue 23): the report's
 * respondent store hands out the same respondent (and outcome) objects until a response changes,
 * so an analysis whose outcomes are the very same objects in the same order, with the same study
 * design, is the same analysis. A new response in wave 2 leaves the wave-1 view and the wave-1
 * positions as they were; a review decision leaves every view that did not count the response.
 */
interface Kept {
  design: string;
  inputs: readonly object[];
  value: unknown;
}

/** Slots kept (a slot: one study and filter, or one wave's positions). */
const kept = new LruCache<Kept>(64);

/** Forgets every kept figure (tests, the benchmark's restart). */
export function clearReuse(): void {
  kept.clear();
}

/** Reuse counts (tests, the benchmark). */
export const reuseStats = { reused: 0, computed: 0 };

const sameObjects = (a: readonly object[], b: readonly object[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * `compute()`'s value for `slot`, reused when the slot's last value was computed from the same
 * `design` (everything but the respondents, as a string) and the same `inputs` objects in order.
 * `compute` must be a pure function of those two.
 */
export function reuseWhileSame<T>(slot: string, design: string, inputs: readonly object[], compute: () => T): T {
  const last = kept.get(slot);
  if (last && last.design === design && sameObjects(last.inputs, inputs)) {
    reuseStats.reused += 1;
    return last.value as T;
  }
  reuseStats.computed += 1;
  const value = compute();
  kept.set(slot, { design, inputs, value });
  return value;
}
