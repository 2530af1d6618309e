import type { AttributeDef, AttributeKind, RespondentInput } from "../types";
import { maxDiffWeights, type MaxDiffWeightsResult } from "./maxdiff-weights";
import type { MaxDiffTask } from "./types";

export type MaxDiffByKindResult<T> = {
  /** the respondents, with their MaxDiff shares as the weights of each kind they answered when `replace` */
  respondents: T[];
  /** each kind's counts, utilities and shares; "no-maxdiff" for a kind nobody answered */
  byKind: Record<AttributeKind, MaxDiffWeightsResult<T>["maxDiff"]>;
  /** tasks left out because their items are not all attributes of one kind */
  skippedTasks: number;
};

/** The kind of a task's items, or null when they are not all attributes of one kind. */
function taskKind(task: MaxDiffTask, attributes: AttributeDef[]): AttributeKind | null {
  const kinds = new Set(task.items.map((id) => attributes.find((a) => a.id === id)?.kind ?? null));
  const [kind] = [...kinds];
  return kinds.size === 1 && kind !== undefined ? kind : null;
}

/**
 * MaxDiff when the study asks both quality and price importance by MaxDiff (docs/method.md §7):
 * each respondent's tasks are split by the kind of their items, and each kind is analysed on its
 * own (`maxDiffWeights`: counts, utilities with their own empirical-Bayes prior, shares over
 * that kind's attributes). With `replace`, a respondent's shares of a kind become their weights
 * of that kind; kinds they did not answer keep the stated weights. A task mixing kinds (or
 * showing an unknown item) belongs to no kind and is counted in `skippedTasks`.
 */
export function maxDiffWeightsByKind<T extends RespondentInput & { maxDiff?: MaxDiffTask[] }>(
  respondents: T[],
  attributes: AttributeDef[],
  options: { replace: boolean; perTask?: number; bootstrap: { replicates?: number; seed?: number; level?: number } | false },
): MaxDiffByKindResult<T> {
  const skippedTasks = respondents.reduce((n, r) => n + (r.maxDiff ?? []).filter((t) => taskKind(t, attributes) === null).length, 0);
  let current = respondents;
  const byKind = {} as MaxDiffByKindResult<T>["byKind"];
  for (const kind of ["quality", "price"] as const) {
    const ofKind = current.map((r) => ({ ...r, maxDiff: (r.maxDiff ?? []).filter((t) => taskKind(t, attributes) === kind) }));
    const result = maxDiffWeights(ofKind, attributes, options);
    byKind[kind] = result.maxDiff;
    current = current.map((r, i) => ({ ...r, weights: result.respondents[i]?.weights ?? r.weights }));
  }
  return { respondents: current, byKind, skippedTasks };
}
