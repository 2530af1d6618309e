import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { flagResponses, type QualityFlag, type QualityInput } from "../../analysis/data-quality";
import { readAnalysisRespondentsSqlite } from "./analysis-respondents-sqlite";

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
  /** MaxDiff tasks answered (kind, items shown, most and least important), by kind and task. */
  maxDiff: Array<{ kind: "quality" | "price"; items: string[]; best: string; worst: string }>;
  /** Van Westendorp's four prices and the likelihoods (1..5, null when not asked); null without the block. */
  prices: { tooCheap: number; cheap: number; expensive: number; tooExpensive: number; likelihoodCheap: number | null; likelihoodExpensive: number | null } | null;
  /** Gabor–Granger answers by ascending price. */
  ladder: Array<{ price: number; buy: boolean }>;
  deviceId: string | null;
  invitationId: number | null;
  /** the customer of the study's transactions whose invitation brought this response, if any */
  customerId: string | null;
  review: "include" | "exclude" | null;
  startedAt: number;
  completedAt: number;
  /** The least plausible completion time set at completion (null before it was recorded). */
  minDurationMs: number | null;
  flags: QualityFlag[];
}

/**
 * One row per complete rating-stage response of the study, its answer rows packed by SQL into
 * one JSON document (SQLite's json_group_object, PostgreSQL's json_object_agg) (weights, ratings by offer, offers in the respondent's order, profile,
 * MaxDiff tasks, Van Westendorp's prices, Gabor–Granger answers): far
 * fewer rows cross into JavaScript than one per rating, and JSON.parse is native. Reading one
 * row per rating made reading cost more than the whole analysis (bench/report.ts).
 */
