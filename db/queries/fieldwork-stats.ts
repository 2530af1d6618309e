import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import type { QualityFlag } from "../../analysis/data-quality";
import type { Stage } from "../../surveys/stage";
import { HOLDS_QUOTA_PLACE } from "./responses";

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
  /** Complete responses holding a place per quota cell (the runtime's rule, HOLDS_QUOTA_PLACE in db/queries/responses.ts). */
  quotaCells: Array<{ questionCode: string; value: string; target: number; complete: number }>;
  /** Completions per UTC day (YYYY-MM-DD), oldest first. */
  perDay: Array<{ day: string; complete: number }>;
  perWave: Array<{ wave: number; started: number; complete: number; screenedOut: number }>;
}

/** Complete rating-stage responses of the study with the fields the flags need (a CTE named c). */
const complete = (studyId: number) => sql`c as (select r.id, coalesce(r.completed_at, r.started_at) as done,
    coalesce(r.completed_at, r.started_at) - r.started_at as dur, r.min_duration_ms, r.device_id, r.invitation_id, r.review,
    case when ${HOLDS_QUOTA_PLACE} then 1 else 0 end as holds_place
  from responses r join questionnaires q on q.id = r.questionnaire_id
  where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete')`;

/**
 * The flags in SQL, mirroring flagResponses: speeder (duration under a third of the median, or
 * under the response's own floor `min_duration_ms`),
 * straight-liner (every offer rated on 3+ attributes got one score throughout), duplicate (an
 * earlier completion from the same device cookie or invitation), no competitor (knows no offer
 * but the own one).
 */
const flags = (args: { studyId: number; median: number | null; own: string }) => sql`${complete(args.studyId)},
  speeder as (select id from c where ${args.median === null ? sql`1 = 0` : sql`dur < cast(${args.median / 3} as double precision)`}
    or (min_duration_ms is not null and dur < min_duration_ms)),
  straight_liner as (select response_id as id from (
      select response_id, case when min(score) = max(score) then 1 else 0 end as flat from response_ratings
      where response_id in (select id from c) group by response_id, offer_code having count(*) >= 3) per_offer
    group by response_id having min(flat) = 1),
  duplicate as (
    select id from (select id, row_number() over (partition by device_id order by done, cast(id as text)) as k
      from c where device_id is not null and device_id <> '') by_device where k > 1
    union
    select id from (select id, row_number() over (partition by invitation_id order by done, cast(id as text)) as k
      from c where invitation_id is not null) by_invitation where k > 1),
  no_competitor as (select id from c where not exists (
    select 1 from response_offers o where o.response_id = c.id and o.known and o.offer_code <> ${args.own}))`;

async function median(db: Db, studyId: number): Promise<number | null> {
  const [count] = await db.rows<{ n: number }>(sql`with ${complete(studyId)} select cast(count(*) as integer) as "n" from c`);
  const n = Number(count?.n ?? 0);
  if (n === 0) return null;
  const middle = await db.rows<{ dur: number }>(
    sql`with ${complete(studyId)} select dur from c order by dur limit ${n % 2 ? 1 : 2} offset ${(n - 1) >> 1}`,
  );
  return middle.reduce((s, r) => s + Number(r.dur), 0) / middle.length;
}

export type FlagCounts = FieldworkStats["flagged"];

async function flagQuery(db: Db, args: { studyId: number; ownOffer: string | null }): Promise<SQL> {
  return flags({ studyId: args.studyId, median: await median(db, args.studyId), own: args.ownOffer ?? "" });
}

