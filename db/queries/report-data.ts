import type { Db } from "../client";
import { prepared } from "../prepared";

/**
 * The version of everything the report's computed figures depend on: the study row (its
 * updated_at moves with every edit), the offers and attributes as analysed (codes, own, kind,
 * direction, group, share), and the set of complete rating-stage responses with the
 * researcher's include/exclude decisions. A response completing, a review decision, or an edit
 * of the study changes the string; equal strings mean the same analysis input. Cheap: one pass
 * over the study's responses (an index range) and its few offers and attributes.
 */
export function reportDataVersion(db: Db, studyId: number): string {
  const responses = prepared(
    db,
    `select count(*) as n, coalesce(max(r.id), 0) as maxId, coalesce(sum(r.id), 0) as sumId,
       coalesce(sum(case r.review when 'include' then r.id when 'exclude' then -r.id else 0 end), 0) as review,
       coalesce(sum(case when r.review is null then 0 else 1 end), 0) as reviewed
     from responses r join questionnaires q on q.id = r.questionnaire_id
     where q.study_id = ? and q.stage = 'rating' and r.status = 'complete'`,
  ).get(studyId) as { n: number; maxId: number; sumId: number; review: number; reviewed: number };
  const study = prepared(db, "select updated_at as updatedAt, coalesce(stated_weights_json, '') as stated from studies where id = ?").get(studyId) as
    | { updatedAt: number; stated: string }
    | undefined;
  const offers = prepared(
    db,
    `select coalesce(group_concat(code || ':' || is_own || ':' || coalesce(market_share, ''), ','), '') as v
     from (select * from offers where study_id = ? order by sort, id)`,
  ).get(studyId) as { v: string };
  const attributes = prepared(
    db,
    `select coalesce(group_concat(code || ':' || kind || ':' || direction || ':' || coalesce(group_name, ''), ','), '') as v
     from (select * from attributes where study_id = ? order by sort, id)`,
  ).get(studyId) as { v: string };
  return [
    studyId,
    study?.updatedAt ?? 0,
    study?.stated ?? "",
    responses.n,
    responses.maxId,
    responses.sumId,
    responses.review,
    responses.reviewed,
    offers.v,
    attributes.v,
  ].join("|");
}

/** The waves that have complete rating-stage responses, ascending. */
export function listResponseWaves(db: Db, studyId: number): number[] {
  return (
    prepared(
      db,
      `select distinct r.wave as wave from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ? and q.stage = 'rating' and r.status = 'complete' order by r.wave`,
    ).all(studyId) as Array<{ wave: number }>
  ).map((r) => r.wave);
}
