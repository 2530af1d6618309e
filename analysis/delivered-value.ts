import type { UnavailableReason } from "./unavailable-reasons";
import type { AttributeKind, DeliveredValueGroup, DeliveredValueInput, DeliveredValueResult, GroupedAttributeDef } from "./types";

/** Group id of attributes without a group. */
const UNGROUPED = "ungrouped";

type Side = { ok: true; total: number; groups: DeliveredValueGroup[] } | { ok: false; reason: UnavailableReason };

/** Weighted mean rating of one side, overall and by group (score turned by `toScore`). */
function side(
  input: DeliveredValueInput,
  kind: AttributeKind,
  toScore: (meanRating: number) => number,
): Side {
  const set: GroupedAttributeDef[] = input.attributes.filter((a) => a.kind === kind);
  if (set.length === 0) return { ok: false, reason: "no-attributes" };
  if (set.some((a) => a.lowerIsBetter === true)) return { ok: false, reason: "not-a-rating" };
  const raw = set.map((a) => input.weights[a.id] ?? 0);
  if (!raw.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (raw.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  const weightSum = raw.reduce((s, w) => s + w, 0);
  if (weightSum <= 0) return { ok: false, reason: "no-weights" };
  const means: number[] = [];
  for (const a of set) {
    const m = input.scores.means[input.offerId]?.[a.id];
    if (m === undefined || m === null || !Number.isFinite(m)) return { ok: false, reason: "offer-not-rated" };
    means.push(m);
  }
  const weighted = set.reduce((s, _, i) => s + (raw[i] ?? 0) * (means[i] ?? 0), 0) / weightSum;
  const ids: string[] = [];
  for (const a of set) {
    const id = a.group ?? UNGROUPED;
    if (!ids.includes(id)) ids.push(id);
  }
  const groups = ids.map((id) => {
    const members = set.map((a, i) => ({ a, w: raw[i] ?? 0, m: means[i] ?? 0 })).filter(({ a }) => (a.group ?? UNGROUPED) === id);
    const w = members.reduce((s, x) => s + x.w, 0);
    const mean =
      w > 0
        ? members.reduce((s, x) => s + x.w * x.m, 0) / w
        : members.reduce((s, x) => s + x.m, 0) / members.length;
    return { id, weight: (100 * w) / weightSum, score: toScore(mean), attributes: members.map((x) => x.a.id) };
  });
  return { ok: true, total: toScore(weighted), groups };
}

/**
 * Customer delivered value of Philip Kotler (method.md "Beyond Gale", delivered value):
 * total customer value minus total customer cost, from the grouped attributes of one offer.
 *
 * Scale: both sides on the 1..10 rating scale of the offer's mean scores.
 * - Total value = weighted mean rating over the quality attributes,
 *   `sum_i w_i m_{j,i} / sum_i w_i` (= the absolute index A_j), by group (Kotler: product,
 *   service, personnel, image).
 * - Total cost = `11 - sum_i w_i m_{j,i} / sum_i w_i` over the price attributes: their ratings
 *   are price satisfaction (10 = cheapest-feeling), so 11 - satisfaction turns them into a cost
 *   on 1..10 (10 = most costly), by group (monetary, time, energy, psychic).
 * - Delivered value = total value - total cost, -9..9; > 0 = the offer gives more than it costs.
 * Group weight = its share of the side's weight (sum 100 per side); group score = the same
 * weighted mean over its attributes (plain mean when its weights are all 0). Attributes
 * without a group form the group "ungrouped". Weights are relative within each side.
 *
 * Unavailable: "unknown-offer", "no-attributes" (a side without attributes), "not-a-rating"
 * (a lowerIsBetter attribute: objective data, not a 1..10 rating), "mixed-group" (a group in
 * both sides), "not-finite", "negative-weight", "no-weights", "offer-not-rated".
 */
export function deliveredValue(input: DeliveredValueInput): DeliveredValueResult {
  if (input.scores.means[input.offerId] === undefined) return { ok: false, reason: "unknown-offer" };
  const kinds = new Map<string, AttributeKind>();
  for (const a of input.attributes) {
    if (a.group === undefined) continue;
    const seen = kinds.get(a.group);
    if (seen !== undefined && seen !== a.kind) return { ok: false, reason: "mixed-group" };
    kinds.set(a.group, a.kind);
  }
  const value = side(input, "quality", (m) => m);
  if (!value.ok) return value;
  const cost = side(input, "price", (m) => 11 - m);
  if (!cost.ok) return cost;
  return {
    ok: true,
    totalValue: value.total,
    totalCost: cost.total,
    deliveredValue: value.total - cost.total,
    valueGroups: value.groups,
    costGroups: cost.groups,
  };
}
