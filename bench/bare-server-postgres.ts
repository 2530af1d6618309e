/**
 * PostgreSQL baseline for bench/submit.ts: bench/bare-server.ts's bare node:http server on the
 * same PostgreSQL the real server runs on (DATABASE_URL=postgres://...), a pool of 10
 * connections as the app has. A completion is one transaction on one connection, as plainly as
 * node-postgres does it: BEGIN, the responses row (returning its id), its ratings, weights and
 * per-offer answers as three multi-row inserts, COMMIT (named prepared statements, six round
 * trips), committed before the answer. No framework, no validation beyond what the insert needs.
 *
 *   PORT=3001 DATABASE_URL=postgres://... node --import tsx bench/bare-server-postgres.ts
 */
import { openPostgresDatabase } from "../db/client-postgres";
import { createPool } from "../db/postgres";
import { seedDemo } from "../db/seed-demo";
import { StudyDefinitionSchema } from "../surveys/study-definition";
import { num, serveBare, type Answers } from "./bare-http";

const port = Number(process.env.PORT ?? 3001);
const url = process.env.DATABASE_URL ?? "";
const seeding = await openPostgresDatabase({ url, max: 1 });
await seedDemo(seeding, { passwordHash: () => "bench-server-has-no-logins", now: Date.now() });
await seeding.close();
const pool = createPool(url, 10);

const questionnaire = (
  await pool.query<{ id: number; definition_json: string }>(
    `select q.id, q.definition_json from questionnaires q join studies s on s.id = q.study_id
      where s.public_token = 'demo' and q.stage = 'rating' order by q.version desc limit 1`,
  )
).rows[0]!;
const definition = StudyDefinitionSchema.parse(JSON.parse(questionnaire.definition_json));
const offerOrder = JSON.stringify(definition.offers.map((o) => o.code));


/** `($1, $2, $3), ($4, $5, $6)` for rows of `width` values. */
const placeholders = (rows: number, width: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`).join(", ");

/** Stores one completion; false when the id was already stored. */
async function complete(clientId: string, answers: Answers): Promise<boolean> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const now = Date.now();
    const known = Array.isArray(answers.known_offers) ? (answers.known_offers as string[]) : [];
    const inserted = await client.query<{ id: number }>({
      name: "bare_response",
      text: `insert into responses (client_id, questionnaire_id, status, answers_json, offer_order, locale, quality_share, started_at, updated_at, completed_at)
             values ($1, $2, 'complete', $3, $4, 'en', $5, $6, $6, $6) on conflict (client_id) do nothing returning id`,
      values: [clientId, questionnaire.id, JSON.stringify(answers), offerOrder, num(answers.quality_share), now],
    });
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      await client.query("commit");
      return false;
    }
    const ratings: unknown[][] = [];
    for (const offer of definition.offers) {
      if (!known.includes(offer.code)) continue;
      for (const a of definition.attributes) {
        const score = num(answers[`rating_${offer.code}_${a.code}`]);
        if (score !== null) ratings.push([id, offer.code, a.code, score]);
      }
    }
    const weights: unknown[][] = [];
    for (const kind of ["quality", "price"] as const) {
      const given = (answers[`weights_${kind}`] ?? {}) as Answers;
      for (const a of definition.attributes.filter((x) => x.kind === kind)) weights.push([id, a.code, num(given[a.code]) ?? 0]);
    }
    const considered = Array.isArray(answers.considered_offers) ? (answers.considered_offers as string[]) : [];
    const offers = definition.offers.map((o, position) => {
      const isKnown = known.includes(o.code);
      return [
        id,
        o.code,
        position,
        isKnown,
        isKnown ? num(answers[`worth_${o.code}`]) : null,
        isKnown ? num(answers[`overall_${o.code}`]) : null,
        answers.last_purchase === o.code,
        considered.includes(o.code),
      ];
    });
    const insert = async (table: string, columns: string, rows: unknown[][]) => {
      if (rows.length === 0) return;
      const width = rows[0]!.length;
      await client.query({ name: `bare_${table}_${rows.length}`, text: `insert into ${table} (${columns}) values ${placeholders(rows.length, width)}`, values: rows.flat() });
    };
    await insert("response_ratings", "response_id, offer_code, attribute_code, score", ratings);
    await insert("response_weights", "response_id, attribute_code, weight", weights);
    await insert("response_offers", "response_id, offer_code, position, known, worth, overall, chose, considered", offers);
    await client.query("commit");
    return true;
  } catch (error) {
    await client.query("rollback").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}

serveBare({ name: `bare-server-postgres`, port, complete, close: () => void pool.end() });
