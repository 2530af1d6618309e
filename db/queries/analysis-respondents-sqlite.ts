import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import type { AnalysisRespondent } from "./analysis-respondents";

/**
 * Every complete rating-stage response of a study on SQLite, read narrow (issue 23's cold
 * report): one prepared statement returning arrays (`.raw()`: no row objects), walked row by
 * row (`.iterate()`: a row's JSON texts die young instead of all 100k of them outliving the
 * read), each answer kind in its own column (weights and ratings parsed straight into the
 * objects the respondent keeps; the rarely asked blocks null and not parsed when absent), and
 * the parts a respondent did not give share one frozen empty object or array. Field for field
 * equal to `readAnalysisRespondents`' packed read (test/services/report/cold-read.test.ts).
 */
const SELECT = `select r.id, r.client_id, q.version, r.wave, r.locale, r.quality_share, r.device_id, r.invitation_id,
      (select i.customer_id from respondent_invitations i where i.id = r.invitation_id), r.review,
      r.started_at, coalesce(r.completed_at, r.started_at), r.min_duration_ms,
      (select json_group_object(w.attribute_code, w.weight) from response_weights w where w.response_id = r.id),
      (select json_group_object(g.offer_code, json(g.scores)) from (
              select x.offer_code, json_group_object(x.attribute_code, x.score) as scores
              from response_ratings x where x.response_id = r.id group by x.offer_code) g),
      (select json_group_array(json_array(o.offer_code, o.known, o.worth, o.overall, o.chose, o.considered) order by o.position)
              from response_offers o where o.response_id = r.id),
      (select json_group_object(p.question_code, p.value) from response_profile p where p.response_id = r.id),
      (select json_group_array(json_array(m.kind, json(m.items_json), m.best, m.worst) order by m.kind, m.task)
              from response_maxdiff m where m.response_id = r.id),
      (select json_array(z.too_cheap, z.cheap, z.expensive, z.too_expensive, z.likelihood_cheap, z.likelihood_expensive)
              from response_prices z where z.response_id = r.id),
      (select json_group_array(json_array(g.price, g.buy) order by g.price) from response_gabor_granger g where g.response_id = r.id)
    from responses r join questionnaires q on q.id = r.questionnaire_id
    where q.study_id = ? and q.stage = 'rating' and r.status = 'complete' order by r.id`;

type Row = [
  id: number,
  clientId: string,
  questionnaireVersion: number,
  wave: number,
  locale: string,
  qualityShare: number | null,
  deviceId: string | null,
  invitationId: number | null,
  customerId: string | null,
  review: AnalysisRespondent["review"],
  startedAt: number,
  completedAt: number,
  minDurationMs: number | null,
  weights: string | null,
  ratings: string | null,
  offers: string | null,
  profile: string | null,
  maxDiff: string | null,
  prices: string | null,
  ladder: string | null,
];

const statements = new WeakMap<Database.Database, Database.Statement>();
function statement(sqlite: Database.Database): Database.Statement {
  let s = statements.get(sqlite);
  if (!s) {
    s = sqlite.prepare(SELECT).raw(true);
    statements.set(sqlite, s);
  }
  return s;
}

/** Shared by every respondent without the part: frozen, so a write to one would throw instead of reaching all. */
const NONE: Record<string, never> = Object.freeze({});
const NO_LIST: never[] = Object.freeze([]) as unknown as never[];

/** A JSON text as parsed, or null when absent or empty (`{}`, `[]`: the shared empties stand in). */
const given = (text: string | null): string | null => (text === null || text === "{}" || text === "[]" ? null : text);

/** One string per distinct value (codes, locales, decisions repeat across 100k respondents). */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

