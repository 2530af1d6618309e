import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRespondentRequest } from "../../../app/lib/fieldwork/respondent.server";
import { completeResponse, saveResponseDraft, startResponse } from "../../../db/queries/responses";
import { readRatingResponse } from "../../../surveys/read-rating-response";
import { StudyDefinitionSchema } from "../../../surveys/study-definition";
import { demoAnswers } from "../../fixtures/answers";
import { TEST_ENGINE } from "../../helpers/engine";
import { demoDb } from "../demo-db";
import { sql } from "drizzle-orm";

/*
 * Issue 23: on PostgreSQL a draft save and the store of a completion are ONE round trip each
 * (one statement: migration 0011_pg_hot_path), and a whole completion request (the study and
 * response it is about in one statement, then the caps, quotas and writes) is two; before, the store alone was
 * BEGIN, a dozen statements and COMMIT. Counted at node-postgres's boundary: every query a
 * connection sends (Client.prototype.query, one round trip each: the statements are awaited one
 * after the other).
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  if (TEST_ENGINE === "postgres") demo = await demoDb();
});
afterAll(() => demo?.cleanup());

/** The queries sent while `fn` runs, by their SQL text. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  // node-postgres's own class, wrapped to note each query and pass it on unchanged.
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    sent.push(typeof first === "string" ? first : (first.text ?? ""));
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return sent;
}

const device = "round-trip-device-0001";
const send = (body: Parameters<typeof handleRespondentRequest>[2]) => handleRespondentRequest(demo.db, "demo", body, device, { address: "203.0.113.9" });

describe.skipIf(TEST_ENGINE !== "postgres")("PostgreSQL round trips of the respondent's hot path", () => {
  it("stores a completion in one round trip, and a whole completion request in two", async () => {
    const start = await queriesDuring(async () => {
      expect((await send({ intent: "start", responseId: "round-trip-0001", locale: "en", stage: "rating" })).status).toBe(200);
    });
    // The start itself is one statement (vm_start_response), in no BEGIN/COMMIT. Before it: one read of
    // the study with the response, the device's finished responses and the quota questions (they
    // were three more), the per-address cap's counter, and the published questionnaire (read once
    // per process, then kept).
    expect(start).toHaveLength(4);
    expect(start[0]).toMatch(/"quotaCodes"/);
    expect(start[1]).toMatch(/from rate_limit_windows/);
    expect(start[2]).toMatch(/from "questionnaires"/);
    expect(start[3]).toMatch(/vm_start_response/);
    let status = 0;
    const request = await queriesDuring(async () => {
      status = (await send({ intent: "complete", responseId: "round-trip-0001", locale: "en", stage: "rating", answers: demoAnswers() })).status;
    });
    expect(status).toBe(200);
    // The study behind the link with the response (one statement), then vm_complete_response: nothing else
    // (before: 19, the caps' reads and the store's BEGIN, a dozen statements and COMMIT).
    expect(request).toHaveLength(2);
    expect(request.at(-1)).toMatch(/vm_complete_response/);
    const [row] = await demo.db.rows<{ status: string; n: number }>(
      sql`select r.status, (select cast(count(*) as integer) from response_ratings x where x.response_id = r.id) as "n" from responses r where r.client_id = 'round-trip-0001'`,
    );
    expect(row!.status).toBe("complete");
    expect(row!.n).toBeGreaterThan(0);
  });

  it("starts a response, saves a draft and stores a completion called directly in one round trip each", async () => {
    const [q] = await demo.db.rows<{ id: number; definition: string }>(
      sql`select q.id, q.definition_json as "definition" from questionnaires q where q.study_id = ${demo.study.id} and q.stage = 'rating' order by q.version desc limit 1`,
    );
    const definition = StudyDefinitionSchema.parse(JSON.parse(q!.definition));
    const read = readRatingResponse(definition, demoAnswers(), { consideredSetRequired: false });
    if (!read.ok) throw new Error(read.errors.join("; "));
    const base = { clientId: "round-trip-0002", questionnaireId: q!.id, offerOrder: definition.offers.map((o) => o.code), locale: "en", now: Date.UTC(2026, 10, 2) };
    const started = await queriesDuring(() => startResponse(demo.db, { ...base, clientId: "round-trip-0003" }));
    expect(started).toHaveLength(1);
    const draft = await queriesDuring(() => saveResponseDraft(demo.db, { ...base, answersJson: "{}", pageNo: 1, seq: 1 }));
    expect(draft).toHaveLength(1);
    const stored = await queriesDuring(() => completeResponse(demo.db, { ...base, answersJson: JSON.stringify(demoAnswers()), result: read.value }));
    expect(stored).toHaveLength(1);
  });
});
