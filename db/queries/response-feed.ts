import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { bool } from "../sql";

/** A finished response as the API lists it (its answers in the export's terms). */
export interface FeedResponse {
  seq: number;
  id: number;
  status: "complete" | "screened_out";
  screenReason: string | null;
  stage: "rating" | "focus_group";
  questionnaireVersion: number;
  wave: number;
  locale: string;
  review: "include" | "exclude" | null;
  rid: string | null;
  origin: "web" | "test" | "imported";
  qualityShare: number | null;
  startedAt: number;
  completedAt: number | null;
  weights: Record<string, number>;
  ratings: Record<string, Record<string, number>>;
  offers: Record<string, { known: boolean; worth: number | null; overall: number | null; chose: boolean; considered: boolean }>;
  profile: Record<string, string>;
}

/**
 * Up to `limit` finished responses of the study after feed position `since`, in feed order
 * (commit order: see response_feed in db/schema.ts), with their answers. On PostgreSQL the
 * responses finished since the last read get their places first (vm_feed_sequence, its own
 * transaction unless inside the caller's: migration 0012_feed_sequencer).
 */
export async function listFeedPage(db: Db, args: { studyId: number; since: number; limit: number }): Promise<FeedResponse[]> {
  if (db.engine === "postgres") await db.rows(sql`select vm_feed_sequence(${args.studyId}) as "placed"`);
  const rows = await db.rows<Omit<FeedResponse, "weights" | "ratings" | "offers" | "profile">>(
    sql`select f.seq, r.id, r.status, r.screen_reason as "screenReason", q.stage, q.version as "questionnaireVersion", r.wave, r.locale,
          r.review, r.respondent_ref as "rid", r.origin, r.quality_share as "qualityShare", r.started_at as "startedAt", r.completed_at as "completedAt"
        from response_feed f join responses r on r.id = f.response_id join questionnaires q on q.id = r.questionnaire_id
        where f.study_id = ${args.studyId} and f.seq > ${args.since} order by f.seq limit ${args.limit}`,
  );
  const out: FeedResponse[] = rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    wave: Number(r.wave),
    startedAt: Number(r.startedAt),
    completedAt: r.completedAt === null ? null : Number(r.completedAt),
    weights: {},
    ratings: {},
    offers: {},
    profile: {},
  }));
  if (out.length === 0) return out;
  const byId = new Map(out.map((r) => [r.id, r]));
  const ids = [...byId.keys()];
  const { responseWeights, responseRatings, responseOffers, responseProfile } = db.t;
  for (const w of await db.q.select().from(responseWeights).where(inArray(responseWeights.responseId, ids))) {
    byId.get(w.responseId)!.weights[w.attributeCode] = w.weight;
  }
  for (const r of await db.q.select().from(responseRatings).where(inArray(responseRatings.responseId, ids))) {
    (byId.get(r.responseId)!.ratings[r.offerCode] ??= {})[r.attributeCode] = r.score;
  }
  for (const o of await db.q.select().from(responseOffers).where(inArray(responseOffers.responseId, ids))) {
    byId.get(o.responseId)!.offers[o.offerCode] = { known: bool(o.known), worth: o.worth, overall: o.overall, chose: bool(o.chose), considered: bool(o.considered) };
  }
  for (const p of await db.q.select().from(responseProfile).where(inArray(responseProfile.responseId, ids))) {
    byId.get(p.responseId)!.profile[p.questionCode] = p.value;
  }
  return out;
}
