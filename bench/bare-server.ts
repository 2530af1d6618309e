/**
 * Baseline for bench/submit.ts: a bare node:http + better-sqlite3 server that stores a
 * completed response as the real endpoint does (the responses row, its ratings, weights and
 * per-offer answers, in one transaction, committed before the answer) on the same schema, with
 * the same pragmas (db/client.ts: WAL, synchronous from DB_SYNCHRONOUS). No framework, no
 * validation beyond what the insert needs: what the hardware can do.
 *
 *   PORT=3001 DATABASE_URL=file:/tmp/bare.db DB_SYNCHRONOUS=FULL node --import tsx bench/bare-server.ts
 */
import { openDatabase, type Synchronous } from "../db/client";
import { seedDemo } from "../db/seed-demo";
import { StudyDefinitionSchema } from "../surveys/study-definition";
import { num, serveBare, type Answers } from "./bare-http";

const port = Number(process.env.PORT ?? 3001);
const synchronous: Synchronous = process.env.DB_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
const db = openDatabase({ url: process.env.DATABASE_URL ?? "file:data/bare-bench.db", synchronous });
await seedDemo(db, { passwordHash: () => "bench-server-has-no-logins", now: Date.now() });
// The baseline talks to better-sqlite3 directly: what the hardware can do, without the data layer.
const sqlite = db.sqlite!;

const questionnaire = sqlite
  .prepare(
    `select q.id, q.definition_json from questionnaires q join studies s on s.id = q.study_id
      where s.public_token = 'demo' and q.stage = 'rating' order by q.version desc limit 1`,
  )
  .get() as { id: number; definition_json: string };
const definition = StudyDefinitionSchema.parse(JSON.parse(questionnaire.definition_json));
const offerOrder = JSON.stringify(definition.offers.map((o) => o.code));

const insertResponse = sqlite.prepare(
  `insert into responses (client_id, questionnaire_id, status, answers_json, offer_order, locale, quality_share, started_at, updated_at, completed_at)
   values (?, ?, 'complete', ?, ?, 'en', ?, ?, ?, ?) on conflict (client_id) do nothing`,
);
const insertRating = sqlite.prepare("insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, ?, ?, ?)");
const insertWeight = sqlite.prepare("insert into response_weights (response_id, attribute_code, weight) values (?, ?, ?)");
const insertOffer = sqlite.prepare(
  "insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values (?, ?, ?, ?, ?, ?, ?, ?)",
);


/** Stores one completion; false when the id was already stored. */
const complete = sqlite.transaction((clientId: string, answers: Answers): boolean => {
  const now = Date.now();
  const known = Array.isArray(answers.known_offers) ? (answers.known_offers as string[]) : [];
  const inserted = insertResponse.run(clientId, questionnaire.id, JSON.stringify(answers), offerOrder, num(answers.quality_share), now, now, now);
  if (inserted.changes === 0) return false;
  const id = inserted.lastInsertRowid;
  for (const offer of definition.offers) {
    if (!known.includes(offer.code)) continue;
    for (const a of definition.attributes) {
      const score = num(answers[`rating_${offer.code}_${a.code}`]);
      if (score !== null) insertRating.run(id, offer.code, a.code, score);
    }
  }
  for (const kind of ["quality", "price"] as const) {
    const given = (answers[`weights_${kind}`] ?? {}) as Answers;
    for (const a of definition.attributes.filter((x) => x.kind === kind)) insertWeight.run(id, a.code, num(given[a.code]) ?? 0);
  }
  const considered = Array.isArray(answers.considered_offers) ? (answers.considered_offers as string[]) : [];
  definition.offers.forEach((o, position) => {
    const isKnown = known.includes(o.code);
    insertOffer.run(
      id,
      o.code,
      position,
      isKnown ? 1 : 0,
      isKnown ? num(answers[`worth_${o.code}`]) : null,
      isKnown ? num(answers[`overall_${o.code}`]) : null,
      answers.last_purchase === o.code ? 1 : 0,
      considered.includes(o.code) ? 1 : 0,
    );
  });
  return true;
});

serveBare({ name: `bare-server synchronous=${synchronous}`, port, complete, close: () => sqlite.close() });
