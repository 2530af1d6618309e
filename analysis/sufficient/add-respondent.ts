import type { StudyRespondent } from "../analyze-methods";
import type { AttributeKind } from "../types";
import { wonLostOutcome } from "../won-lost-outcome";
import type { StudyStatistics } from "./types";

/** Scratch for one respondent's entries (grown to the largest layout seen). */
let scratchIndex = new Int32Array(0);
let scratchValue = new Float64Array(0);

const usable = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : 0);
const OUTCOME_INDEX = {
  won: 0,
  lost: 1,
  "bought-competitor-without-considering-own": 2,
  "bought-competitor-consideration-unknown": 3,
  "no-purchase": 4,
} as const;

/**
 * Adds one respondent's contribution to a cell (`sign` 1), or takes it out again (`sign` -1):
 * every sum of `StatisticsLayout` moves by what this respondent gives, following each respondent
 * pass of `analyzeStudy` rule for rule (which ratings count, the weights normalised within their
 * kind as `aggregateWeights`, the quality share within 0..100, derived importance's complete
 * observations, `wonLostOutcome`'s groups and the lost reasons' own or market weights and share).
 * Mutates `cell` (and nothing else); O(M²) for the respondent's M means, independent of the
 * number of respondents already counted.
 */
export function addRespondent(cell: StudyStatistics, respondent: StudyRespondent, sign: 1 | -1): void {
  const { layout, sums } = cell;
  const { offers, attributes, ownId, O, A, R, M, quality, offsets: at } = layout;
  sums[at.count] = (sums[at.count] as number) + sign;
  const unsupported =
    (respondent.maxDiff?.length ?? 0) > 0 || respondent.priceSensitivity !== undefined || (respondent.gaborGranger?.length ?? 0) > 0;
  if (unsupported) sums[at.unsupported] = (sums[at.unsupported] as number) + sign;

  // The respondent's entries of the vector of means, in increasing index order (scratch arrays:
  // this runs once per respondent when a cell is built).
  if (scratchIndex.length < M) {
    scratchIndex = new Int32Array(M);
    scratchValue = new Float64Array(M);
  }
  const index = scratchIndex;
  const value = scratchValue;
  let k = 0;
  for (let o = 0; o < O; o += 1) {
    const ratings = respondent.ratings[offers[o] as string];
    if (ratings === undefined) continue;
    let rated = false;
    for (let t = 0; t < A; t += 1) {
      const x = ratings[(attributes[t] as (typeof attributes)[number]).id];
      if (x === undefined || !Number.isFinite(x)) continue;
      index[k] = o * A + t;
      value[k] = x;
      k += 1;
      rated = true;
    }
    if (rated) sums[at.knows + o] = (sums[at.knows + o] as number) + sign;
  }
  const totals = { quality: 0, price: 0 };
  for (const attribute of attributes) totals[attribute.kind] += usable(respondent.weights[attribute.id]);
  for (let t = 0; t < A; t += 1) {
    const attribute = attributes[t] as (typeof attributes)[number];
    const total = totals[attribute.kind];
    if (total <= 0) continue;
    const points = usable(respondent.weights[attribute.id]);
    if (points > 0) sums[at.weightsGiven + t] = (sums[at.weightsGiven + t] as number) + sign;
    index[k] = R + t;
    value[k] = (100 * points) / total;
    k += 1;
  }
  const share = respondent.qualityShare;
  if (share !== undefined && Number.isFinite(share) && share >= 0 && share <= 100) {
    index[k] = R + A;
    value[k] = share;
    k += 1;
  }
  const pairN = at.pairN;
  const pairSum = at.pairSum;
  const pairProduct = at.pairProduct;
  for (let i = 0; i < k; i += 1) {
    const a = index[i] as number;
    const x = value[i] as number;
    const row = a * M;
    const sx = sign * x;
    for (let j = i; j < k; j += 1) {
      const b = index[j] as number;
      const y = value[j] as number;
      const cell = row + b;
      sums[pairN + cell] = (sums[pairN + cell] as number) + sign;
      sums[pairProduct + cell] = (sums[pairProduct + cell] as number) + sx * y;
      sums[pairSum + cell] = (sums[pairSum + cell] as number) + sx;
      if (a !== b) sums[pairSum + b * M + a] = (sums[pairSum + b * M + a] as number) + sign * y;
    }
  }

  // Derived importance: each (offer, overall) with every quality attribute rated.
  const p = quality.length;
  if (respondent.overall !== undefined) {
    let observed = false;
    const x = new Float64Array(p);
    for (const offerId in respondent.overall) {
      const y = respondent.overall[offerId] as number;
      if (!Number.isFinite(y)) continue;
      const ratings = respondent.ratings[offerId];
      if (ratings === undefined) continue;
      let complete = true;
      for (let i = 0; i < p; i += 1) {
        const attribute = attributes[quality[i] as number]!;
        const score = ratings[attribute.id];
        if (score === undefined || !Number.isFinite(score)) {
          complete = false;
          break;
        }
        x[i] = (attribute.lowerIsBetter === true ? -1 : 1) * score;
      }
      if (!complete) continue;
      observed = true;
      sums[at.obsN] = (sums[at.obsN] as number) + sign;
      sums[at.obsY] = (sums[at.obsY] as number) + sign * y;
      sums[at.obsYY] = (sums[at.obsYY] as number) + sign * y * y;
      for (let i = 0; i < p; i += 1) {
        const xi = x[i] as number;
        sums[at.obsX + i] = (sums[at.obsX + i] as number) + sign * xi;
        sums[at.obsXY + i] = (sums[at.obsXY + i] as number) + sign * xi * y;
        for (let j = i; j < p; j += 1) sums[at.obsXX + i * p + j] = (sums[at.obsXX + i * p + j] as number) + sign * xi * (x[j] as number);
      }
    }
    if (observed) sums[at.obsRespondents] = (sums[at.obsRespondents] as number) + sign;
  }

  // Won / lost: the group, its mean scores, and for the lost the gaps to the chosen offer.
  const outcome = wonLostOutcome(respondent, ownId);
  sums[at.outcomes + OUTCOME_INDEX[outcome]] = (sums[at.outcomes + OUTCOME_INDEX[outcome]] as number) + sign;
  if (outcome !== "won" && outcome !== "lost") return;
  const group = outcome === "won" ? 0 : 1;
  for (let o = 0; o < O; o += 1) {
    const ratings = respondent.ratings[offers[o] as string];
    if (ratings === undefined) continue;
    let rated = false;
    for (let t = 0; t < A; t += 1) {
      const score = ratings[(attributes[t] as (typeof attributes)[number]).id];
      if (score === undefined || !Number.isFinite(score)) continue;
      sums[at.groupSums + group * R + o * A + t] = (sums[at.groupSums + group * R + o * A + t] as number) + sign * score;
      sums[at.groupCounts + group * R + o * A + t] = (sums[at.groupCounts + group * R + o * A + t] as number) + sign;
      rated = true;
    }
    if (rated) sums[at.groupKnows + group * O + o] = (sums[at.groupKnows + group * O + o] as number) + sign;
  }
  if (outcome !== "lost") return;
  const chose = respondent.chose as string;
  const lostTo = (cell.lostCounts.get(chose) ?? 0) + sign;
  if (lostTo === 0) cell.lostCounts.delete(chose);
  else cell.lostCounts.set(chose, lostTo);

  // The respondent's own weights per kind (normalised to 100), or null: the market's are used.
  const ownWeights: Record<AttributeKind, Map<string, number> | null> = { quality: null, price: null };
  for (const kind of ["quality", "price"] as const) {
    const set = attributes.filter((a) => a.kind === kind);
    const raw = set.map((a) => {
      const w = respondent.weights[a.id];
      return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
    });
    const total = raw.reduce((s, w) => s + w, 0);
    if (total > 0) ownWeights[kind] = new Map(set.map((a, i) => [a.id, (100 * (raw[i] ?? 0)) / total]));
  }
  const q = respondent.qualityShare;
  const ownShare = q !== undefined && Number.isFinite(q);
  const marketShare = q === undefined;
  const lead = { quality: 0, price: 0 };
  attributes.forEach((attribute, t) => {
    const own = respondent.ratings[ownId]?.[attribute.id];
    const winner = respondent.ratings[chose]?.[attribute.id];
    if (own === undefined || winner === undefined || !Number.isFinite(own) || !Number.isFinite(winner)) return;
    const gap = attribute.lowerIsBetter === true ? own - winner : winner - own;
    if (gap > 0) sums[at.gaps + 3 * t] = (sums[at.gaps + 3 * t] as number) + sign;
    sums[at.gaps + 3 * t + 1] = (sums[at.gaps + 3 * t + 1] as number) + sign;
    sums[at.gaps + 3 * t + 2] = (sums[at.gaps + 3 * t + 2] as number) + sign * gap;
    const weights = ownWeights[attribute.kind];
    if (weights !== null) {
      const w = weights.get(attribute.id) ?? 0;
      sums[at.impactOwn + t] = (sums[at.impactOwn + t] as number) + (sign * (w * gap)) / 100;
      if (w * gap !== 0) sums[at.impactOwnTerms + t] = (sums[at.impactOwnTerms + t] as number) + sign;
      lead[attribute.kind] += (w * gap) / 100;
    } else {
      sums[at.gapMarketWeights + t] = (sums[at.gapMarketWeights + t] as number) + sign * gap;
      if (ownShare) sums[at.ownShareMarketWeights + t] = (sums[at.ownShareMarketWeights + t] as number) + sign * (attribute.kind === "quality" ? (q as number) : 100 - (q as number)) * gap;
      else if (marketShare) sums[at.marketShareMarketWeights + t] = (sums[at.marketShareMarketWeights + t] as number) + sign * gap;
    }
  });
  if (ownShare) {
    sums[at.ownShare] = (sums[at.ownShare] as number) + sign;
    sums[at.ownShareOwnWeights] = (sums[at.ownShareOwnWeights] as number) + (sign * ((q as number) * lead.quality)) / 100;
    sums[at.ownShareOwnWeights + 1] = (sums[at.ownShareOwnWeights + 1] as number) + (sign * ((100 - (q as number)) * lead.price)) / 100;
  } else if (marketShare) {
    sums[at.marketShare] = (sums[at.marketShare] as number) + sign;
    sums[at.marketShareOwnWeights] = (sums[at.marketShareOwnWeights] as number) + sign * lead.quality;
    sums[at.marketShareOwnWeights + 1] = (sums[at.marketShareOwnWeights + 1] as number) + sign * lead.price;
  }
}
