import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { questionnaires, responseOffers, responseRatings, responses, responseWeights } from "../schema";
import type { RatingResponse } from "../../surveys/read-rating-response";

export type ResponseRow = typeof responses.$inferSelect;

export function getResponseByClientId(db: Db, clientId: string): ResponseRow | null {
  return db.select().from(responses).where(eq(responses.clientId, clientId)).get() ?? null;
}

/** Creates the draft row for a client id if it does not exist; returns the stored row either way. */
export function startResponse(
  db: Db,
  args: { clientId: string; questionnaireId: number; offerOrder: string[]; locale: string; now: number },
): ResponseRow {
  db.insert(responses)
    .values({
      clientId: args.clientId,
      questionnaireId: args.questionnaireId,
      offerOrder: JSON.stringify(args.offerOrder),
      locale: args.locale,
      startedAt: args.now,
      updatedAt: args.now,
    })
    .onConflictDoNothing({ target: responses.clientId })
    .run();
  return getResponseByClientId(db, args.clientId)!;
}

export type DraftOutcome = "saved" | "stale" | "finished" | "other-questionnaire";

/**
 * Saves a draft's answers and page. Idempotent and order-safe: a draft whose `seq` is not newer
 * than the stored one changes nothing, and a finished response is never reopened.
 */
export function saveResponseDraft(
  db: Db,
  args: {
    clientId: string;
    questionnaireId: number;
    offerOrder: string[];
    answersJson: string;
    pageNo: number;
    seq: number;
    locale: string;
    now: number;
  },
): DraftOutcome {
  return db.transaction((tx) => {
    const current = startResponse(tx as unknown as Db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "finished";
    if (args.seq <= current.seq) return "stale";
    tx.update(responses)
      .set({ answersJson: args.answersJson, pageNo: args.pageNo, seq: args.seq, locale: args.locale, updatedAt: args.now })
      .where(and(eq(responses.id, current.id), eq(responses.status, "draft")))
      .run();
    return "saved";
  });
}

export type CompleteOutcome = "completed" | "already-finished" | "other-questionnaire";

/**
 * Finishes a response in one transaction: raw answers, status and the normalised ratings,
 * weights and offer answers. Submitting the same client id again changes nothing.
 */
export function completeResponse(
  db: Db,
  args: {
    clientId: string;
    questionnaireId: number;
    offerOrder: string[];
    answersJson: string;
    result: RatingResponse;
    locale: string;
    now: number;
  },
): CompleteOutcome {
  return db.transaction((tx) => {
    const current = startResponse(tx as unknown as Db, args);
    if (current.questionnaireId !== args.questionnaireId) return "other-questionnaire";
    if (current.status !== "draft") return "already-finished";
    const { result } = args;
    tx.update(responses)
      .set({
        status: result.status,
        answersJson: args.answersJson,
        qualityShare: result.qualityShare,
        locale: args.locale,
        updatedAt: args.now,
        completedAt: args.now,
      })
      .where(eq(responses.id, current.id))
      .run();
    const order = JSON.parse(current.offerOrder) as string[];
    if (result.ratings.length) {
      tx.insert(responseRatings)
        .values(result.ratings.map((r) => ({ responseId: current.id, offerCode: r.offer, attributeCode: r.attribute, score: r.score })))
        .run();
    }
    if (result.weights.length) {
      tx.insert(responseWeights)
        .values(result.weights.map((w) => ({ responseId: current.id, attributeCode: w.attribute, weight: w.weight })))
        .run();
    }
    if (result.offers.length) {
      tx.insert(responseOffers)
        .values(
          result.offers.map((o) => ({
            responseId: current.id,
            offerCode: o.offer,
            position: Math.max(0, order.indexOf(o.offer)),
            known: o.known,
            worth: o.worth,
            overall: o.overall,
            chose: o.chose,
            considered: o.considered,
          })),
        )
        .run();
    }
    return "completed";
  });
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
