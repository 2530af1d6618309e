import { and, eq, inArray, sql } from "drizzle-orm";
import { prepared } from "../prepared";
import type { Db } from "../client";
import { questionnaires, responseRatings, responses, responseWeights } from "../schema";
import type { RatingResponse } from "../../surveys/read-rating-response";

export type ResponseRow = typeof responses.$inferSelect;

const RESPONSE_COLUMNS = `id, client_id as clientId, questionnaire_id as questionnaireId, status,
  answers_json as answersJson, page_no as pageNo, seq, offer_order as offerOrder, locale,
  quality_share as qualityShare, started_at as startedAt, updated_at as updatedAt, completed_at as completedAt`;

export function getResponseByClientId(db: Db, clientId: string): ResponseRow | null {
  const row = prepared(db, `select ${RESPONSE_COLUMNS} from responses where client_id = ?`).get(clientId);
  return (row as ResponseRow | undefined) ?? null;
}

type StartArgs = { clientId: string; questionnaireId: number; offerOrder: string[]; locale: string; now: number };

/** Creates the draft row for a client id if it does not exist; returns the stored row either way. */
export function startResponse(db: Db, args: StartArgs): ResponseRow {
  prepared(
    db,
    `insert into responses (client_id, questionnaire_id, offer_order, locale, started_at, updated_at)
     values (?, ?, ?, ?, ?, ?) on conflict (client_id) do nothing`,
  ).run(args.clientId, args.questionnaireId, JSON.stringify(args.offerOrder), args.locale, args.now, args.now);
  return getResponseByClientId(db, args.clientId)!;
}

export type DraftOutcome = "saved" | "stale" | "finished" | "other-questionnaire";

/**
 * Saves a draft's answers and page. Idempotent and order-safe: a draft whose `seq` is not newer
 * than the stored one changes nothing, and a finished response is never reopened.
 */
export function saveResponseDraft(
  db: Db,
  args: StartArgs & { answersJson: string; pageNo: number; seq: number },
): DraftOutcome {
  return db.$client.transaction((): DraftOutcome => {
    const current = startResponse(db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "finished";
    if (args.seq <= current.seq) return "stale";
    prepared(
      db,
      `update responses set answers_json = ?, page_no = ?, seq = ?, locale = ?, updated_at = ?
       where id = ? and status = 'draft'`,
    ).run(args.answersJson, args.pageNo, args.seq, args.locale, args.now, current.id);
    return "saved";
  })();
}

export type CompleteOutcome = "completed" | "already-finished" | "other-questionnaire";

/**
 * Finishes a response in one transaction: raw answers, status and the normalised ratings,
 * weights and offer answers. Submitting the same client id again changes nothing. Returns the
 * outcome and the stored status.
 */
export function completeResponse(
  db: Db,
  args: StartArgs & { answersJson: string; result: RatingResponse },
): CompleteOutcome {
  return db.$client.transaction((): CompleteOutcome => {
    const current = startResponse(db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    const { result } = args;
    prepared(
      db,
      `update responses set status = ?, answers_json = ?, quality_share = ?, locale = ?, updated_at = ?, completed_at = ?
       where id = ?`,
    ).run(result.status, args.answersJson, result.qualityShare, args.locale, args.now, args.now, current.id);
    const rating = prepared(db, "insert into response_ratings (response_id, offer_code, attribute_code, score) values (?, ?, ?, ?)");
    for (const r of result.ratings) rating.run(current.id, r.offer, r.attribute, r.score);
    const weight = prepared(db, "insert into response_weights (response_id, attribute_code, weight) values (?, ?, ?)");
    for (const w of result.weights) weight.run(current.id, w.attribute, w.weight);
    const offer = prepared(
      db,
      `insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const order = JSON.parse(current.offerOrder) as string[];
    for (const o of result.offers) {
      const position = Math.max(0, order.indexOf(o.offer));
      offer.run(current.id, o.offer, position, +o.known, o.worth, o.overall, +o.chose, +o.considered);
    }
    return "completed";
  })();
}

export interface CompleteRespondent {
  id: number;
  qualityShare: number | null;
  weights: Record<string, number>;
  ratings: Record<string, Record<string, number>>;
}

/** Complete responses of a study (every questionnaire version) in the shape `analysis/` takes. */
export function listCompleteRespondents(db: Db, studyId: number): CompleteRespondent[] {
  const rows = db
    .select({ id: responses.id, qualityShare: responses.qualityShare })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(and(eq(questionnaires.studyId, studyId), eq(responses.status, "complete")))
    .orderBy(responses.id)
    .all();
  const byId = new Map<number, CompleteRespondent>(
    rows.map((r) => [r.id, { id: r.id, qualityShare: r.qualityShare, weights: {}, ratings: {} }]),
  );
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const w of db.select().from(responseWeights).where(inArray(responseWeights.responseId, chunk)).all()) {
      byId.get(w.responseId)!.weights[w.attributeCode] = w.weight;
    }
    for (const r of db.select().from(responseRatings).where(inArray(responseRatings.responseId, chunk)).all()) {
      const ratings = byId.get(r.responseId)!.ratings;
      (ratings[r.offerCode] ??= {})[r.attributeCode] = r.score;
    }
  }
  return [...byId.values()];
}

/** Started, complete and screened-out counts of a study. */
export function countResponses(db: Db, studyId: number) {
  const rows = db
    .select({ status: responses.status, n: sql<number>`count(*)` })
    .from(responses)
    .innerJoin(questionnaires, eq(questionnaires.id, responses.questionnaireId))
    .where(eq(questionnaires.studyId, studyId))
    .groupBy(responses.status)
    .all();
  const get = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { draft: get("draft"), complete: get("complete"), screenedOut: get("screened_out") };
}
