import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { bool } from "../sql";
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

/** Respondents whose answer rows are read per query: bounds the rows held at once on large studies. */
const RESPONDENTS_PER_READ = 1000;

/**
 * Every complete rating-stage response of a study (all questionnaire versions and waves), in id
 * order, with its data-quality flags computed over the study's complete responses. One pass per
 * answer table keeps this linear in the number of ratings; the answer rows are read for a
 * thousand responses at a time (primary-key lookups), so a large study is never one result set.
 */
export async function listAnalysisRespondents(db: Db, studyId: number, ownOffer: string | null): Promise<AnalysisRespondent[]> {
  const rows = await db.rows<
    Omit<AnalysisRespondent, "weights" | "ratings" | "known" | "overall" | "worth" | "chose" | "considered" | "profile" | "flags">
  >(
    sql`select r.id, r.client_id as "clientId", q.version as "questionnaireVersion", r.wave, r.locale,
         r.quality_share as "qualityShare", r.device_id as "deviceId", r.invitation_id as "invitationId",
         r.review, r.started_at as "startedAt", r.completed_at as "completedAt"
       from responses r join questionnaires q on q.id = r.questionnaire_id
       where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete' order by r.id`,
  );
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
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += RESPONDENTS_PER_READ) {
    const range = sql`response_id in ${ids.slice(i, i + RESPONDENTS_PER_READ)}`;
    for (const w of await db.rows<{ responseId: number; attributeCode: string; weight: number }>(
      sql`select response_id as "responseId", attribute_code as "attributeCode", weight from response_weights where ${range}`,
    )) {
      byId.get(w.responseId)!.weights[w.attributeCode] = w.weight;
    }
    for (const x of await db.rows<{ responseId: number; offerCode: string; attributeCode: string; score: number }>(
      sql`select response_id as "responseId", offer_code as "offerCode", attribute_code as "attributeCode", score from response_ratings where ${range}`,
    )) {
      (byId.get(x.responseId)!.ratings[x.offerCode] ??= {})[x.attributeCode] = x.score;
    }
    for (const o of await db.rows<{ responseId: number; offerCode: string; known: unknown; worth: number | null; overall: number | null; chose: unknown; considered: unknown }>(
      sql`select response_id as "responseId", offer_code as "offerCode", known, worth, overall, chose, considered from response_offers
        where ${range} order by response_id, position`,
    )) {
      const r = byId.get(o.responseId)!;
      if (bool(o.known)) r.known.push(o.offerCode);
      if (o.overall !== null) r.overall[o.offerCode] = o.overall;
      if (o.worth !== null) r.worth[o.offerCode] = o.worth;
      if (bool(o.chose)) r.chose = o.offerCode;
      if (bool(o.considered)) r.considered.push(o.offerCode);
    }
    for (const p of await db.rows<{ responseId: number; questionCode: string; value: string }>(
      sql`select response_id as "responseId", question_code as "questionCode", value from response_profile where ${range}`,
    )) {
      byId.get(p.responseId)!.profile[p.questionCode] = p.value;
    }
  }
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
