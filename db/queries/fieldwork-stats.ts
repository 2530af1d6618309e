import type { Db } from "../client";
import type { QualityFlag } from "../../analysis/data-quality";

export interface FieldworkStats {
  /** Rating stage: every response row is a start. */
  started: number;
  inProgress: number;
  complete: number;
  screenedOut: { total: number; screening: number; quota_full: number; closed: number; other: number };
  /** Complete responses per data-quality flag (same rules as analysis/data-quality.ts), and with any flag. */
  flagged: Record<QualityFlag, number> & { any: number };
  review: { include: number; exclude: number };
  focusGroup: { started: number; complete: number };
  /** Complete responses per quota cell; those the researcher excluded do not count (as in the runtime's quota check). */
  quotaCells: Array<{ questionCode: string; value: string; target: number; complete: number }>;
  /** Completions per UTC day (YYYY-MM-DD), oldest first. */
  perDay: Array<{ day: string; complete: number }>;
  perWave: Array<{ wave: number; started: number; complete: number; screenedOut: number }>;
}

/** Complete rating-stage responses of the study (@study) with the fields the flags need. */
const COMPLETE = `c as (select r.id, coalesce(r.completed_at, r.started_at) as done,
    coalesce(r.completed_at, r.started_at) - r.started_at as dur, r.device_id, r.invitation_id, r.review
  from responses r join questionnaires q on q.id = r.questionnaire_id
  where q.study_id = @study and q.stage = 'rating' and r.status = 'complete')`;

/**
 * The flags in SQL, mirroring flagResponses: speeder (duration under a third of the median, @median),
 * straight-liner (every offer rated on 3+ attributes got one score throughout), duplicate (an
 * earlier completion from the same device cookie or invitation), no competitor (knows no offer
 * but the own one, @own).
 */
const FLAGS = `${COMPLETE},
  speeder as (select id from c where @median is not null and dur < @median / 3.0),
  straight_liner as (select response_id as id from (
      select response_id, min(score) = max(score) as flat from response_ratings
      where response_id in (select id from c) group by response_id, offer_code having count(*) >= 3)
    group by response_id having min(flat) = 1),
  duplicate as (
    select id from (select id, row_number() over (partition by device_id order by done, cast(id as text)) as k
      from c where device_id is not null and device_id <> '') where k > 1
    union
    select id from (select id, row_number() over (partition by invitation_id order by done, cast(id as text)) as k
      from c where invitation_id is not null) where k > 1),
  no_competitor as (select id from c where not exists (
    select 1 from response_offers o where o.response_id = c.id and o.known = 1 and o.offer_code <> @own))`;

function median(db: Db, studyId: number): number | null {
  const { n } = db.$client.prepare(`with ${COMPLETE} select count(*) as n from c`).get({ study: studyId }) as { n: number };
  if (n === 0) return null;
  const middle = db.$client
    .prepare(`with ${COMPLETE} select dur from c order by dur limit @take offset @skip`)
    .all({ study: studyId, take: n % 2 ? 1 : 2, skip: (n - 1) >> 1 }) as Array<{ dur: number }>;
  return middle.reduce((s, r) => s + r.dur, 0) / middle.length;
}

export type FlagCounts = FieldworkStats["flagged"];

/** Complete responses per flag and with any flag (one SQL statement). */
export function countFlags(db: Db, args: { studyId: number; ownOffer: string | null }): FlagCounts {
  const row = db.$client
    .prepare(
      `with ${FLAGS} select
         (select count(*) from speeder) as speeder, (select count(*) from straight_liner) as straight_liner,
         (select count(*) from duplicate) as duplicate, (select count(*) from no_competitor) as no_competitor,
         (select count(*) from (select id from speeder union select id from straight_liner union select id from duplicate
            union select id from no_competitor)) as any_flag`,
    )
    .get({ study: args.studyId, median: median(db, args.studyId), own: args.ownOffer ?? "" }) as Record<QualityFlag | "any_flag", number>;
  return { speeder: row.speeder, straight_liner: row.straight_liner, duplicate: row.duplicate, no_competitor: row.no_competitor, any: row.any_flag };
}

/**
 * Changes whenever the set of complete rating responses changes (the flags depend on nothing
 * else but the own offer): their count and the sum of their ids.
 */
