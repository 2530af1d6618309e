import type { SurveyJson } from "./build-rating-questionnaire";
import { questionNames as q } from "./question-names";
import type { MethodKind } from "./study-methods";

/** One respondent's MaxDiff design: per kind, each task's attribute codes in screen order. */
export type MaxDiffDesign = Partial<Record<MethodKind, string[][]>>;

type Choice = { value: unknown };

/**
 * Personalises a frozen questionnaire with a respondent's MaxDiff design: both questions of
 * task t of a kind offer exactly the design's items of that task, in its order (the texts come
 * from the published choices). Tasks the design does not cover keep every item. Works on the
 * published JSON, so a frozen version stays frozen.
 */
export function applyMaxDiffDesign(json: SurveyJson, design: MaxDiffDesign): SurveyJson {
  const byPage = new Map<string, string[]>();
  for (const kind of ["quality", "price"] as const) {
    (design[kind] ?? []).forEach((items, i) => byPage.set(q.maxDiffPage(kind, i + 1), items));
  }
  if (byPage.size === 0) return json;
  return {
    ...json,
    pages: json.pages.map((page) => {
      const items = byPage.get(page.name);
      if (!items) return page;
      return {
        ...page,
        elements: page.elements.map((el) => {
          if (!Array.isArray(el.choices)) return el;
          const choices = el.choices as Choice[];
          const picked = items.flatMap((code) => choices.filter((c) => c.value === code));
          return picked.length === items.length ? { ...el, choices: picked } : el;
        }),
      };
    }),
  };
}
