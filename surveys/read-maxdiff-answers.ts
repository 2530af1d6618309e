import type { MaxDiffDesign } from "./apply-maxdiff-design";
import { maxDiffPlan } from "./maxdiff-questions";
import { questionNames as q } from "./question-names";
import type { StudyDefinition } from "./study-definition";
import type { MethodKind, MethodStage } from "./study-methods";

/** One answered MaxDiff task: the items shown (screen order), the most and the least important. */
export interface MaxDiffAnswer {
  kind: MethodKind;
  /** 1-based */
  task: number;
  items: string[];
  best: string;
  worst: string;
}

const get = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * A stage's MaxDiff answers against the respondent's design (the items each task showed): every
 * task of every kind the stage asks by MaxDiff requires a "most" and a "least" among the task's
 * items, and they must differ. A design that does not fit the questionnaire (another number of
 * tasks, an item that is no attribute of the kind) is an error too.
 */
export function readMaxDiffAnswers(
  study: StudyDefinition,
  stage: MethodStage,
  answers: Record<string, unknown>,
  design: MaxDiffDesign | undefined,
  errors: string[],
): MaxDiffAnswer[] {
  const out: MaxDiffAnswer[] = [];
  for (const { kind, items, tasks } of maxDiffPlan(study, stage)) {
    const shown = design?.[kind];
    const known = new Set(items);
    if (!shown || shown.length !== tasks || !shown.every((task) => task.length >= 2 && task.every((code) => known.has(code)))) {
      errors.push(`maxdiff_${kind} requires the respondent's design of ${tasks} tasks`);
      continue;
    }
    shown.forEach((task, i) => {
      const most = q.maxDiffMost(kind, i + 1);
      const least = q.maxDiffLeast(kind, i + 1);
      const best = get(answers, most);
      const worst = get(answers, least);
      const inTask = (v: unknown): v is string => typeof v === "string" && task.includes(v);
      if (!inTask(best)) errors.push(`${most} requires one of ${task.join(", ")}`);
      if (!inTask(worst)) errors.push(`${least} requires one of ${task.join(", ")}`);
      else if (worst === best) errors.push(`${least} requires another item than ${most}`);
      if (inTask(best) && inTask(worst) && best !== worst) out.push({ kind, task: i + 1, items: [...task], best, worst });
    });
  }
  return out;
}
