import type { TwoLevelWeightsResult } from "./types";

/**
 * Flat attribute weights from two-level (group x attribute) weights (method.md "Terms"):
 * `w_i = W_g * w_{i|g} / 100`, W_g the weight of attribute i's group g and `w_{i|g}` the
 * weight of i within g.
 *
 * Within-group weights are rescaled to sum 100 per group (a no-op for weights that already
 * do), so each group's flat weights sum to its group weight. Group weights are used as given:
 * when the groups of a set (quality, price) sum to 100, the flat weights of that set sum to 100.
 * A missing weight is not allowed; a zero weight is.
 *
 * Unavailable: "not-finite" (a weight is NaN or infinite), "negative-weight",
 * "duplicate-group", "unknown-group" (an attribute's group is not among `groups`),
 * "empty-group" (a group with a positive weight whose attributes' weights sum to 0).
 */
export function twoLevelWeights(
  groups: Array<{ id: string; weight: number }>,
  withinGroup: Record<string, { group: string; weight: number }>,
): TwoLevelWeightsResult {
  const groupWeights = new Map<string, number>();
  for (const group of groups) {
    if (!Number.isFinite(group.weight)) return { ok: false, reason: "not-finite" };
    if (group.weight < 0) return { ok: false, reason: "negative-weight" };
    if (groupWeights.has(group.id)) return { ok: false, reason: "duplicate-group" };
    groupWeights.set(group.id, group.weight);
  }
  const withinSums = new Map<string, number>();
  for (const { group, weight } of Object.values(withinGroup)) {
    if (!Number.isFinite(weight)) return { ok: false, reason: "not-finite" };
    if (weight < 0) return { ok: false, reason: "negative-weight" };
    if (!groupWeights.has(group)) return { ok: false, reason: "unknown-group" };
    withinSums.set(group, (withinSums.get(group) ?? 0) + weight);
  }
  for (const [id, weight] of groupWeights) {
    if (weight > 0 && (withinSums.get(id) ?? 0) <= 0) return { ok: false, reason: "empty-group" };
  }
  const weights: Record<string, number> = {};
  for (const [id, { group, weight }] of Object.entries(withinGroup)) {
    const sum = withinSums.get(group) ?? 0;
    const groupWeight = groupWeights.get(group) ?? 0;
    weights[id] = sum > 0 ? (groupWeight * ((100 * weight) / sum)) / 100 : 0;
  }
  return { ok: true, weights };
}
