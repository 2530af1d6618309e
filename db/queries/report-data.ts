import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { bool } from "../sql";

/**
 * The version of everything the report's computed figures depend on: the study row (its
 * updated_at moves with every edit), the offers and attributes as analysed (codes, own, kind,
 * group, cost group, share), and the set of complete rating-stage responses with the
 * researcher's include/exclude decisions. A response completing, a review decision, or an edit
 * of the study changes the string; equal strings mean the same analysis input. Cheap: one pass
 * over the study's responses (an index range) and its few offers and attributes.
 */
export async function reportDataVersion(db: Db, studyId: number): Promise<string> {
  const [responses] = await db.rows<{ n: number; maxId: number; sumId: number; review: number; reviewed: number }>(
    sql`select cast(count(*) as integer) as "n", coalesce(max(r.id), 0) as "maxId", cast(coalesce(sum(r.id), 0) as bigint) as "sumId",
       cast(coalesce(sum(case r.review when 'include' then r.id when 'exclude' then -r.id else 0 end), 0) as bigint) as "review",
       cast(coalesce(sum(case when r.review is null then 0 else 1 end), 0) as integer) as "reviewed"
     from responses r join questionnaires q on q.id = r.questionnaire_id
     where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete'`,
  );
  const [study] = await db.rows<{ updatedAt: number; stated: string }>(
    sql`select updated_at as "updatedAt", coalesce(stated_weights_json, '') as "stated" from studies where id = ${studyId}`,
  );
  const offers = await db.rows<{ code: string; isOwn: unknown; marketShare: number | null }>(
    sql`select code, is_own as "isOwn", market_share as "marketShare" from offers where study_id = ${studyId} order by sort, id`,
  );
  const attributes = await db.rows<{ code: string; kind: string; groupName: string | null; costGroup: string }>(
    sql`select code, kind, group_name as "groupName", cost_group as "costGroup" from attributes where study_id = ${studyId} order by sort, id`,
  );
  return [
    studyId,
    study?.updatedAt ?? 0,
    study?.stated ?? "",
    responses?.n ?? 0,
    responses?.maxId ?? 0,
    responses?.sumId ?? 0,
    responses?.review ?? 0,
    responses?.reviewed ?? 0,
    offers.map((o) => `${o.code}:${bool(o.isOwn) ? 1 : 0}:${o.marketShare ?? ""}`).join(","),
    attributes.map((a) => `${a.code}:${a.kind}:${a.groupName ?? ""}:${a.costGroup}`).join(","),
  ].join("|");
}

/** The waves that have complete rating-stage responses, ascending. */
export async function listResponseWaves(db: Db, studyId: number): Promise<number[]> {
  const rows = await db.rows<{ wave: number }>(
    sql`select distinct r.wave as "wave" from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete' order by r.wave`,
  );
  return rows.map((r) => r.wave);
}

/**
 * Every complete rating-stage response of the study as (id, the researcher's decision), in id
 * order: what the report's respondent store compares with what it holds (one index pass, no answers).
 */
export async function listCompleteReviews(db: Db, studyId: number): Promise<Array<{ id: number; review: "include" | "exclude" | null }>> {
  const rows = await db.rows<{ id: number; review: "include" | "exclude" | null }>(
    sql`select r.id as "id", r.review as "review" from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete' order by r.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), review: r.review }));
}
