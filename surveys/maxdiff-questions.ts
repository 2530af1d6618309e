import type { SurveyPage } from "./build-rating-questionnaire";
import { fill, localized, type Localized } from "./localized";
import { questionNames as q } from "./question-names";
import { texts } from "./questionnaire-texts";
import type { StudyDefinition } from "./study-definition";
import { DEFAULT_METHODS, maxDiffItems, maxDiffShape, type MethodKind, type MethodStage } from "./study-methods";

const KINDS: MethodKind[] = ["quality", "price"];
const number = (n: number): Localized => ({ default: String(n), "zh-cn": String(n) });

/** The kinds a stage asks by MaxDiff, each with its items and the shape of every respondent's design. */
export function maxDiffPlan(study: StudyDefinition, stage: MethodStage): Array<{ kind: MethodKind; items: string[]; perTask: number; tasks: number }> {
  const perTask = (study.methods ?? DEFAULT_METHODS).maxDiffPerTask;
  return KINDS.flatMap((kind) => {
    const items = maxDiffItems(study, stage, kind);
    return items.length > 0 ? [{ kind, items, ...maxDiffShape(items.length, perTask) }] : [];
  });
}

/**
 * The MaxDiff pages of a stage (docs/method.md §7): per kind asked by MaxDiff, one page per task
 * with two radio groups, "most important" and "least important", which must differ (an
 * expression validator; the reader checks it again). The published questionnaire lists every
 * attribute of the kind in both; `applyMaxDiffDesign` narrows each task to the respondent's
 * items when the response starts.
 */
export function maxDiffPages(study: StudyDefinition, stage: MethodStage): SurveyPage[] {
  return maxDiffPlan(study, stage).flatMap(({ kind, items, tasks }) => {
    const choices = items.map((code) => {
      const a = study.attributes.find((x) => x.code === code)!;
      return { value: code, text: localized(a.name, a.nameZh) };
    });
    const title = kind === "quality" ? texts.maxDiffQualityPageTitle : texts.maxDiffPricePageTitle;
    return Array.from({ length: tasks }, (_, i): SurveyPage => {
      const task = i + 1;
      const most = q.maxDiffMost(kind, task);
      const least = q.maxDiffLeast(kind, task);
      return {
        name: q.maxDiffPage(kind, task),
        title: fill(title, { task: number(task), tasks: number(tasks) }),
        description: texts.maxDiffDescription,
        elements: [
          { type: "radiogroup", name: most, title: texts.maxDiffMost, isRequired: true, choices },
          {
            type: "radiogroup",
            name: least,
            title: texts.maxDiffLeast,
            isRequired: true,
            choices,
            validators: [{ type: "expression", expression: `{${least}} <> {${most}}`, text: texts.maxDiffDifferent }],
          },
        ],
      };
    });
  });
}
