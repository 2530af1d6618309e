import { maxDiffWeights } from "../../../analysis/maxdiff/maxdiff-weights";
import type { FocusGroupAnswer } from "../../../db/queries/focus-group";

type Task = { responseId: number; kind: "quality" | "price"; items: string[]; best: string; worst: string };

/**
 * Focus-group points of the kinds asked by MaxDiff (docs/method.md §7 (d)): each respondent's
 * MaxDiff shares of the kind (`maxDiffWeights`, empirical Bayes over the focus group) become the
 * points of the attributes they said matter, renormalised to 100 over those; what does not
 * matter keeps its 0. Kinds without tasks, and respondents without usable tasks, are unchanged.
 */
export function withMaxDiffPoints(
  answers: FocusGroupAnswer[],
  tasks: Task[],
  attributes: Array<{ code: string; kind: "quality" | "price" }>,
): FocusGroupAnswer[] {
  let out = answers;
  for (const kind of ["quality", "price"] as const) {
    const ofKind = tasks.filter((t) => t.kind === kind);
    if (ofKind.length === 0) continue;
    const respondents = [...new Set(ofKind.map((t) => t.responseId))].map((id) => ({
      id: String(id),
      weights: {},
      ratings: {},
      maxDiff: ofKind.filter((t) => t.responseId === id).map(({ items, best, worst }) => ({ items, best, worst })),
    }));
    const result = maxDiffWeights(
      respondents,
      attributes.map((a) => ({ id: a.code, kind: a.kind })),
      { replace: true, bootstrap: false },
    );
    const shares = new Map(result.respondents.map((r) => [r.id, r.weights as Record<string, number>]));
    const codes = attributes.filter((a) => a.kind === kind).map((a) => a.code);
    out = out.map((answer) => {
      const own = shares.get(String(answer.responseId));
      if (!own || Object.keys(own).length === 0) return answer;
      const matters = codes.filter((code) => answer.points[code] === undefined);
      const total = matters.reduce((s, code) => s + (own[code] ?? 0), 0);
      if (!(total > 0)) return answer;
      const points = { ...answer.points };
      for (const code of matters) points[code] = (100 * (own[code] ?? 0)) / total;
      return { ...answer, points };
    });
  }
  return out;
}
