import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { chunks, valuesList, type SqlValue } from "../db/sql";
import { seededRandom } from "../surveys/seeded-random";

const OFFERS = ["aster", "birch", "cedar"];
const QUALITY = ["reliability", "taste", "ease", "service", "design"];
const PRICE = ["purchase", "running", "terms"];

/** The demo study's newest rating-stage questionnaire (the benches' responses go there, not to the focus group's). */
export function demoRatingQuestionnaire(sqlite: Database.Database, studyId: number): number {
  return (sqlite.prepare("select id from questionnaires where study_id = ? and stage = 'rating' order by version desc").get(studyId) as { id: number }).id;
}

/** demoRatingQuestionnaire on either engine (through the Db). */
export async function demoRatingQuestionnaireDb(db: Db, studyId: number): Promise<number> {
  const [row] = await db.rows<{ id: number }>(sql`select id from questionnaires where study_id = ${studyId} and stage = 'rating' order by version desc`);
  if (!row) throw new Error(`study ${studyId} has no rating questionnaire`);
  return row.id;
}

/** One synthetic complete response, as growDemoResponses writes it. */
interface SyntheticResponse {
  clientId: string;
  qualityShare: number;
  startedAt: number;
  completedAt: number;
  weights: Array<[attribute: string, weight: number]>;
  offers: Array<{ code: string; position: number; overall: number; chose: boolean; ratings: Array<[attribute: string, score: number]> }>;
}

/**
 * The synthetic responses number `have` to `total - 1` (seeded by `total`): fixed weights, every
 * known offer rated 1-10 on all eight attributes, an overall score and a last purchase.
 */
function* syntheticResponses(have: number, total: number): Generator<SyntheticResponse> {
  const rnd = seededRandom(total);
  for (let i = have; i < total; i++) {
    const started = 1_700_000_000_000 + i * 60_000;
    const qualityShare = 40 + Math.floor(rnd() * 40);
    const weights: Array<[string, number]> = [];
    for (const [set, points] of [[QUALITY, [30, 25, 15, 20, 10]], [PRICE, [55, 30, 15]]] as const) {
      set.forEach((a, k) => weights.push([a, points[k]!]));
    }
    const known = OFFERS.filter((o) => o === "aster" || rnd() >= 0.3);
    const chose = known[Math.floor(rnd() * known.length)];
    const offers = known.map((code, position) => {
      let sum = 0;
      const ratings: Array<[string, number]> = [];
      for (const a of [...QUALITY, ...PRICE]) {
        const score = 1 + Math.floor(rnd() * 10);
        sum += score;
        ratings.push([a, score]);
      }
      return { code, position, overall: Math.max(1, Math.min(10, Math.round(sum / 8))), chose: code === chose, ratings };
    });
    yield { clientId: `bench-${i}`, qualityShare, startedAt: started, completedAt: started + 400_000, weights, offers };
  }
}

/**
 * Adds synthetic complete responses to the demo's rating questionnaire until the database has
 * `total` complete responses (raw inserts through better-sqlite3, one transaction, seeded by
 * `total`). SQLite only: the benches grow 100k responses this way.
 */
export function growDemoResponses(sqlite: Database.Database, questionnaireId: number, total: number): void {
  const have = (sqlite.prepare("select count(*) as n from responses where status = 'complete'").get() as { n: number }).n;
  const response = sqlite.prepare(
    `insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
     values (?, ?, 'complete', '[]', ?, ?, ?, ?)`,
  );
  const rating = sqlite.prepare("insert into response_ratings values (?, ?, ?, ?)");
  const weight = sqlite.prepare("insert into response_weights values (?, ?, ?)");
  const offer = sqlite.prepare("insert into response_offers (response_id, offer_code, position, known, overall, chose) values (?, ?, ?, 1, ?, ?)");
  sqlite.transaction(() => {
    for (const r of syntheticResponses(have, total)) {
      const id = Number(response.run(r.clientId, questionnaireId, r.qualityShare, r.startedAt, r.completedAt, r.completedAt).lastInsertRowid);
      for (const [a, w] of r.weights) weight.run(id, a, w);
      for (const o of r.offers) {
        for (const [a, score] of o.ratings) rating.run(id, o.code, a, score);
        offer.run(id, o.code, o.position, o.overall, o.chose ? 1 : 0);
      }
    }
  })();
}

/** Responses per round trip of growDemoResponsesDb. */
const RESPONSES_PER_CHUNK = 100;

/**
 * growDemoResponses on either engine, through the Db (the same responses for the same `total`):
 * one transaction of multi-row inserts, so that a PostgreSQL server takes thousands of
 * responses in a few round trips per hundred.
 */
export async function growDemoResponsesDb(db: Db, questionnaireId: number, total: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [counted] = await tx.rows<{ n: number }>(sql`select count(*) as "n" from responses where status = 'complete'`);
    const all = [...syntheticResponses(Number(counted?.n ?? 0), total)];
    for (const batch of chunks(all, RESPONSES_PER_CHUNK)) {
      const inserted = await tx.rows<{ id: number; clientId: string }>(
        sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
            values ${valuesList(batch.map((r) => [r.clientId, questionnaireId, "complete", "[]", r.qualityShare, r.startedAt, r.completedAt, r.completedAt]))}
            returning id, client_id as "clientId"`,
      );
      const ids = new Map(inserted.map((row) => [row.clientId, Number(row.id)]));
      const weights: SqlValue[][] = [];
      const ratings: SqlValue[][] = [];
      const offers: SqlValue[][] = [];
      for (const r of batch) {
        const id = ids.get(r.clientId)!;
        for (const [a, w] of r.weights) weights.push([id, a, w]);
        for (const o of r.offers) {
          for (const [a, score] of o.ratings) ratings.push([id, o.code, a, score]);
          offers.push([id, o.code, o.position, true, o.overall, o.chose]);
        }
      }
      for (const rows of chunks(weights)) {
        await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values ${valuesList(rows)}`);
      }
      for (const rows of chunks(ratings)) {
        await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values ${valuesList(rows)}`);
      }
      for (const rows of chunks(offers)) {
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, overall, chose) values ${valuesList(rows)}`);
      }
    }
  });
}
