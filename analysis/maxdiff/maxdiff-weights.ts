import type { AttributeDef, RespondentInput, Unavailable } from "../types";
import { maxDiffCounts } from "./maxdiff-counts";
import { maxDiffUtilities } from "./maxdiff-utilities";
import type { MaxDiffCountsResult, MaxDiffTask, MaxDiffUtilitiesResult } from "./types";

export type MaxDiffWeightsResult<T> = {
  /** the respondents, with their MaxDiff shares as the weights of the items when `replace` */
  respondents: T[];
  maxDiff: { ok: true; kind: AttributeDef["kind"]; counts: MaxDiffCountsResult; utilities: MaxDiffUtilitiesResult } | Unavailable;
};

/**
 * MaxDiff over the respondents' answers (`maxDiffCounts`, `maxDiffUtilities`), the items being
 * the attributes of the kind of the items shown (docs/method.md §7: "items = the attributes of
 * one kind"). With `replace`, each respondent with usable MaxDiff answers gets their
 * importance shares as their weights of that kind ("the rest of the method is unchanged");
 * the others keep their stated weights.
 *
 * Unavailable: "no-maxdiff" (nobody answered MaxDiff tasks), "mixed-kinds" (the items shown
 * are not all attributes of one kind, or not attributes), or `maxDiffUtilities`' reason.
 */
export function maxDiffWeights<T extends RespondentInput & { maxDiff?: MaxDiffTask[] }>(
  respondents: T[],
  attributes: AttributeDef[],
  options: { replace: boolean; perTask?: number; bootstrap: { replicates?: number; seed?: number; level?: number } | false },
): MaxDiffWeightsResult<T> {
  const answered = respondents.filter((r) => (r.maxDiff?.length ?? 0) > 0);
  if (answered.length === 0) return { respondents, maxDiff: { ok: false, reason: "no-maxdiff" } };
  const shown = new Set(answered.flatMap((r) => (r.maxDiff ?? []).flatMap((t) => t.items)));
  const kinds = new Set([...shown].map((id) => attributes.find((a) => a.id === id)?.kind ?? "unknown"));
  const kind = [...kinds][0];
  if (kinds.size !== 1 || (kind !== "quality" && kind !== "price")) return { respondents, maxDiff: { ok: false, reason: "mixed-kinds" } };
  const items = attributes.filter((a) => a.kind === kind).map((a) => a.id);
  const responses = answered.map((r) => ({ respondentId: r.id, tasks: r.maxDiff ?? [] }));
  const counts = maxDiffCounts(items, responses);
  const utilities = maxDiffUtilities({
    items,
    responses,
    ...(options.perTask !== undefined ? { perTask: options.perTask } : {}),
    bootstrap: options.bootstrap,
  });
  if (!utilities.ok) return { respondents, maxDiff: utilities };
  if (!options.replace) return { respondents, maxDiff: { ok: true, kind, counts, utilities } };
  const shares = new Map(utilities.respondents.map((r) => [r.respondentId, r.shares]));
  const replaced = respondents.map((r) => {
    const own = shares.get(r.id);
    if (own === undefined) return r;
    const weights = { ...r.weights };
    for (const id of items) weights[id] = own[id] ?? 0;
    return { ...r, weights };
  });
  return { respondents: replaced, maxDiff: { ok: true, kind, counts, utilities } };
}
