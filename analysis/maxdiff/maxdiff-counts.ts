import type { MaxDiffCountsResult, MaxDiffResponse } from "./types";
import { usableTask } from "./usable-task";

/**
 * MaxDiff counts (docs/method.md §7): per item, over every usable task of every respondent,
 * times shown, chosen best and chosen worst; `score = (best - worst) / appearances` in
 * [-1, 1] (null when never shown). Tasks with an unknown or repeated item, fewer than 2
 * items, a best or worst not shown, or best = worst are skipped and counted.
 */
export function maxDiffCounts(items: string[], responses: MaxDiffResponse[]): MaxDiffCountsResult {
  const known = new Set(items);
  const appearances = new Map(items.map((id) => [id, 0]));
  const best = new Map(items.map((id) => [id, 0]));
  const worst = new Map(items.map((id) => [id, 0]));
  let tasks = 0;
  let skipped = 0;
  for (const response of responses) {
    for (const task of response.tasks) {
      if (!usableTask(task, known)) {
        skipped += 1;
        continue;
      }
      tasks += 1;
      for (const id of task.items) appearances.set(id, (appearances.get(id) ?? 0) + 1);
      best.set(task.best, (best.get(task.best) ?? 0) + 1);
      worst.set(task.worst, (worst.get(task.worst) ?? 0) + 1);
    }
  }
  return {
    items: items.map((id) => {
      const shown = appearances.get(id) ?? 0;
      const b = best.get(id) ?? 0;
      const w = worst.get(id) ?? 0;
      return { id, appearances: shown, best: b, worst: w, score: shown > 0 ? (b - w) / shown : null };
    }),
    tasks,
    skipped,
  };
}
