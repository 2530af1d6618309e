import {
  addRespondent,
  analyzeStudyFromStatistics,
  emptyStatistics,
  mergeStatistics,
  respondentLevelFromStatistics,
  statisticsLayout,
  studyStatistics,
  type GroupedAttributeDef,
  type OfferDef,
  type StatisticsLayout,
  type StudyAnalysisInput,
  type StudyAnalysisReport,
  type StudyRespondent,
  type StudyStatistics,
} from "../../../analysis/index";
import { LruCache } from "../platform/lru-cache.server";
import { BOOTSTRAP_UP_TO, type IntervalMethod } from "./report-intervals";

/**
 * The report's sufficient statistics (issue 23): per report filter (study, segment, flagged,
 * customer) one cell per wave of `analysis/sufficient` sums, kept up to date by difference with
 * the respondents the report's store hands out. The store gives the same respondent (and
 * outcome) objects until a response changes, so catching up is one pass comparing objects by id:
 * a new response is added to its wave's cell, one that left the filter (excluded, newly
 * flagged) is taken out, a changed one is taken out and added again. The analysis above the
 * bootstrap threshold is then `analyzeStudyFromStatistics` on the wave's cell or on the cells
 * merged — no pass over every respondent — and each wave's position comes from its cell.
 */
interface Held {
  design: string;
  /** the outcomes the cells were last made for */
  outcomes: readonly StudyRespondent[];
  layout: StatisticsLayout;
  /**
   * the outcomes counted, by respondent id: always `outcomes` by id, so made from them only when
   * a catch-up compares respondents (null until then: a cold report builds no map of 100k ids)
   */
  members: Map<string, StudyRespondent> | null;
  /** one cell per wave (outcome.wave) */
  cells: Map<string, StudyStatistics>;
}

/** Report filters held at once (each: one cell per wave, ~30 kB, and a map of its respondents). */
const held = new LruCache<Held>(8);
/** Past this share of changed respondents the cells are built afresh instead of patched. */
const REBUILD_SHARE = 0.25;

/** Tests lower `bootstrapUpTo` (the statistics path runs above it) and switch `enabled` off to get the respondent pass. */
export const reportStatisticsSettings = { enabled: true, bootstrapUpTo: BOOTSTRAP_UP_TO };

/** `reportIntervalMethod` with the threshold of `reportStatisticsSettings` (the one the report uses). */
export function intervalMethodFor(n: number): IntervalMethod {
  return n <= reportStatisticsSettings.bootstrapUpTo ? "bootstrap" : "delta";
}

/** What the statistics did (tests and the benchmark). */
export const reportStatisticsStats = { built: 0, added: 0, removed: 0, analysed: 0, byChanges: 0 };

/** Forgets every held cell (tests, the benchmark's restart). */
export function clearReportStatistics(): void {
  held.clear();
}

const waveOf = (o: StudyRespondent) => o.wave ?? "";

function build(design: string, layout: StatisticsLayout, outcomes: readonly StudyRespondent[]): Held {
  const byWave = new Map<string, StudyRespondent[]>();
  for (const o of outcomes) {
    const list = byWave.get(waveOf(o));
    if (list) list.push(o);
    else byWave.set(waveOf(o), [o]);
  }
  reportStatisticsStats.built += 1;
  return {
    design,
    outcomes,
    layout,
    members: null,
    cells: new Map([...byWave].map(([wave, list]) => [wave, studyStatistics(layout, list)])),
  };
}

/**
 * The cells of `slot` for exactly `outcomes` (every wave, ids unique): caught up by difference
 * from the last call, built afresh for a new slot, a new design or many changes. `changes`, when
 * the caller knows how `outcomes` differ from an earlier array, spares the pass comparing them
 * (used when the cells were last made for that very array).
 */
export function statisticsFor(
  slot: string,
  design: string,
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
  own: string,
  outcomes: readonly StudyRespondent[],
  changes: { from: readonly StudyRespondent[]; added: StudyRespondent[]; removed: StudyRespondent[] } | null = null,
): WaveCells {
  const last = held.get(slot);
  if (!last || last.design !== design) {
    const fresh = build(design, statisticsLayout(offers.map((o) => o.id), attributes, own), outcomes);
    held.set(slot, fresh);
    return fresh;
  }
  if (last.outcomes === outcomes) return last;
  let added: StudyRespondent[] = [];
  let removed: StudyRespondent[] = [];
  if (changes !== null && changes.from === last.outcomes) {
    added = changes.added;
    removed = changes.removed;
    reportStatisticsStats.byChanges += 1;
  } else {
    const members = membersOf(last);
    // One pass over the outcomes against the members held: new or changed ones (the changed
    // one's old object taken out); members no longer listed are searched only when some are left.
    let kept = 0;
    for (const o of outcomes) {
      const was = members.get(o.id);
      if (was === o) kept += 1;
      else {
        added.push(o);
        if (was !== undefined) removed.push(was);
      }
    }
    if (kept + removed.length < members.size) {
      const listed = new Set(outcomes.map((o) => o.id));
      for (const [id, o] of members) if (!listed.has(id)) removed.push(o);
    }
  }
  if (added.length + removed.length > Math.max(100, outcomes.length * REBUILD_SHARE)) {
    const fresh = build(design, last.layout, outcomes);
    held.set(slot, fresh);
    return fresh;
  }
  const cellOf = (o: StudyRespondent) => {
    const cell = last.cells.get(waveOf(o)) ?? emptyStatistics(last.layout);
    last.cells.set(waveOf(o), cell);
    return cell;
  };
  // The members follow when they are made; otherwise they are made from the outcomes when needed.
  const { members } = last;
  for (const o of removed) {
    addRespondent(cellOf(o), o, -1);
    if (members !== null && members.get(o.id) === o) members.delete(o.id);
  }
  for (const o of added) {
    addRespondent(cellOf(o), o, 1);
    members?.set(o.id, o);
  }
  last.outcomes = outcomes;
  reportStatisticsStats.added += added.length;
  reportStatisticsStats.removed += removed.length;
  return last;
}

/** The outcomes counted by `held`, by respondent id (made on first use). */
function membersOf(held: Held): Map<string, StudyRespondent> {
  return (held.members ??= new Map(held.outcomes.map((o) => [o.id, o])));
}

/** The cells of one report filter: one per wave. */
export interface WaveCells {
  layout: StatisticsLayout;
  cells: Map<string, StudyStatistics>;
}

/** One wave's cell, or every wave's merged. */
export function cellFor(statistics: WaveCells, wave: number | undefined): StudyStatistics {
  if (wave !== undefined) return statistics.cells.get(String(wave)) ?? emptyStatistics(statistics.layout);
  return mergeStatistics(statistics.layout, [...statistics.cells.values()]);
}

/** `analyzeStudy`'s report from a cell, or null when the statistics cannot stand for the respondents. */
export function analysisFromStatistics(input: Omit<StudyAnalysisInput, "respondents" | "summary">, cell: StudyStatistics): StudyAnalysisReport | null {
  const result = analyzeStudyFromStatistics(input, cell);
  if (!result.ok) return null;
  reportStatisticsStats.analysed += 1;
  return result.report;
}

/** A wave's mean weights, quality share and mean scores from its cell (what `wavePoints` computes from its respondents). */
export function waveFigures(cell: StudyStatistics) {
  const level = respondentLevelFromStatistics(cell);
  return { aggregated: level.aggregated, scores: level.scores };
}
