import type { Db } from "../client";
import { flagResponses, type QualityFlag } from "../../analysis/data-quality";

/** A complete rating-stage response with everything the report, the exports and the dashboard use. */
export interface AnalysisRespondent {
  id: number;
  clientId: string;
  questionnaireVersion: number;
  wave: number;
  locale: string;
  qualityShare: number | null;
  /** attribute code -> points as given (each kind sums to 100). */
  weights: Record<string, number>;
  /** offer code -> attribute code -> score 1..10 (don't know and unknown offers absent). */
  ratings: Record<string, Record<string, number>>;
  /** Offers known, in the respondent's order. */
  known: string[];
  /** offer code -> overall quality 1..10. */
  overall: Record<string, number>;
  /** offer code -> worth what paid 1..10. */
  worth: Record<string, number>;
  /** Offer bought last time, if any. */
  chose: string | null;
  considered: string[];
  /** profile question code -> choice code or text. */
  profile: Record<string, string>;
  deviceId: string | null;
  invitationId: number | null;
  review: "include" | "exclude" | null;
  startedAt: number;
  completedAt: number;
  flags: QualityFlag[];
}

const STUDY_RESPONSES = `select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
  where q.study_id = ? and q.stage = 'rating' and r.status = 'complete'`;

/**
 * Every complete rating-stage response of a study (all questionnaire versions and waves), in id
 * order, with its data-quality flags computed over the study's complete responses. One pass per
 * answer table keeps this linear in the number of ratings.
 */
export function listAnalysisRespondents(db: Db, studyId: number, ownOffer: string | null): AnalysisRespondent[] {
  const sqlite = db.$client;
  const rows = sqlite
    .prepare(
      `select r.id, r.client_id as clientId, q.version as questionnaireVersion, r.wave, r.locale,
         r.quality_share as qualityShare, r.device_id as deviceId, r.invitation_id as invitationId,
         r.review, r.started_at as startedAt, r.completed_at as completedAt
       from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ? and q.stage = 'rating' and r.status = 'complete' order by r.id`,
    )
    .all(studyId) as Array<
    Omit<AnalysisRespondent, "weights" | "ratings" | "known" | "overall" | "worth" | "chose" | "considered" | "profile" | "flags">
  >;
  const byId = new Map<number, AnalysisRespondent>();
  for (const r of rows) {
    byId.set(r.id, {
      ...r,
      completedAt: r.completedAt ?? r.startedAt,
      weights: {},
      ratings: {},
      known: [],
      overall: {},
      worth: {},
      chose: null,
      considered: [],
      profile: {},
      flags: [],
    });
  }
  if (byId.size === 0) return [];
  const each = <T>(query: string, visit: (row: T, respondent: AnalysisRespondent) => void) => {
    for (const row of sqlite.prepare(query).iterate(studyId) as IterableIterator<T & { responseId: number }>) {
      const respondent = byId.get(row.responseId);
      if (respondent) visit(row, respondent);
    }
  };
  each<{ attributeCode: string; weight: number }>(
    `select response_id as responseId, attribute_code as attributeCode, weight from response_weights
     where response_id in (${STUDY_RESPONSES})`,
    (w, r) => (r.weights[w.attributeCode] = w.weight),
  );
  each<{ offerCode: string; attributeCode: string; score: number }>(
    `select response_id as responseId, offer_code as offerCode, attribute_code as attributeCode, score from response_ratings
     where response_id in (${STUDY_RESPONSES})`,
    (x, r) => ((r.ratings[x.offerCode] ??= {})[x.attributeCode] = x.score),
  );
  each<{ offerCode: string; known: number; worth: number | null; overall: number | null; chose: number; considered: number }>(
    `select response_id as responseId, offer_code as offerCode, known, worth, overall, chose, considered from response_offers
     where response_id in (${STUDY_RESPONSES}) order by response_id, position`,
    (o, r) => {
      if (o.known) r.known.push(o.offerCode);
      if (o.overall !== null) r.overall[o.offerCode] = o.overall;
      if (o.worth !== null) r.worth[o.offerCode] = o.worth;
      if (o.chose) r.chose = o.offerCode;
      if (o.considered) r.considered.push(o.offerCode);
    },
  );
  each<{ questionCode: string; value: string }>(
    `select response_id as responseId, question_code as questionCode, value from response_profile
     where response_id in (${STUDY_RESPONSES})`,
    (p, r) => (r.profile[p.questionCode] = p.value),
  );
  const respondents = [...byId.values()];
  const flags = flagResponses(
    respondents.map((r) => ({
      id: String(r.id),
      durationMs: r.completedAt - r.startedAt,
      completedAt: r.completedAt,
      ratings: r.ratings,
      known: r.known,
      deviceId: r.deviceId,
      invitationId: r.invitationId,
    })),
    { ownId: ownOffer ?? "" },
  );
  for (const r of respondents) r.flags = flags.get(String(r.id)) ?? [];
  return respondents;
}