function respondentOf(row: Row, intern: (s: string) => string): AnalysisRespondent {
  const [id, clientId, questionnaireVersion, wave, locale, qualityShare, deviceId, invitationId, customerId, review, startedAt, completedAt, minDurationMs] = row;
  const weightsJson = given(row[13]);
  const ratingsJson = given(row[14]);
  const offersJson = given(row[15]);
  const profileJson = given(row[16]);
  const maxDiffJson = given(row[17]);
  const pricesJson = row[18];
  const ladderJson = given(row[19]);
  let known: string[] = NO_LIST;
  let considered: string[] = NO_LIST;
  let overall: Record<string, number> = NONE;
  let worth: Record<string, number> = NONE;
  let chose: string | null = null;
  if (offersJson !== null) {
    const offers = JSON.parse(offersJson) as Array<[string, number, number | null, number | null, number, number]>;
    for (const [code, isKnown, worthScore, overallScore, chosen, isConsidered] of offers) {
      const offer = intern(code);
      if (isKnown) (known === NO_LIST ? (known = []) : known).push(offer);
      if (worthScore !== null) (worth === NONE ? (worth = {}) : worth)[offer] = worthScore;
      if (overallScore !== null) (overall === NONE ? (overall = {}) : overall)[offer] = overallScore;
      if (chosen) chose = offer;
      if (isConsidered) (considered === NO_LIST ? (considered = []) : considered).push(offer);
    }
  }
  const maxDiff = maxDiffJson === null ? NO_LIST : (JSON.parse(maxDiffJson) as Array<["quality" | "price", string[], string, string]>).map(([kind, items, best, worst]) => ({ kind, items, best, worst }));
  const z = pricesJson === null ? null : (JSON.parse(pricesJson) as [number, number, number, number, number | null, number | null]);
  const ladder = ladderJson === null ? NO_LIST : (JSON.parse(ladderJson) as Array<[number, number]>).map(([price, buy]) => ({ price, buy: buy === 1 }));
  return {
    id,
    clientId,
    questionnaireVersion,
    wave,
    locale: intern(locale),
    qualityShare,
    deviceId,
    invitationId,
    customerId,
    review: review === null ? null : (intern(review) as AnalysisRespondent["review"]),
    startedAt,
    completedAt,
    minDurationMs,
    weights: weightsJson === null ? NONE : (JSON.parse(weightsJson) as Record<string, number>),
    ratings: ratingsJson === null ? NONE : (JSON.parse(ratingsJson) as Record<string, Record<string, number>>),
    known,
    overall,
    worth,
    chose,
    considered,
    profile: profileJson === null ? NONE : (JSON.parse(profileJson) as Record<string, string>),
    maxDiff,
    prices: z ? { tooCheap: z[0], cheap: z[1], expensive: z[2], tooExpensive: z[3], likelihoodCheap: z[4], likelihoodExpensive: z[5] } : null,
    ladder,
    flags: NO_LIST,
  };
}

/**
 * The study's complete rating-stage responses in id order, flags still empty (SQLite only: the
 * database's better-sqlite3 handle), or null when the connection stays inside a transaction
 * (the caller reads through `db.rows`). The read runs outside any open write batch: while the
 * connection holds one (group commit), a query through `db.rows` waits for its COMMIT, so the
 * read never sees data that is not committed yet. A transaction's own Db (its query does not
 * wait) finds the connection still inside it and gets null: its read goes through `db.rows`.
 */
export async function readAnalysisRespondentsSqlite(db: Db, studyId: number): Promise<AnalysisRespondent[] | null> {
  const sqlite = db.sqlite;
  if (!sqlite) throw new Error("readAnalysisRespondentsSqlite takes a SQLite database");
  if (sqlite.inTransaction) await db.rows(sql`select 1`);
  if (sqlite.inTransaction) return null;
  // No await from here on: the whole read runs in this turn of the event loop.
  const intern = interner();
  const out: AnalysisRespondent[] = [];
  for (const row of statement(sqlite).iterate(studyId) as IterableIterator<Row>) out.push(respondentOf(row, intern));
  return out;
}