export function completeSetVersion(db: Db, studyId: number): string {
  const row = db.$client.prepare(`with ${COMPLETE} select count(*) as n, coalesce(sum(id), 0) as s from c`).get({ study: studyId }) as { n: number; s: number };
  return `${row.n}:${row.s}`;
}

/**
 * The fieldwork dashboard's counts, each one SQL aggregate (no response is loaded). `flagged`
 * may be given (a cached `countFlags`), else it is counted.
 */
export function getFieldworkStats(db: Db, args: { studyId: number; ownOffer: string | null; flagged?: FlagCounts }): FieldworkStats {
  const sqlite = db.$client;
  const { studyId } = args;
  const status = sqlite
    .prepare(
      `select q.stage, r.status, r.screen_reason as reason, count(*) as n from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ? group by q.stage, r.status, r.screen_reason`,
    )
    .all(studyId) as Array<{ stage: "rating" | "focus_group"; status: "draft" | "complete" | "screened_out"; reason: string | null; n: number }>;
  const stats: FieldworkStats = {
    started: 0,
    inProgress: 0,
    complete: 0,
    screenedOut: { total: 0, screening: 0, quota_full: 0, closed: 0, other: 0 },
    flagged: { speeder: 0, straight_liner: 0, duplicate: 0, no_competitor: 0, any: 0 },
    review: { include: 0, exclude: 0 },
    focusGroup: { started: 0, complete: 0 },
    quotaCells: [],
    perDay: [],
    perWave: [],
  };
  for (const row of status) {
    if (row.stage === "focus_group") {
      stats.focusGroup.started += row.n;
      if (row.status === "complete") stats.focusGroup.complete += row.n;
      continue;
    }
    stats.started += row.n;
    if (row.status === "draft") stats.inProgress += row.n;
    else if (row.status === "complete") stats.complete += row.n;
    else {
      stats.screenedOut.total += row.n;
      const reason = row.reason === "screening" || row.reason === "quota_full" || row.reason === "closed" ? row.reason : "other";
      stats.screenedOut[reason] += row.n;
    }
  }
  stats.flagged = args.flagged ?? countFlags(db, args);
  stats.review = sqlite
    .prepare(`with ${COMPLETE} select count(*) filter (where review = 'include') as include, count(*) filter (where review = 'exclude') as exclude from c`)
    .get({ study: studyId }) as FieldworkStats["review"];
  stats.quotaCells = sqlite
    .prepare(
      `with ${COMPLETE} select qu.question_code as questionCode, qu.value, qu.target,
         (select count(*) from response_profile p where p.question_code = qu.question_code and p.value = qu.value
            and p.response_id in (select id from c where review is null or review <> 'exclude')) as complete
       from quotas qu where qu.study_id = @study order by qu.question_code, qu.id`,
    )
    .all({ study: studyId }) as FieldworkStats["quotaCells"];
  stats.perDay = sqlite
    .prepare(`with ${COMPLETE} select date(done / 1000, 'unixepoch') as day, count(*) as complete from c group by day order by day`)
    .all({ study: studyId }) as FieldworkStats["perDay"];
  stats.perWave = sqlite
    .prepare(
      `select r.wave, count(*) as started, sum(r.status = 'complete') as complete, sum(r.status = 'screened_out') as screenedOut
       from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ? and q.stage = 'rating' group by r.wave order by r.wave`,
    )
    .all(studyId) as FieldworkStats["perWave"];
  return stats;
}

/** Ids of the flagged complete responses per flag (the responses list filters on them). */
export function listFlaggedIds(db: Db, args: { studyId: number; ownOffer: string | null }): Map<number, QualityFlag[]> {
  const rows = db.$client
    .prepare(
      `with ${FLAGS}
       select id, 'speeder' as flag from speeder union all select id, 'straight_liner' from straight_liner
       union all select id, 'duplicate' from duplicate union all select id, 'no_competitor' from no_competitor`,
    )
    .all({ study: args.studyId, median: median(db, args.studyId), own: args.ownOffer ?? "" }) as Array<{ id: number; flag: QualityFlag }>;
  const out = new Map<number, QualityFlag[]>();
  const order: QualityFlag[] = ["speeder", "straight_liner", "duplicate", "no_competitor"];
  for (const r of rows) (out.get(r.id) ?? out.set(r.id, []).get(r.id)!).push(r.flag);
  for (const list of out.values()) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}
