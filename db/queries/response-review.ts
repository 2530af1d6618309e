import type { Db } from "../client";

export type ResponseStatus = "draft" | "complete" | "screened_out";
export interface ResponseListRow {
  id: number;
  stage: "rating" | "focus_group";
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

const FROM = `from responses r join questionnaires q on q.id = r.questionnaire_id
  left join respondent_invitations i on i.id = r.invitation_id
  where q.study_id = @study and (@status is null or r.status = @status) and (@stage is null or q.stage = @stage)`;

/** One page of a study's responses, newest first, with their profile answers. */
export function listResponsesPage(
  db: Db,
  args: { studyId: number; status: ResponseStatus | null; stage: "rating" | "focus_group" | null; limit: number; offset: number },
): { total: number; rows: ResponseListRow[] } {
  const sqlite = db.$client;
  const { total } = sqlite.prepare(`select count(*) as total ${FROM}`).get({ study: args.studyId, status: args.status, stage: args.stage }) as { total: number };
  const rows = (
    sqlite
      .prepare(
        `select r.id, q.stage, q.version, r.status, r.screen_reason as screenReason, r.review, r.wave, r.locale,
           r.started_at as startedAt, r.completed_at as completedAt, i.label as invitationLabel
         ${FROM} order by r.id desc limit @limit offset @offset`,
      )
      .all({ study: args.studyId, status: args.status, stage: args.stage, limit: args.limit, offset: args.offset }) as Array<Omit<ResponseListRow, "profile">>
  ).map((r) => ({ ...r, profile: {} as Record<string, string> }));
  if (rows.length) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ids = rows.map((r) => r.id);
    const profile = sqlite
      .prepare(`select response_id as id, question_code as code, value from response_profile where response_id in (${ids.map(() => "?").join(",")})`)
      .all(...ids) as Array<{ id: number; code: string; value: string }>;
    for (const p of profile) byId.get(p.id)!.profile[p.code] = p.value;
  }
  return { total, rows };
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
export function getResponseDetail(db: Db, args: { studyId: number; responseId: number }): ResponseDetail | null {
  const sqlite = db.$client;
  const row = sqlite
    .prepare(
      `select r.id, q.stage, q.version, r.status, r.screen_reason as screenReason, r.review, r.wave, r.locale,
         r.started_at as startedAt, r.completed_at as completedAt, i.label as invitationLabel, r.quality_share as qualityShare,
         r.answers_json as answersJson
       from responses r join questionnaires q on q.id = r.questionnaire_id left join respondent_invitations i on i.id = r.invitation_id
       where q.study_id = ? and r.id = ?`,
    )
    .get(args.studyId, args.responseId) as Omit<ResponseDetail, "profile" | "ratings" | "weights" | "offers" | "suggestions"> | undefined;
  if (!row) return null;
  const id = row.id;
  const profile: Record<string, string> = {};
  for (const p of sqlite.prepare(`select question_code as code, value from response_profile where response_id = ?`).all(id) as Array<{
    code: string;
    value: string;
  }>) {
    profile[p.code] = p.value;
  }
  return {
    ...row,
    profile,
    ratings: sqlite
      .prepare(`select offer_code as offerCode, attribute_code as attributeCode, score from response_ratings where response_id = ? order by offer_code, attribute_code`)
      .all(id) as ResponseDetail["ratings"],
    weights: sqlite
      .prepare(`select attribute_code as attributeCode, weight from response_weights where response_id = ? order by attribute_code`)
      .all(id) as ResponseDetail["weights"],
    offers: (
      sqlite
        .prepare(
          `select offer_code as offerCode, known, worth, overall, chose, considered from response_offers where response_id = ? order by position`,
        )
        .all(id) as Array<{ offerCode: string; known: number; worth: number | null; overall: number | null; chose: number; considered: number }>
    ).map((o) => ({ ...o, known: o.known === 1, chose: o.chose === 1, considered: o.considered === 1 })),
    suggestions: sqlite.prepare(`select text, weight from response_suggestions where response_id = ? order by position`).all(id) as ResponseDetail["suggestions"],
  };
}

/** The researcher's include/exclude decision (null: follow the flags); false when not the study's response. */
export function setResponseReview(db: Db, args: { studyId: number; responseId: number; review: "include" | "exclude" | null }): boolean {
  return (
    db.$client
      .prepare(
        `update responses set review = ? where id = ? and questionnaire_id in (select id from questionnaires where study_id = ?)`,
      )
      .run(args.review, args.responseId, args.studyId).changes === 1
  );
}
