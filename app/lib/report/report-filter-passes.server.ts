import { isIncluded, type StudyRespondent } from "../../../analysis/index";
import type { AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import type { CustomerLookup } from "../customers/customer-analysis.server";
import type { CustomerFilter } from "../customers/customer-codes";
import { LruCache } from "../platform/lru-cache.server";
import { respondentChanges, type RespondentChange } from "./report-respondent-store.server";
import { outcomeOf } from "./report-respondents.server";
import { positionInIdOrder } from "./id-order";

/**
 * The report's passes over every respondent for one filter (issue 23): who is kept (flags,
 * decisions, customer filter), the segment counts, each wave's first completion and count, the
 * respondents in the segment with their outcomes, in all and per wave. Held per filter and
 * followed by difference with the store's changes (`respondentChanges`): after one new response
 * they move by that one respondent instead of being computed over all of them. A change the
 * difference cannot follow exactly (a response deleted, a segment value appearing or vanishing:
 * the counts' keys keep the order of first appearance) computes them afresh. Nothing handed out
 * is changed later: an update copies what it touches.
 */
export interface FilterPasses {
  /** every complete response */
  complete: number;
  /** those the flagged and customer filters keep */
  kept: number;
  /** per segment question, the kept respondents per value (keys in order of first appearance by id) */
  segmentCounts: Record<string, Record<string, number>>;
  /** per wave: its first completion over every response, its kept respondents */
  waves: ReadonlyMap<number, { readonly first: number; readonly n: number }>;
  /** the kept respondents in the segment filter, in id order, and their outcomes (arrays never changed once handed out) */
  inSegment: AnalysisRespondent[];
  inSegmentOutcomes: StudyRespondent[];
  /** the same per wave */
  byWave: ReadonlyMap<number, { respondents: AnalysisRespondent[]; outcomes: StudyRespondent[] }>;
  /** how `inSegmentOutcomes` differs from the last passes' of this filter (null: computed afresh) */
  outcomeChanges: OutcomeChanges | null;
}

/** Outcomes added and removed since `from`. */
export interface OutcomeChanges {
  from: readonly StudyRespondent[];
  added: StudyRespondent[];
  removed: StudyRespondent[];
}

export interface PassFilter {
  studyId: number;
  flagged: "in" | "out";
  segment: { question: string; value: string } | undefined;
  customer: CustomerFilter | undefined;
  customers: ReadonlyMap<string, CustomerLookup> | null;
  segmentQuestions: readonly string[];
  statedJson: string | null;
}

interface Held {
  basedOn: readonly AnalysisRespondent[];
  customers: ReadonlyMap<string, CustomerLookup> | null;
  passes: FilterPasses;
}

const held = new LruCache<Held>(8);

/** What the passes did (tests and the benchmark). */
export const filterPassesStats = { computed: 0, followed: 0 };

/** Forgets every held filter (tests, the benchmark's restart). */
export function clearFilterPasses(): void {
  held.clear();
}

/** Whether a respondent's customer is in the report's customer filter. */
function inCustomerFilter(customer: CustomerLookup | undefined, filter: CustomerFilter): boolean {
  if (!customer) return false;
  if (filter.kind === "segment") return customer.segment === filter.value;
  if (filter.kind === "tier") return customer.tier === filter.value;
  return customer.silent !== null && customer.silent === (filter.value === "silent");
}

function predicates(filter: PassFilter) {
  const { customer, customers, segment, flagged } = filter;
  return {
    keeps: (r: AnalysisRespondent) =>
      isIncluded(r.flags, r.review, flagged) &&
      (!customer || (customers !== null && r.customerId !== null && inCustomerFilter(customers.get(r.customerId), customer))),
    inSegment: (r: AnalysisRespondent) => !segment || r.profile[segment.question] === segment.value,
  };
}

function computed(all: readonly AnalysisRespondent[], filter: PassFilter): FilterPasses {
  filterPassesStats.computed += 1;
  const { keeps, inSegment: inSeg } = predicates(filter);
  const segmentCounts: Record<string, Record<string, number>> = {};
  for (const question of filter.segmentQuestions) segmentCounts[question] = {};
  const waves = new Map<number, { first: number; n: number }>();
  for (const r of all) {
    const w = waves.get(r.wave);
    if (!w) waves.set(r.wave, { first: r.completedAt, n: 0 });
    else w.first = Math.min(w.first, r.completedAt);
  }
  let kept = 0;
  const inSegment: AnalysisRespondent[] = [];
  for (const r of all) {
    if (!keeps(r)) continue;
    kept += 1;
    for (const question of filter.segmentQuestions) {
      const value = r.profile[question];
      if (value !== undefined) segmentCounts[question]![value] = (segmentCounts[question]![value] ?? 0) + 1;
    }
    const w = waves.get(r.wave);
    if (w) w.n += 1;
    if (inSeg(r)) inSegment.push(r);
  }
  const inSegmentOutcomes = inSegment.map((r) => outcomeOf(r, filter.statedJson));
  const byWave = new Map<number, { respondents: AnalysisRespondent[]; outcomes: StudyRespondent[] }>();
  inSegment.forEach((r, i) => {
    const list = byWave.get(r.wave);
    if (list) {
      list.respondents.push(r);
      list.outcomes.push(inSegmentOutcomes[i]!);
    } else byWave.set(r.wave, { respondents: [r], outcomes: [inSegmentOutcomes[i]!] });
  });
  return { complete: all.length, kept, segmentCounts, waves, inSegment, inSegmentOutcomes, byWave, outcomeChanges: null };
}

/** The passes moved on by the store's steps, or null when they must be computed afresh. */
function followed(last: FilterPasses, steps: readonly RespondentChange[], all: readonly AnalysisRespondent[], filter: PassFilter): FilterPasses | null {
  const { keeps, inSegment: inSeg } = predicates(filter);
  const segmentCounts = Object.fromEntries(Object.entries(last.segmentCounts).map(([q, counts]) => [q, { ...counts }]));
  const waves = new Map([...last.waves].map(([wave, w]) => [wave, { ...w }]));
  const inSegment = last.inSegment.slice();
  const outcomes = last.inSegmentOutcomes.slice();
  const byWave = new Map(last.byWave);
  const copied = new Set<number>();
  const waveList = (wave: number) => {
    let list = byWave.get(wave);
    if (!copied.has(wave)) {
      list = { respondents: list ? list.respondents.slice() : [], outcomes: list ? list.outcomes.slice() : [] };
      byWave.set(wave, list);
      copied.add(wave);
    }
    return list!;
  };
  const added = new Set<StudyRespondent>();
  const removed = new Set<StudyRespondent>();
  let kept = last.kept;
  const count = (r: AnalysisRespondent, by: 1 | -1): boolean => {
    for (const question of filter.segmentQuestions) {
      const value = r.profile[question];
      if (value === undefined) continue;
      const counts = segmentCounts[question]!;
      const n = (counts[value] ?? 0) + by;
      // A value appearing or vanishing: the keys' order is that of a full pass.
      if (n <= 0 || counts[value] === undefined) return false;
      counts[value] = n;
    }
    kept += by;
    waves.get(r.wave)!.n += by;
    return true;
  };

  for (const step of steps) {
    const stays = new Set(step.added.map((r) => r.id));
    for (const r of step.removed) {
      // A response deleted: its wave's first completion may move.
      if (!stays.has(r.id)) return null;
      if (!keeps(r)) continue;
      if (!count(r, -1)) return null;
      if (!inSeg(r)) continue;
      const at = positionInIdOrder(inSegment.length, (i) => inSegment[i]!.id, r.id);
      if (inSegment[at] !== r) return null;
      const outcome = outcomes[at]!;
      inSegment.splice(at, 1);
      outcomes.splice(at, 1);
      const list = waveList(r.wave);
      const inWave = positionInIdOrder(list.respondents.length, (i) => list.respondents[i]!.id, r.id);
      list.respondents.splice(inWave, 1);
      list.outcomes.splice(inWave, 1);
      if (added.has(outcome)) added.delete(outcome);
      else removed.add(outcome);
    }
    for (const r of step.added) {
      const w = waves.get(r.wave);
      if (!w) waves.set(r.wave, { first: r.completedAt, n: 0 });
      else w.first = Math.min(w.first, r.completedAt);
      if (!keeps(r)) continue;
      if (!count(r, 1)) return null;
      if (!inSeg(r)) continue;
      const outcome = outcomeOf(r, filter.statedJson);
      const at = positionInIdOrder(inSegment.length, (i) => inSegment[i]!.id, r.id);
      inSegment.splice(at, 0, r);
      outcomes.splice(at, 0, outcome);
      const list = waveList(r.wave);
      const inWave = positionInIdOrder(list.respondents.length, (i) => list.respondents[i]!.id, r.id);
      list.respondents.splice(inWave, 0, r);
      list.outcomes.splice(inWave, 0, outcome);
      if (removed.has(outcome)) removed.delete(outcome);
      else added.add(outcome);
    }
  }
  for (const [wave, list] of byWave) if (list.respondents.length === 0) byWave.delete(wave);
  filterPassesStats.followed += 1;
  return {
    complete: all.length,
    kept,
    segmentCounts,
    waves,
    inSegment,
    inSegmentOutcomes: outcomes,
    byWave,
    outcomeChanges: { from: last.inSegmentOutcomes, added: [...added], removed: [...removed] },
  };
}

/** The passes of `filter` over `all` (the store's respondents at this data version). */
export function filterPasses(all: readonly AnalysisRespondent[], filter: PassFilter): FilterPasses {
  const slot = JSON.stringify([filter.studyId, filter.flagged, filter.segment ?? null, filter.customer ?? null, filter.segmentQuestions, filter.statedJson]);
  const last = held.get(slot);
  const customers = filter.customer ? filter.customers : null;
  if (last && last.customers === customers) {
    if (last.basedOn === all) return last.passes;
    const steps = respondentChanges(filter.studyId, last.basedOn, all);
    const passes = steps ? followed(last.passes, steps, all, filter) : null;
    if (passes) {
      held.set(slot, { basedOn: all, customers, passes });
      return passes;
    }
  }
  const passes = computed(all, filter);
  held.set(slot, { basedOn: all, customers, passes });
  return passes;
}
