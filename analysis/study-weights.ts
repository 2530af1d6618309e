import { twoLevelWeights } from "./two-level-weights";
import type { GroupedAttributeDef, TwoLevelWeightsResult } from "./types";

/**
 * The attribute weights a study analyses with (method.md "Terms": weights, two-level weights).
 * Without `groups`, the (mean) attribute weights as given. With `groups`, the two-level flat
 * weights `w_i = W_g * w_{i|g} / 100` (`twoLevelWeights`): the group weights W_g come from the
 * study, the within-group weights `w_{i|g}` are the given weights rescaled within each group.
 *
 * Unavailable: the reasons of `twoLevelWeights` (e.g. "unknown-group" for an attribute
 * without a defined group).
 */
export function studyWeights(
  weights: Record<string, number>,
  attributes: GroupedAttributeDef[],
  groups?: Array<{ id: string; weight: number }>,
): TwoLevelWeightsResult {
  if (groups === undefined) return { ok: true, weights };
  const withinGroup: Record<string, { group: string; weight: number }> = {};
  for (const attribute of attributes) {
    if (attribute.group === undefined) return { ok: false, reason: "unknown-group" };
    withinGroup[attribute.id] = { group: attribute.group, weight: weights[attribute.id] ?? 0 };
  }
  return twoLevelWeights(groups, withinGroup);
}
