import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { bool } from "../sql";
import type { Stage } from "../../surveys/stage";

export type ResponseStatus = "draft" | "complete" | "screened_out";
export interface ResponseListRow {
  id: number;
  stage: Stage;
  version: number;
  status: ResponseStatus;
  screenReason: string | null;
  review: "include" | "exclude" | null;
  wave: number;
  locale: string;
  startedAt: number;
  completedAt: number | null;
  invitationLabel: string | null;
  profile: Record<string, string>;
}

/** The study's responses, optionally of one status and one stage (the conditions are left out when not filtered). */
function from(args: { studyId: number; status: ResponseStatus | null; stage: Stage | null }) {
  const status = args.status === null ? sql`` : sql` and r.status = ${args.status}`;
  const stage = args.stage === null ? sql`` : sql` and q.stage = ${args.stage}`;
  return sql`from responses r join questionnaires q on q.id = r.questionnaire_id
  left join respondent_invitations i on i.id = r.invitation_id
  where q.study_id = ${args.studyId}${status}${stage}`;
}

/** One page of a study's responses, newest first, with their profile answers. */
export async function listResponsesPage(
  db: Db,
  args: { studyId: number; status: ResponseStatus | null; stage: Stage | null; limit: number; offset: number },
): Promise<{ total: number; rows: ResponseListRow[] }> {
  const [count] = await db.rows<{ total: number }>(sql`select cast(count(*) as integer) as "total" ${from(args)}`);
  const rows = (
    await db.rows<Omit<ResponseListRow, "profile">>(
      sql`select r.id, q.stage, q.version, r.status, r.screen_reason as "screenReason", r.review, r.wave, r.locale,
           r.started_at as "startedAt", r.completed_at as "completedAt", i.label as "invitationLabel"
         ${from(args)} order by r.id desc limit ${args.limit} offset ${args.offset}`,
    )
  ).map((r) => ({ ...r, profile: {} as Record<string, string> }));
  if (rows.length) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const profile = await db.rows<{ id: number; code: string; value: string }>(
      sql`select response_id as "id", question_code as "code", value from response_profile where response_id in ${rows.map((r) => r.id)}`,
    );
    for (const p of profile) byId.get(p.id)!.profile[p.code] = p.value;
  }
  return { total: Number(count?.total ?? 0), rows };
}

export interface ResponseDetail extends Omit<ResponseListRow, "profile"> {
  profile: Record<string, string>;
  qualityShare: number | null;
  answersJson: string;
  ratings: Array<{ offerCode: string; attributeCode: string; score: number }>;
  weights: Array<{ attributeCode: string; weight: number }>;
  offers: Array<{ offerCode: string; known: boolean; worth: number | null; overall: number | null; chose: boolean; considered: boolean }>;
  suggestions: Array<{ text: string; weight: number | null }>;
}

/** One response of the study with every stored answer, or null (another study's response is not found). */
export async function getResponseDetail(db: Db, args: { studyId: number; responseId: number }): Promise<ResponseDetail | null> {
  const [row] = await db.rows<Omit<ResponseDetail, "profile" | "ratings" | "weights" | "offers" | "suggestions">>(
    sql`select r.id, q.stage, q.version, r.status, r.screen_reason as "screenReason", r.review, r.wave, r.locale,
         r.started_at as "startedAt", r.completed_at as "completedAt", i.label as "invitationLabel", r.quality_share as "qualityShare",
         r.answers_json as "answersJson"
       from responses r join questionnaires q on q.id = r.questionnaire_id left join respondent_invitations i on i.id = r.invitation_id
       where q.study_id = ${args.studyId} and r.id = ${args.responseId}`,
  );
  if (!row) return null;
  const id = row.id;
  const profile: Record<string, string> = {};
  for (const p of await db.rows<{ code: string; value: string }>(
    sql`select question_code as "code", value from response_profile where response_id = ${id}`,
  )) {
    profile[p.code] = p.value;
  }
  const offers = await db.rows<{ offerCode: string; known: unknown; worth: number | null; overall: number | null; chose: unknown; considered: unknown }>(
    sql`select offer_code as "offerCode", known, worth, overall, chose, considered from response_offers where response_id = ${id} order by position`,
  );
  return {
    ...row,
    profile,
    ratings: await db.rows<ResponseDetail["ratings"][number]>(
      sql`select offer_code as "offerCode", attribute_code as "attributeCode", score from response_ratings where response_id = ${id}
        order by offer_code, attribute_code`,
    ),
    weights: await db.rows<ResponseDetail["weights"][number]>(
      sql`select attribute_code as "attributeCode", weight from response_weights where response_id = ${id} order by attribute_code`,
    ),
    offers: offers.map((o) => ({ ...o, known: bool(o.known), chose: bool(o.chose), considered: bool(o.considered) })),
    suggestions: await db.rows<ResponseDetail["suggestions"][number]>(
      sql`select text, weight from response_suggestions where response_id = ${id} order by position`,
    ),
  };
}

/** The researcher's include/exclude decision (null: follow the flags); false when not the study's response. */
export async function setResponseReview(db: Db, args: { studyId: number; responseId: number; review: "include" | "exclude" | null }): Promise<boolean> {
  const changed = await db.run(
    sql`update responses set review = ${args.review} where id = ${args.responseId}
      and questionnaire_id in (select id from questionnaires where study_id = ${args.studyId})`,
  );
  return changed === 1;
}
