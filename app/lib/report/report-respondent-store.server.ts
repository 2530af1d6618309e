import { readAnalysisRespondents, type AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { listCompleteReviews } from "../../../db/queries/report-data";
import type { Db } from "../../../db/client";
import { LruCache } from "../platform/lru-cache.server";
import { qualityOf, type QualityState } from "./report-quality-state.server";
import { positionInIdOrder } from "./id-order";

/**
 * The report's respondent store: per study, its complete rating-stage responses as last read,
 * kept up to date by difference instead of read again. When the study's data version moves (a
 * response completed or was deleted, a review decision), one index pass lists the complete
 * responses' ids and decisions; only the responses the store does not hold are read (answers
 * and all), the decisions are copied, and the flags caught up where the new responses can move
 * them (report-quality-state.server.ts: the speeder median and the duplicates' originals are
 * study-wide; a deletion recomputes every flag). A completion in another process is caught up
 * the same way, so the store needs no event from the completion path: the write stays as it was
 * (issue 23).
 *
 * Respondents are never mutated: a changed decision or flag set gives a new object, so arrays
 * handed out earlier keep describing the data they were read for. Each catch-up records what it
 * changed (`respondentChanges`), so the report's passes over the respondents can follow by
 * difference too. Catch-ups of one study run one after the other (a promise chain per study):
 * the held state is patched in place and two patches must never start from the same state.
 */
interface Held {
  own: string | null;
  version: string;
  /** the offers and attributes as analysed (the version's last two parts): when they change, read afresh */
  design: string;
  /** in id order */
  respondents: AnalysisRespondent[];
  /** their ids and decisions, in the same order (the merge walks read these, not the objects) */
  ids: number[];
  reviews: Array<AnalysisRespondent["review"]>;
  /** the flags' study-wide inputs, patched in place */
  quality: QualityState;
  /** the last catch-ups, oldest first */
  log: RespondentChange[];
}

/** What one catch-up changed: the respondents it added and removed (a changed one: its old object removed, its new one added). */
export interface RespondentChange {
  from: readonly AnalysisRespondent[];
  to: readonly AnalysisRespondent[];
  added: AnalysisRespondent[];
  removed: AnalysisRespondent[];
}

/** Studies held at once (least recently used dropped first). */
const STORE_STUDIES = 2;
/** Past this many responses a study is read afresh for each data version instead of held (memory: about 2 kB a respondent with its outcome, some 200 MB at 100k). */
export const STORE_MAX_RESPONDENTS = 150_000;
/** Past this share of new responses, one full read is cheaper than reading them by id. */
const FULL_READ_SHARE = 0.25;
/** Catch-ups remembered per study for `respondentChanges`. */
const LOG_LENGTH = 16;

const store = new LruCache<Held>(STORE_STUDIES);
/** Per study, the tail of its chain of store calls. */
const chains = new Map<number, Promise<unknown>>();

/** Forgets every held study (tests, the benchmark's restart). */
export function clearRespondentStore(): void {
  store.clear();
}

/** How the last `storedRespondents` call answered (tests and the benchmark). */
export const respondentStoreStats = { held: 0, caughtUp: 0, read: 0, newlyRead: 0, flagsPatched: 0, flagsRecomputed: 0 };

/** The offers' and attributes' part of a report data version (its last two fields). */
const designOf = (version: string) => version.split("|").slice(-2).join("|");

function hold(studyId: number, own: string | null, version: string, respondents: AnalysisRespondent[]): AnalysisRespondent[] {
  const { quality, flagged } = qualityOf(respondents, own);
  respondentStoreStats.flagsRecomputed += 1;
  if (respondents.length <= STORE_MAX_RESPONDENTS) {
    store.set(String(studyId), { own, version, design: designOf(version), respondents: flagged, ids: flagged.map((r) => r.id), reviews: flagged.map((r) => r.review), quality, log: [] });
  }
  return flagged;
}

/**
 * Every complete rating-stage response of the study at `version` (reportDataVersion), in id
 * order, with its flags (`own`: the study's own offer, for the no-competitor flag): from the
 * store when it holds this version, caught up by difference when it holds an older one, read in
 * full otherwise. Equal, field for field, to `listAnalysisRespondents` on the same data.
 */
export function storedRespondents(db: Db, studyId: number, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  const held = store.get(String(studyId));
  if (held && held.own === own && held.version === version) {
    respondentStoreStats.held += 1;
    return Promise.resolve(held.respondents);
  }
  const previous = chains.get(studyId) ?? Promise.resolve();
  const run = previous.then(() => respondentsNow(db, studyId, own, version));
  const tail = run.catch(() => undefined);
  chains.set(studyId, tail);
  void tail.then(() => {
    if (chains.get(studyId) === tail) chains.delete(studyId);
  });
  return run;
}

/**
 * The changes from `from` (an array the store handed out) to `to` (a later one), one entry per
 * catch-up in order, or null when the store no longer remembers the way (read afresh in
 * between, too many catch-ups ago): the caller then starts again from `to`.
 */
export function respondentChanges(studyId: number, from: readonly AnalysisRespondent[], to: readonly AnalysisRespondent[]): RespondentChange[] | null {
  if (from === to) return [];
  const held = store.get(String(studyId));
  if (!held) return null;
  const start = held.log.findIndex((c) => c.from === from);
  if (start < 0) return null;
  const steps: RespondentChange[] = [];
  for (let i = start; i < held.log.length; i += 1) {
    const step = held.log[i]!;
    if (i > start && step.from !== held.log[i - 1]!.to) return null;
    steps.push(step);
    if (step.to === to) return steps;
  }
  return null;
}

async function respondentsNow(db: Db, studyId: number, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  const held = store.get(String(studyId));
  if (held && held.own === own && held.version === version) {
    respondentStoreStats.held += 1;
    return held.respondents;
  }
  // Responses are immutable once complete; an edit of the offers or attributes reads afresh anyway.
  if (!held || held.own !== own || held.design !== designOf(version)) return readAll(db, studyId, own, version);

  const current = await listCompleteReviews(db, studyId);
  // Both in id order: one merge walk finds the new ids and the ones gone.
  const oldIds = held.ids;
  const newIds: number[] = [];
  let gone = 0;
  let i = 0;
  for (const c of current) {
    while (i < oldIds.length && oldIds[i]! < c.id) {
      gone += 1;
      i += 1;
    }
    if (i < oldIds.length && oldIds[i] === c.id) i += 1;
    else newIds.push(c.id);
  }
  gone += oldIds.length - i;
  if (newIds.length > Math.max(100, current.length * FULL_READ_SHARE)) return readAll(db, studyId, own, version);
  const fresh = await readAnalysisRespondents(db, studyId, newIds);

  // No await past this point: the held state is patched in place, in one go.
  try {
    return catchUp(studyId, held, version, current, fresh, gone);
  } catch (error) {
    store.delete(String(studyId));
    throw error;
  }
}

function catchUp(
  studyId: number,
  held: Held,
  version: string,
  current: ReadonlyArray<{ id: number; review: "include" | "exclude" | null }>,
  fresh: AnalysisRespondent[],
  gone: number,
): AnalysisRespondent[] {
  const old = held.respondents;
  const oldIds = held.ids;
  const oldReviews = held.reviews;
  let next: AnalysisRespondent[] = [];
  const nextIds: number[] = [];
  const nextReviews: Array<AnalysisRespondent["review"]> = [];
  /** ids whose held object is replaced (a new decision, new flags) */
  const changed = new Set<number>();
  let i = 0;
  let f = 0;
  for (const c of current) {
    while (i < oldIds.length && oldIds[i]! < c.id) i += 1;
    let r: AnalysisRespondent | undefined;
    let review: AnalysisRespondent["review"];
    if (i < oldIds.length && oldIds[i] === c.id) {
      r = old[i]!;
      review = oldReviews[i]!;
    } else {
      while (f < fresh.length && fresh[f]!.id < c.id) f += 1;
      // Deleted between the two reads: the next version catches up.
      if (f >= fresh.length || fresh[f]!.id !== c.id) continue;
      r = fresh[f]!;
      review = r.review;
    }
    if (review === c.review) next.push(r);
    else {
      next.push({ ...r, review: c.review });
      changed.add(c.id);
    }
    nextIds.push(c.id);
    nextReviews.push(c.review);
  }
  let change: { added: AnalysisRespondent[]; removed: AnalysisRespondent[] };
  if (gone > 0 || next.length !== old.length + fresh.length) {
    // A response left: the median and the originals are recomputed over the rest.
    const { quality, flagged } = qualityOf(next, held.own);
    held.quality = quality;
    next = flagged;
    respondentStoreStats.flagsRecomputed += 1;
    change = differenceOf(old, next);
  } else {
    if (fresh.length > 0) {
      for (const id of held.quality.add(next, fresh)) changed.add(id);
      respondentStoreStats.flagsPatched += 1;
    }
    const freshIds = new Set(fresh.map((r) => r.id));
    const added = fresh.map((r) => next[positionOf(nextIds, r.id)]!);
    const removed: AnalysisRespondent[] = [];
    for (const id of changed) {
      if (freshIds.has(id)) continue;
      removed.push(old[positionOf(oldIds, id)]!);
      added.push(next[positionOf(nextIds, id)]!);
    }
    change = { added, removed };
  }
  held.log.push({ from: old, to: next, ...change });
  if (held.log.length > LOG_LENGTH) held.log.shift();
  held.respondents = next;
  held.ids = nextIds;
  held.reviews = nextReviews;
  held.version = version;
  respondentStoreStats.caughtUp += 1;
  respondentStoreStats.newlyRead += fresh.length;
  if (next.length > STORE_MAX_RESPONDENTS) store.delete(String(studyId));
  return next;
}

/** The position of `id` in `ids` (ascending), which holds it. */
function positionOf(ids: readonly number[], id: number): number {
  return positionInIdOrder(ids.length, (i) => ids[i]!, id);
}

/** The objects of `before` not in `after` and of `after` not in `before` (both in id order), compared by identity. */
function differenceOf(before: readonly AnalysisRespondent[], after: readonly AnalysisRespondent[]): { added: AnalysisRespondent[]; removed: AnalysisRespondent[] } {
  const added: AnalysisRespondent[] = [];
  const removed: AnalysisRespondent[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    if (a !== undefined && b !== undefined && a.id === b.id) {
      if (a !== b) {
        removed.push(a);
        added.push(b);
      }
      i += 1;
      j += 1;
    } else if (b === undefined || (a !== undefined && a.id < b.id)) {
      removed.push(a!);
      i += 1;
    } else {
      added.push(b);
      j += 1;
    }
  }
  return { added, removed };
}

async function readAll(db: Db, studyId: number, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  respondentStoreStats.read += 1;
  const respondents = await readAnalysisRespondents(db, studyId);
  return hold(studyId, own, version, respondents);
}