/** Complete responses per flag and with any flag (one SQL statement). */
export async function countFlags(db: Db, args: { studyId: number; ownOffer: string | null }): Promise<FlagCounts> {
  const [row] = await db.rows<Record<QualityFlag | "any_flag", number>>(
    sql`with ${await flagQuery(db, args)} select
         (select cast(count(*) as integer) from speeder) as "speeder", (select cast(count(*) as integer) from straight_liner) as "straight_liner",
         (select cast(count(*) as integer) from duplicate) as "duplicate", (select cast(count(*) as integer) from no_competitor) as "no_competitor",
         (select cast(count(*) as integer) from (select id from speeder union select id from straight_liner union select id from duplicate
            union select id from no_competitor) flagged) as "any_flag"`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  return { speeder: n(row?.speeder), straight_liner: n(row?.straight_liner), duplicate: n(row?.duplicate), no_competitor: n(row?.no_competitor), any: n(row?.any_flag) };
}

/**
 * Changes whenever the set of complete rating responses changes (the flags depend on nothing
 * else but the own offer): their count and the sum of their ids.
 */
export async function completeSetVersion(db: Db, studyId: number): Promise<string> {
  const [row] = await db.rows<{ n: number; s: number }>(
    sql`with ${complete(studyId)} select cast(count(*) as integer) as "n", cast(coalesce(sum(id), 0) as bigint) as "s" from c`,
  );
  return `${row?.n ?? 0}:${row?.s ?? 0}`;
}

const DAY_MS = 86_400_000;

/**
 * The fieldwork dashboard's counts, each one SQL aggregate (no response is loaded). `flagged`
 * may be given (a cached `countFlags`), else it is counted.
 */
export async function getFieldworkStats(db: Db, args: { studyId: number; ownOffer: string | null; flagged?: FlagCounts }): Promise<FieldworkStats> {
  const { studyId } = args;
  const status = await db.rows<{ stage: Stage; status: "draft" | "complete" | "screened_out"; reason: string | null; n: number }>(
    sql`select q.stage, r.status, r.screen_reason as "reason", cast(count(*) as integer) as "n" from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ${studyId} group by q.stage, r.status, r.screen_reason`,
  );
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
    const n = Number(row.n);
    if (row.stage === "focus_group") {
      stats.focusGroup.started += n;
      if (row.status === "complete") stats.focusGroup.complete += n;
      continue;
    }
    stats.started += n;
    if (row.status === "draft") stats.inProgress += n;
    else if (row.status === "complete") stats.complete += n;
    else {
      stats.screenedOut.total += n;
      const reason = row.reason === "screening" || row.reason === "quota_full" || row.reason === "closed" ? row.reason : "other";
      stats.screenedOut[reason] += n;
    }
  }
  stats.flagged = args.flagged ?? (await countFlags(db, args));
  const [review] = await db.rows<FieldworkStats["review"]>(
    sql`with ${complete(studyId)} select cast(count(*) filter (where review = 'include') as integer) as "include",
      cast(count(*) filter (where review = 'exclude') as integer) as "exclude" from c`,
  );
  stats.review = { include: Number(review?.include ?? 0), exclude: Number(review?.exclude ?? 0) };
  stats.quotaCells = (
    await db.rows<FieldworkStats["quotaCells"][number]>(
      sql`with ${complete(studyId)} select qu.question_code as "questionCode", qu.value, qu.target,
         (select cast(count(*) as integer) from response_profile p where p.question_code = qu.question_code and p.value = qu.value
            and p.response_id in (select id from c where holds_place = 1)) as "complete"
       from quotas qu where qu.study_id = ${studyId} order by qu.question_code, qu.id`,
    )
  ).map((c) => ({ ...c, complete: Number(c.complete) }));
  // Days as whole days since the epoch (UTC), named in JS: no date function differs between engines.
  stats.perDay = (
    await db.rows<{ dayNo: number; complete: number }>(
      sql`with ${complete(studyId)} select cast(done / 86400000 as integer) as "dayNo", cast(count(*) as integer) as "complete"
        from c group by cast(done / 86400000 as integer) order by 1`,
    )
  ).map((r) => ({ day: new Date(Number(r.dayNo) * DAY_MS).toISOString().slice(0, 10), complete: Number(r.complete) }));
  stats.perWave = (
    await db.rows<FieldworkStats["perWave"][number]>(
      sql`select r.wave, cast(count(*) as integer) as "started", cast(count(*) filter (where r.status = 'complete') as integer) as "complete",
         cast(count(*) filter (where r.status = 'screened_out') as integer) as "screenedOut"
       from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ${studyId} and q.stage = 'rating' group by r.wave order by r.wave`,
    )
  ).map((w) => ({ wave: w.wave, started: Number(w.started), complete: Number(w.complete), screenedOut: Number(w.screenedOut) }));
  return stats;
}

/** Ids of the flagged complete responses per flag (the responses list filters on them). */
export async function listFlaggedIds(db: Db, args: { studyId: number; ownOffer: string | null }): Promise<Map<number, QualityFlag[]>> {
  const rows = await db.rows<{ id: number; flag: QualityFlag }>(
    sql`with ${await flagQuery(db, args)}
       select id, 'speeder' as "flag" from speeder union all select id, 'straight_liner' from straight_liner
       union all select id, 'duplicate' from duplicate union all select id, 'no_competitor' from no_competitor`,
  );
  const out = new Map<number, QualityFlag[]>();
  const order: QualityFlag[] = ["speeder", "straight_liner", "duplicate", "no_competitor"];
  for (const r of rows) (out.get(r.id) ?? out.set(r.id, []).get(r.id)!).push(r.flag);
  for (const list of out.values()) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}
