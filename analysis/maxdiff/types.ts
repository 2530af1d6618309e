/** Types of MaxDiff (best–worst scaling) importance (docs/method.md §7). */

/** One task as answered: the items shown (in screen order), the best and the worst. */
export interface MaxDiffTask {
  items: string[];
  best: string;
  worst: string;
}

/** One respondent's MaxDiff answers. */
export interface MaxDiffResponse {
  respondentId: string;
  tasks: MaxDiffTask[];
}

/**
 * Reasons of the MaxDiff tools:
 * - "too-few-items": fewer than 2 items, or fewer than 2 per task
 * - "duplicate-item": an item listed twice
 * - "invalid-design": tasks or items per task not a whole number of at least 1 (2 per task)
 * - "no-responses": no respondent has a usable task
 */
export type ReasonCodeMaxDiff = "too-few-items" | "duplicate-item" | "invalid-design" | "no-responses";

export interface MaxDiffDesignInput {
  /** the attributes of one kind */
  items: string[];
  /** items per task, default 4 (at most the number of items) */
  perTask?: number;
  /** tasks, default ceil(3 items / perTask) (every item about 3 times) */
  tasks?: number;
  /** default 1 */
  seed?: number;
}

export type MaxDiffDesignResult =
  | {
      ok: true;
      perTask: number;
      /** item ids per task, in screen order */
      tasks: string[][];
      /** item id -> times shown (they differ by at most 1) */
      appearances: Record<string, number>;
      /** fewest and most times two items are shown together */
      pairs: { min: number; max: number };
    }
  | { ok: false; reason: "too-few-items" | "duplicate-item" | "invalid-design" };

export interface MaxDiffCountRow {
  id: string;
  appearances: number;
  best: number;
  worst: number;
  /** (best - worst) / appearances, in [-1, 1]; null when the item was never shown */
  score: number | null;
}

export interface MaxDiffCountsResult {
  items: MaxDiffCountRow[];
  /** tasks used, and tasks skipped (an unknown item, best or worst not shown, best = worst, fewer than 2 items) */
  tasks: number;
  skipped: number;
}

/** A bootstrap interval of a mean, or why there is none. */
export type MaxDiffInterval =
  | { ok: true; lower: number; upper: number }
  | { ok: false; reason: "not-requested" | "too-few-respondents" };

export interface MaxDiffUtilitiesInput {
  items: string[];
  responses: MaxDiffResponse[];
  /** k of the share rescaling; default the most common number of items per task */
  perTask?: number;
  /** percentile bootstrap over respondents of the mean utilities and shares; false = none */
  bootstrap?: { replicates?: number; seed?: number; level?: number } | false;
}

export interface MaxDiffRespondentResult {
  respondentId: string;
  /** tasks used */
  tasks: number;
  /** item id -> utility (sum 0 over the items) */
  utilities: Record<string, number>;
  /** item id -> importance share (sum 100): the respondent's weights w_{r,i} */
  shares: Record<string, number>;
}

export type MaxDiffUtilitiesResult =
  | {
      ok: true;
      perTask: number;
      /** the normal prior: per-item mean and one variance, estimated from the sample */
      prior: { mean: Record<string, number>; variance: number; iterations: number; converged: boolean };
      respondents: MaxDiffRespondentResult[];
      /** per item: mean utility and mean share over respondents, with bootstrap intervals */
      items: Array<{ id: string; utility: number; share: number; utilityInterval: MaxDiffInterval; shareInterval: MaxDiffInterval }>;
      bootstrap: { replicates: number; seed: number; level: number } | null;
      /** tasks skipped as unusable (see `maxDiffCounts`) */
      skipped: number;
    }
  | { ok: false; reason: "too-few-items" | "duplicate-item" | "no-responses" };
