import { analysisFlags, readAnalysisRespondents, type AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { listCompleteReviews } from "../../../db/queries/report-data";
import type { Db } from "../../../db/client";
import { LruCache } from "../platform/lru-cache.server";

/**
 * The report's respondent store: per study, its complete rating-stage responses as last read,
 * kept up to date by difference instead of read again. When the study's data version moves (a
 * response completed or was deleted, a review decision), one index pass lists the complete
 * responses' ids and decisions; only the responses the store does not hold are read (answers
 * and all), the decisions are copied, and the flags recomputed over the whole set when it
 * changed (the speeder median and the duplicates' originals are study-wide). A completion in
 * another process is caught up the same way, so the store needs no event from the completion
 * path: the write stays as it was (issue 23).
 *
 * Respondents are never mutated: a changed decision or flag set gives a new object, so arrays
 * handed out earlier keep describing the data they were read for.
 */
interface Held {
  own: string | null;
  version: string;
  /** the offers and attributes as analysed (the version's last two parts): when they change, read afresh */
  design: string;
  respondents: AnalysisRespondent[];
  byId: Map<number, AnalysisRespondent>;
}

/** Studies held at once (least recently used dropped first). */
const STORE_STUDIES = 2;
/** Past this many responses a study is read afresh for each data version instead of held (memory: about 2 kB a respondent with its outcome, some 200 MB at 100k). */
export const STORE_MAX_RESPONDENTS = 150_000;
/** Past this share of new responses, one full read is cheaper than reading them by id. */
const FULL_READ_SHARE = 0.25;

const store = new LruCache<Held>(STORE_STUDIES);

/** Forgets every held study (tests, the benchmark's restart). */
export function clearRespondentStore(): void {
  store.clear();
}

/** How the last `storedRespondents` call answered (tests and the benchmark). */
export const respondentStoreStats = { held: 0, caughtUp: 0, read: 0, newlyRead: 0 };

/** The offers' and attributes' part of a report data version (its last two fields). */
const designOf = (version: string) => version.split("|").slice(-2).join("|");

const sameFlags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

function withFlags(respondents: AnalysisRespondent[], own: string | null): AnalysisRespondent[] {
  const flags = analysisFlags(respondents, own);
  return respondents.map((r) => {
    const f = flags.get(String(r.id)) ?? [];
    return sameFlags(r.flags, f) ? r : { ...r, flags: f };
  });
}

function hold(studyId: number, own: string | null, version: string, respondents: AnalysisRespondent[]): AnalysisRespondent[] {
  if (respondents.length <= STORE_MAX_RESPONDENTS) {
    store.set(String(studyId), { own, version, design: designOf(version), respondents, byId: new Map(respondents.map((r) => [r.id, r])) });
  }
  return respondents;
}

/**
 * Every complete rating-stage response of the study at `version` (reportDataVersion), in id
 * order, with its flags (`own`: the study's own offer, for the no-competitor flag): from the
 * store when it holds this version, caught up by difference when it holds an older one, read in
 * full otherwise. Equal, field for field, to `listAnalysisRespondents` on the same data.
 */
export async function storedRespondents(db: Db, studyId: number, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  const held = store.get(String(studyId));
  if (held && held.own === own && held.version === version) {
    respondentStoreStats.held += 1;
    return held.respondents;
  }
  // Responses are immutable once complete; an edit of the offers or attributes reads afresh anyway.
  if (!held || held.own !== own || held.design !== designOf(version)) return readAll(db, studyId, own, version);

  const current = await listCompleteReviews(db, studyId);
  const newIds = current.filter((c) => !held.byId.has(c.id)).map((c) => c.id);
  if (newIds.length > Math.max(100, current.length * FULL_READ_SHARE)) return readAll(db, studyId, own, version);
  const fresh = new Map((await readAnalysisRespondents(db, studyId, newIds)).map((r) => [r.id, r]));
  let next: AnalysisRespondent[] = [];
  for (const c of current) {
    const r = held.byId.get(c.id) ?? fresh.get(c.id);
    // Deleted between the two reads: the next version catches up.
    if (!r) continue;
    next.push(r.review === c.review ? r : { ...r, review: c.review });
  }
  const setChanged = newIds.length > 0 || next.length !== held.respondents.length;
  if (setChanged) next = withFlags(next, own);
  respondentStoreStats.caughtUp += 1;
  respondentStoreStats.newlyRead += fresh.size;
  return hold(studyId, own, version, next);
}

async function readAll(db: Db, studyId: number, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  respondentStoreStats.read += 1;
  const respondents = await readAnalysisRespondents(db, studyId);
  return hold(studyId, own, version, respondents.length > 0 ? withFlags(respondents, own) : respondents);
}