function packedQuery(db: Db, studyId: number, ids?: readonly number[]): SQL {
  const answers =
    db.engine === "postgres"
      ? sql`json_build_object(
      'w', (select json_object_agg(w.attribute_code, w.weight) from response_weights w where w.response_id = r.id),
      'r', (select json_object_agg(g.offer_code, g.scores) from (
              select x.offer_code, json_object_agg(x.attribute_code, x.score) as scores
              from response_ratings x where x.response_id = r.id group by x.offer_code) g),
      'o', (select json_agg(json_build_array(o.offer_code, o.known, o.worth, o.overall, o.chose, o.considered) order by o.position)
              from response_offers o where o.response_id = r.id),
      'p', (select json_object_agg(p.question_code, p.value) from response_profile p where p.response_id = r.id),
      'm', (select json_agg(json_build_array(m.kind, m.items_json::json, m.best, m.worst) order by m.kind, m.task)
              from response_maxdiff m where m.response_id = r.id),
      'z', (select json_build_array(z.too_cheap, z.cheap, z.expensive, z.too_expensive, z.likelihood_cheap, z.likelihood_expensive)
              from response_prices z where z.response_id = r.id),
      'g', (select json_agg(json_build_array(g.price, g.buy) order by g.price) from response_gabor_granger g where g.response_id = r.id))`
      : sql`json_object(
      'w', (select json_group_object(w.attribute_code, w.weight) from response_weights w where w.response_id = r.id),
      'r', (select json_group_object(g.offer_code, json(g.scores)) from (
              select x.offer_code, json_group_object(x.attribute_code, x.score) as scores
              from response_ratings x where x.response_id = r.id group by x.offer_code) g),
      'o', (select json_group_array(json_array(o.offer_code, o.known, o.worth, o.overall, o.chose, o.considered) order by o.position)
              from response_offers o where o.response_id = r.id),
      'p', (select json_group_object(p.question_code, p.value) from response_profile p where p.response_id = r.id),
      'm', (select json_group_array(json_array(m.kind, json(m.items_json), m.best, m.worst) order by m.kind, m.task)
              from response_maxdiff m where m.response_id = r.id),
      'z', (select json_array(z.too_cheap, z.cheap, z.expensive, z.too_expensive, z.likelihood_cheap, z.likelihood_expensive)
              from response_prices z where z.response_id = r.id),
      'g', (select json_group_array(json_array(g.price, g.buy) order by g.price) from response_gabor_granger g where g.response_id = r.id))`;
  return sql`select r.id, r.client_id as "clientId", q.version as "questionnaireVersion", r.wave, r.locale,
      r.quality_share as "qualityShare", r.device_id as "deviceId", r.invitation_id as "invitationId",
      (select i.customer_id from respondent_invitations i where i.id = r.invitation_id) as "customerId", r.review,
      r.started_at as "startedAt", coalesce(r.completed_at, r.started_at) as "completedAt", r.min_duration_ms as "minDurationMs",
      ${answers} as "answers"
    from responses r join questionnaires q on q.id = r.questionnaire_id
    where q.study_id = ${studyId} and q.stage = 'rating' and r.status = 'complete'${ids ? sql` and r.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``} order by r.id`;
}

interface PackedRow
  extends Omit<AnalysisRespondent, "weights" | "ratings" | "known" | "overall" | "worth" | "chose" | "considered" | "profile" | "flags" | "maxDiff" | "prices" | "ladder"> {
  /** JSON text on SQLite; node-postgres parses json itself */
  answers: string | PackedAnswers;
}

interface PackedAnswers {
  w: Record<string, number> | null;
  r: Record<string, Record<string, number>> | null;
  /** [offer, known, worth, overall, chose, considered]; booleans as 0/1 (SQLite) or true/false */
  o: Array<[string, number | boolean, number | null, number | null, number | boolean, number | boolean]> | null;
  p: Record<string, string> | null;
  /** [kind, items, best, worst] */
  m: Array<["quality" | "price", string[], string, string]> | null;
  /** [too cheap, cheap, expensive, too expensive, likelihood at cheap, likelihood at expensive] */
  z: [number, number, number, number, number | null, number | null] | null;
  /** [price, buy]; buy as 0/1 (SQLite) or true/false */
  g: Array<[number, number | boolean]> | null;
}

/** A packed row back into a respondent (flags still empty). */
function unpack(row: PackedRow): AnalysisRespondent {
  const { answers: packed, ...fields } = row;
  const answers = typeof packed === "string" ? (JSON.parse(packed) as PackedAnswers) : packed;
  const known: string[] = [];
  const overall: Record<string, number> = {};
  const worth: Record<string, number> = {};
  const considered: string[] = [];
  let chose: string | null = null;
  for (const [offer, isKnown, worthScore, overallScore, chosen, isConsidered] of answers.o ?? []) {
    if (isKnown) known.push(offer);
    if (worthScore !== null) worth[offer] = worthScore;
    if (overallScore !== null) overall[offer] = overallScore;
    if (chosen) chose = offer;
    if (isConsidered) considered.push(offer);
  }
  return {
    ...fields,
    weights: answers.w ?? {},
    ratings: answers.r ?? {},
    known,
    overall,
    worth,
    chose,
    considered,
    profile: answers.p ?? {},
    maxDiff: (answers.m ?? []).map(([kind, items, best, worst]) => ({ kind, items, best, worst })),
    prices: answers.z
      ? {
          tooCheap: answers.z[0],
          cheap: answers.z[1],
          expensive: answers.z[2],
          tooExpensive: answers.z[3],
          likelihoodCheap: answers.z[4],
          likelihoodExpensive: answers.z[5],
        }
      : null,
    ladder: (answers.g ?? []).map(([price, buy]) => ({ price, buy: buy === true || buy === 1 })),
    flags: [],
  };
}

/** Ids per `in (...)` list when reading named responses (well under both engines' parameter limits). */
const IDS_PER_QUERY = 500;

/** Tests switch `narrow` off to read every response through the packed query on SQLite too. */
export const analysisReadSettings = { narrow: true };
/** Full reads by way (tests). */
export const analysisReadStats = { narrow: 0, packed: 0 };

/**
 * Complete rating-stage responses of a study in id order, flags still empty: every one, or only
 * those of `ids` (the report's respondent store reads just the responses new since its last read).
 * Every one on SQLite: the narrow read (analysis-respondents-sqlite.ts), a third of the time and
 * half the memory of the packed rows at 100k responses.
 */
export async function readAnalysisRespondents(db: Db, studyId: number, ids?: readonly number[]): Promise<AnalysisRespondent[]> {
  if (!ids && db.engine === "sqlite" && db.sqlite && analysisReadSettings.narrow) {
    const narrow = await readAnalysisRespondentsSqlite(db, studyId);
    if (narrow !== null) {
      analysisReadStats.narrow += 1;
      return narrow;
    }
  }
  if (!ids) {
    analysisReadStats.packed += 1;
    return (await db.rows<PackedRow>(packedQuery(db, studyId))).map(unpack);
  }
  const out: AnalysisRespondent[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    out.push(...(await db.rows<PackedRow>(packedQuery(db, studyId, ids.slice(i, i + IDS_PER_QUERY)))).map(unpack));
  }
  return out.sort((a, b) => a.id - b.id);
}

/** What the data-quality flags read of a respondent. */
export function qualityInputOf(r: AnalysisRespondent): QualityInput {
  return {
    id: String(r.id),
    durationMs: r.completedAt - r.startedAt,
    minDurationMs: r.minDurationMs === null ? null : Number(r.minDurationMs),
    completedAt: r.completedAt,
    ratings: r.ratings,
    known: r.known,
    deviceId: r.deviceId,
    invitationId: r.invitationId,
  };
}

/**
 * The data-quality flags of each respondent, computed over all of them (the speeder median and
 * the duplicates' originals are study-wide), by respondent id.
 */
export function analysisFlags(respondents: readonly AnalysisRespondent[], ownOffer: string | null): Map<string, QualityFlag[]> {
  return flagResponses(respondents.map(qualityInputOf), { ownId: ownOffer ?? "" });
}

/**
 * Every complete rating-stage response of a study (all questionnaire versions and waves), in id
 * order, with its data-quality flags computed over the study's complete responses.
 */
export async function listAnalysisRespondents(db: Db, studyId: number, ownOffer: string | null): Promise<AnalysisRespondent[]> {
  const respondents = await readAnalysisRespondents(db, studyId);
  if (respondents.length === 0) return [];
  const flags = analysisFlags(respondents, ownOffer);
  for (const r of respondents) r.flags = flags.get(String(r.id)) ?? [];
  return respondents;
}
