import type { MaxDiffTask } from "./types";

/**
 * A MaxDiff task is usable when it shows at least 2 distinct items, all of them known, and
 * its best and worst are two different items among them.
 */
export function usableTask(task: MaxDiffTask, known: Set<string>): boolean {
  const shown = new Set(task.items);
  return (
    shown.size === task.items.length &&
    shown.size >= 2 &&
    task.items.every((id) => known.has(id)) &&
    shown.has(task.best) &&
    shown.has(task.worst) &&
    task.best !== task.worst
  );
}
