import { attributeProfile } from "./attribute-profile";
import { COST_GROUPS } from "./types";
import type {
  AttributeKind,
  CostGroup,
  GroupedAttributeDef,
  MeanScores,
  ProfileRow,
  Unavailable,
} from "./types";

/** Group id of attributes without a group. */
const UNGROUPED = "ungrouped";

export interface RelativeDeliveredValueInput {
  /** quality attributes with their Kotler value `group` (product, service, personnel, image);
   * price attributes with their `costGroup` (money, the default, time, energy, psychic) */
  attributes: GroupedAttributeDef[];
  weights: Record<string, number>;
  scores: MeanScores;
  offerId: string;
  /** reference set R; default every other offer in `scores` */
  referenceIds?: string[];
  /** market shares for a share-weighted reference */
  shares?: Record<string, number>;
}

export interface RelativeDeliveredValueGroup {
  id: string;
  /** the group's share of its side's weight; the groups of a side sum to 100 */
  weight: number;
  /** value side: `100 sum w_i r_i / sum w_i` (> 100 = more value than R); cost side: relative
   * cost `100 sum w_i / sum w_i r_i` over price-satisfaction ratios (> 100 = costs more than R) */
  index: number;
  attributes: string[];
}

export type RelativeDeliveredValueResult =
  | {
      ok: true;
      /** Q: total customer value relative to R (100 = parity) */
      totalValue: number;
      /** RP = 10000 / S: total customer cost relative to R (100 = parity) */
      totalCost: number;
      /** totalValue - totalCost (0 = parity; the vertical distance from the parity line) */
      deliveredValue: number;
      /** 100 totalValue / totalCost (100 = parity) */
      deliveredValueRatio: number;
      valueGroups: RelativeDeliveredValueGroup[];
      /** total customer cost per Kotler cost group, in the order money, time, energy, psychic
       * (groups without a price attribute left out) */
      costGroups: Array<RelativeDeliveredValueGroup & { id: CostGroup }>;
    }
  | Unavailable;

/** Groups of one side from its profile rows (rows carry w_i summing to 100 and r_i), in the order of `ids`. */
function groups<Id extends string>(
  ids: Id[],
  groupOf: (row: ProfileRow) => Id,
  rows: ProfileRow[],
  index: (weightedRatio: number) => number,
): Array<RelativeDeliveredValueGroup & { id: Id }> {
  return ids.filter((id) => rows.some((row) => groupOf(row) === id)).map((id) => {
    const members = rows.filter((row) => groupOf(row) === id);
    const weight = members.reduce((s, row) => s + row.weight, 0);
    // a group whose weights are all 0 is shown by the plain mean of its ratios (it weighs 0)
    const ratio =
      weight > 0
        ? members.reduce((s, row) => s + row.weight * row.ratio, 0) / weight
        : members.reduce((s, row) => s + row.ratio, 0) / members.length;
    return { id, weight, index: index(ratio), attributes: members.map((row) => row.id) };
  });
}

/**
 * Kotler's customer delivered value relative to competitors (docs/method.md §4 (e)): total
 * customer value minus total customer cost, both as indexes against the reference R
 * (100 = parity), without turning satisfaction ratings into costs by "11 - rating".
 * - Total value = Q (`attributeProfile` over the quality attributes: `sum_i w_i r_i`,
 *   r_i = m_{j,i} / m_{R,i}); per value `group` (product, service, personnel, image)
 *   `100 sum_{i in g} w_i r_i / sum_{i in g} w_i`; attributes without a group form "ungrouped".
 * - Total cost = RP = 10000 / S over the price attributes (price-satisfaction ratings: r_i > 1
 *   = own feels cheaper; a `lowerIsBetter` price attribute, e.g. minutes of waiting, is an
 *   objective cost and its ratio is inverted as in every profile). Total customer cost per
 *   Kotler cost group (each price attribute's `costGroup`: money, the default, time, energy,
 *   psychic) is the group's relative cost `100 sum_{i in g} w_i / sum_{i in g} w_i r_i`
 *   (> 100 = own costs more in that group); total cost is the weighted harmonic mean of the
 *   group costs with the group weights, so it equals RP.
 * - Delivered value = total value - total cost (0 = parity, > 0 = more value than cost
 *   relative to R; the vertical distance of the offer from the parity line); ratio = 100 total
 *   value / total cost.
 * Group weights are the group's share of its side's weight (sum 100).
 *
 * Unavailable: "mixed-group" (a value group holding a price attribute too), and the profile's
 * reasons ("unknown-offer", "no-reference", "no-attributes", "no-weights", "offer-not-rated",
 * "no-reference-ratings", "non-positive-score").
 */
export function relativeDeliveredValue(input: RelativeDeliveredValueInput): RelativeDeliveredValueResult {
  const kinds = new Map<string, AttributeKind>();
  for (const a of input.attributes) {
    if (a.group === undefined) continue;
    const seen = kinds.get(a.group);
    if (seen !== undefined && seen !== a.kind) return { ok: false, reason: "mixed-group" };
    kinds.set(a.group, a.kind);
  }
  const referenceIds = input.referenceIds ?? Object.keys(input.scores.nOffer).filter((id) => id !== input.offerId);
  const profile = (kind: AttributeKind) =>
    attributeProfile({
      attributes: input.attributes.filter((a) => a.kind === kind),
      weights: input.weights,
      scores: input.scores,
      offerId: input.offerId,
      referenceIds,
      ...(input.shares !== undefined ? { shares: input.shares } : {}),
    });
  const value = profile("quality");
  if (!value.ok) return value;
  const cost = profile("price");
  if (!cost.ok) return cost;
  if (!(cost.score > 0) || cost.rows.some((row) => !(row.ratio > 0))) return { ok: false, reason: "non-positive-score" };
  const valueGroupOf = (row: ProfileRow) => input.attributes.find((a) => a.id === row.id)?.group ?? UNGROUPED;
  const valueIds = [...new Set(value.rows.map(valueGroupOf))];
  const costGroupOf = (row: ProfileRow): CostGroup => input.attributes.find((a) => a.id === row.id)?.costGroup ?? "money";
  const totalValue = value.score;
  const totalCost = 10000 / cost.score;
  return {
    ok: true,
    totalValue,
    totalCost,
    deliveredValue: totalValue - totalCost,
    deliveredValueRatio: (100 * totalValue) / totalCost,
    valueGroups: groups(valueIds, valueGroupOf, value.rows, (ratio) => 100 * ratio),
    costGroups: groups([...COST_GROUPS], costGroupOf, cost.rows, (ratio) => 100 / ratio),
  };
}
