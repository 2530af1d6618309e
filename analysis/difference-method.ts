import type { UnavailableReason } from "./unavailable-reasons";
import type {
  AttributeDef,
  AttributeKind,
  DifferenceMethodInput,
  DifferenceMethodResult,
  DifferenceRow,
  DifferenceSide,
  MeanScores,
  ThresholdSource,
} from "./types";

type SideWeights =
  | { ok: true; flat: number[]; groups: Array<{ id: string; weight: number; within: Map<string, number> }> }
  | { ok: false; reason: UnavailableReason };

/** Flat weights of one side (sum 100) and, with groups, each group's weight and within-group weights. */
function sideWeights(set: AttributeDef[], input: DifferenceMethodInput): SideWeights {
  const raw = set.map((a) => input.weights[a.id] ?? 0);
  if (!raw.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (raw.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  if (input.groups === undefined) {
    const sum = raw.reduce((s, w) => s + w, 0);
    if (sum <= 0) return { ok: false, reason: "no-weights" };
    return { ok: true, flat: raw.map((w) => (100 * w) / sum), groups: [] };
  }
  const { weights: groupWeights, attributeGroup } = input.groups;
  const ids: string[] = [];
  for (const a of set) {
    const g = attributeGroup[a.id];
    if (g === undefined || groupWeights[g] === undefined) return { ok: false, reason: "unknown-group" };
    if (!ids.includes(g)) ids.push(g);
  }
  const rawGroups = ids.map((g) => groupWeights[g] ?? 0);
  if (!rawGroups.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (rawGroups.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  const groupSum = rawGroups.reduce((s, w) => s + w, 0);
  if (groupSum <= 0) return { ok: false, reason: "no-weights" };
  const groups = ids.map((id, gi) => {
    const members = set.map((a, i) => ({ a, w: raw[i] ?? 0 })).filter(({ a }) => attributeGroup[a.id] === id);
    const sum = members.reduce((s, m) => s + m.w, 0);
    const within = new Map(members.map(({ a, w }) => [a.id, sum > 0 ? (100 * w) / sum : 0]));
    return { id, weight: (100 * (rawGroups[gi] ?? 0)) / groupSum, within, sum };
  });
  if (groups.some((g) => g.weight > 0 && g.sum <= 0)) return { ok: false, reason: "empty-group" };
  const flat = set.map((a) => {
    const group = groups.find((g) => g.id === attributeGroup[a.id]);
    return group === undefined ? 0 : (group.weight * (group.within.get(a.id) ?? 0)) / 100;
  });
  return { ok: true, flat, groups: groups.map(({ id, weight, within }) => ({ id, weight, within })) };
}

/** The threshold of one cell: the given number, or the standard error of m_own - m_c. */
function cellThreshold(
  input: DifferenceMethodInput,
  attributeId: string,
  competitorId: string,
): { threshold: number; thresholdSource: ThresholdSource } {
  const given = input.threshold ?? "standard-error";
  if (given !== "standard-error") return { threshold: given, thresholdSource: "given" };
  const variance = (offerId: string): number | null => {
    const sd = input.standardDeviations?.[offerId]?.[attributeId];
    const n = input.scores.n[offerId]?.[attributeId] ?? 0;
    return sd === undefined || sd === null || !Number.isFinite(sd) || n < 2 ? null : (sd * sd) / n;
  };
  const own = variance(input.ownId);
  const competitor = variance(competitorId);
  if (own === null || competitor === null) return { threshold: 0, thresholdSource: "no-standard-error" };
  return { threshold: Math.sqrt(own + competitor), thresholdSource: "standard-error" };
}

/** One side (quality: benefit, price: cost) of the difference method. */
function side(
  kind: AttributeKind,
  input: DifferenceMethodInput,
  competitorIds: string[],
  competitorWeights: number[],
): { ok: true; side: DifferenceSide } | { ok: false; reason: UnavailableReason } {
  const set = input.attributes.filter((a) => a.kind === kind);
  if (set.length === 0) return { ok: false, reason: "no-attributes" };
  const weights = sideWeights(set, input);
  if (!weights.ok) return weights;
  const scores: MeanScores = input.scores;
  // quality: +1 when own is better; price (satisfaction ratings): +1 when own costs more, i.e. is worse rated
  const orientation = kind === "quality" ? 1 : -1;
  const rows: DifferenceRow[] = [];
  const signs: number[][] = [];
  for (const [index, attribute] of set.entries()) {
    const own = scores.means[input.ownId]?.[attribute.id];
    if (own === undefined || own === null || !Number.isFinite(own)) return { ok: false, reason: "offer-not-rated" };
    const weight = weights.flat[index] ?? 0;
    const rowSigns: number[] = [];
    const byCompetitor: DifferenceRow["byCompetitor"] = [];
    for (const competitorId of competitorIds) {
      const competitor = scores.means[competitorId]?.[attribute.id];
      if (competitor === undefined || competitor === null || !Number.isFinite(competitor)) {
        return { ok: false, reason: "offer-not-rated" };
      }
      const difference = attribute.lowerIsBetter === true ? competitor - own : own - competitor;
      const { threshold, thresholdSource } = cellThreshold(input, attribute.id, competitorId);
      const sign = difference > threshold ? 1 : difference < -threshold ? -1 : 0;
      rowSigns.push(sign * orientation);
      byCompetitor.push({ competitorId, competitor, difference, threshold, thresholdSource, points: sign * orientation * weight });
    }
    signs.push(rowSigns);
    rows.push({ id: attribute.id, weight, own, byCompetitor });
  }
  const weightSum = competitorWeights.reduce((s, w) => s + w, 0);
  const perCompetitor = competitorIds.map((competitorId, c) => ({
    competitorId,
    sum: rows.reduce((s, row) => s + (row.byCompetitor[c]?.points ?? 0), 0),
    weight: competitorWeights[c] ?? 0,
  }));
  const index = 100 + perCompetitor.reduce((s, p) => s + p.weight * p.sum, 0) / weightSum;
  const groups = weights.groups.map((group) => {
    let total = 0;
    for (const [i, attribute] of set.entries()) {
      const within = group.within.get(attribute.id);
      if (within === undefined) continue;
      (signs[i] ?? []).forEach((sign, c) => (total += (competitorWeights[c] ?? 0) * sign * within));
    }
    return { id: group.id, weight: group.weight, index: 100 + total / weightSum };
  });
  return { ok: true, side: { index, rows, perCompetitor, groups } };
}

/**
 * Difference method of Roger Best (method.md "Beyond Gale", difference method (Best)).
 *
 * Per competitor c and quality attribute i: advantage `+w_i` when own is better
 * (`m_own - m_c > threshold`), `0` when equal (`|m_own - m_c| <= threshold`), `-w_i` when worse
 * (differences turned for lowerIsBetter). Threshold (docs/method.md §4 (d)): a given number, or by
 * default "standard-error", each cell's `sqrt(sd_own² / n_own + sd_c² / n_c)` from
 * `standardDeviations` (`ratingSpread`) and the scores' n — a difference not larger than its
 * standard error counts as equal; where it cannot be computed (no standard deviation, n < 2)
 * the cell's threshold is 0 ("no-standard-error"). Each cell reports the threshold it used.
 * Relative benefit `= 100 + mean over c of sum_i advantage`, the mean weighted by the
 * competitors' market `shares` when given (every competitor then requires a positive share:
 * "missing-share", "zero-share"). Relative cost of purchase: the same over the price attributes, whose ratings
 * are price satisfaction (10 = cheapest-feeling), with the sign turned so that positive = own
 * costs more: `+w_i` when own is rated worse on price by more than the threshold, `-w_i` when
 * rated better. Customer value = relative benefit - relative cost (0 = parity, > 0 = more
 * benefit than cost relative to the competitors).
 *
 * Weights are rescaled to 100 per side. With `groups`: group weights are rescaled to 100 over
 * the groups used by a side, attribute weights to 100 within each group; each group's index
 * is `100 + mean over c of sum_{i in g} advantage` with the within-group weights, and the
 * side's index is `sum_g W_g index_g / 100`, which equals the flat method with the two-level
 * weights `W_g w_{i|g} / 100` (the `weight` reported per row). Groups no attribute uses are ignored.
 *
 * Unavailable: "invalid-threshold" (not finite or < 0), "unknown-offer", "no-reference" (no
 * competitor), "no-attributes" (a side without attributes), "offer-not-rated" (a mean missing),
 * "not-finite", "negative-weight", "no-weights", "unknown-group" (an attribute without a
 * defined group), "mixed-group" (a group with quality and price attributes), "empty-group".
 */
export function differenceMethod(input: DifferenceMethodInput): DifferenceMethodResult {
  const threshold = input.threshold ?? "standard-error";
  if (threshold !== "standard-error" && (!Number.isFinite(threshold) || threshold < 0)) {
    return { ok: false, reason: "invalid-threshold" };
  }
  const competitorIds = input.competitorIds.filter((id) => id !== input.ownId);
  if (input.scores.means[input.ownId] === undefined) return { ok: false, reason: "unknown-offer" };
  if (competitorIds.length === 0) return { ok: false, reason: "no-reference" };
  if (competitorIds.some((id) => input.scores.means[id] === undefined)) return { ok: false, reason: "unknown-offer" };
  const competitorWeights: number[] = [];
  for (const id of competitorIds) {
    if (input.shares === undefined) {
      competitorWeights.push(1);
      continue;
    }
    const share = input.shares[id];
    if (share === undefined) return { ok: false, reason: "missing-share" };
    if (Number.isNaN(share) || share === Infinity) return { ok: false, reason: "not-finite" };
    if (!(share > 0)) return { ok: false, reason: "zero-share" };
    competitorWeights.push(share);
  }
  if (input.groups !== undefined) {
    const kinds = new Map<string, AttributeKind>();
    for (const a of input.attributes) {
      const g = input.groups.attributeGroup[a.id];
      if (g === undefined) continue;
      const seen = kinds.get(g);
      if (seen !== undefined && seen !== a.kind) return { ok: false, reason: "mixed-group" };
      kinds.set(g, a.kind);
    }
  }
  const quality = side("quality", input, competitorIds, competitorWeights);
  if (!quality.ok) return quality;
  const price = side("price", input, competitorIds, competitorWeights);
  if (!price.ok) return price;
  return {
    ok: true,
    relativeBenefit: quality.side.index,
    relativeCost: price.side.index,
    customerValue: quality.side.index - price.side.index,
    threshold,
    shareWeighted: input.shares !== undefined,
    quality: quality.side,
    price: price.side,
  };
}
