import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { advisoryKey } from "../../db/client-postgres";
import { listFeedPage } from "../../db/queries/response-feed";
import { completeResponse, saveResponseDraft } from "../../db/queries/responses";
import { getStudyByToken } from "../../db/queries/studies";
import { seedDemo } from "../../db/seed-demo";
import type { RatingResponse } from "../../surveys/read-rating-response";
import { StudyDefinitionSchema, type StudyDefinition } from "../../surveys/study-definition";
import { TEST_ENGINE } from "../helpers/engine";
import { createPostgresDb, createSqliteDb, type TempDb } from "../helpers/temp-db";
import { insertRow } from "./fixtures";

/*
 * Issue 23: on PostgreSQL, saveResponseDraft and completeResponse are one call of the functions
 * of migration 0011_pg_hot_path. The same sequence of drafts and completions (quota cells filled
 * and full, a flagged response that holds no quota place, a screening screen-out, a repeated
 * completion, the methods' answers, a personal invitation, webhook endpoints for every event)
 * runs on SQLite, whose TypeScript transactions are the reference, and on PostgreSQL: every row
 * written, the feed order and the webhook payloads (but for their random event ids) are the same.
 */
const NOW = Date.UTC(2026, 10, 3, 9, 30);

interface Side {
  temp: TempDb;
  db: Db;
  studyId: number;
  questionnaireId: number;
  focusGroupId: number;
  invitationId: number;
  definition: StudyDefinition;
}

async function side(temp: TempDb): Promise<Side> {
  const db = temp.db;
  await seedDemo(db, { passwordHash: (p) => `test-hash:${p}`, now: Date.UTC(2026, 10, 1) });
  const study = (await getStudyByToken(db, "demo"))!;
  const [q] = await db.rows<{ id: number; definition: string }>(
    sql`select id, definition_json as "definition" from questionnaires where study_id = ${study.id} and stage = 'rating' order by version desc limit 1`,
  );
  const focusGroupId = await insertRow(db, "questionnaires", { study_id: study.id, stage: "focus_group", version: 99, definition_json: "{}", survey_json: "{}", published_at: NOW });
  // Two cells of one place each on a question no demo response answers.
  await insertRow(db, "quotas", { study_id: study.id, question_code: "hotpath", value: "a", target: 1 });
  await insertRow(db, "quotas", { study_id: study.id, question_code: "hotpath", value: "b", target: 1 });
  await insertRow(db, "webhook_endpoints", {
    study_id: study.id,
    url: "https://hooks.example.com/valuemap",
    secret: "s3cret",
    events: "response.completed,response.screened_out,quota.full",
    created_at: NOW,
  });
  const invitationId = await insertRow(db, "respondent_invitations", { study_id: study.id, token: "hot-path-invitation", created_at: NOW });
  return { temp, db, studyId: study.id, questionnaireId: q!.id, focusGroupId, invitationId, definition: StudyDefinitionSchema.parse(JSON.parse(q!.definition)) };
}

/** A rating result over the study's offers and attributes (the database checks no definition). */
function result(definition: StudyDefinition, status: RatingResponse["status"], profile: Array<{ question: string; value: string }>, extra: Partial<RatingResponse> = {}): RatingResponse {
  const offers = definition.offers.map((o) => o.code);
  const attributes = definition.attributes.map((a) => a.code);
  return {
    status,
    known: offers.slice(0, 2),
    qualityShare: 62.5,
    weights: attributes.map((a, i) => ({ attribute: a, weight: i === 0 ? 100 : 0 })),
    ratings: offers.slice(0, 2).flatMap((o, i) => attributes.map((a, j) => ({ offer: o, attribute: a, score: 1 + ((i + j) % 10) }))),
    offers: [...offers].reverse().map((o, i) => ({ offer: o, known: i > 0, worth: i > 0 ? 7 : null, overall: i > 0 ? 6 : null, chose: i === 1, considered: i < 2 })),
    profile,
    ...extra,
  };
}

/** The sequence, on one engine; its outcomes in order. */
async function run(s: Side): Promise<string[]> {
  const order = [...s.definition.offers.map((o) => o.code)].reverse();
  const base = (clientId: string, minute: number) => ({ clientId, questionnaireId: s.questionnaireId, offerOrder: order, locale: "en", now: NOW + minute * 60_000, deviceId: "hot-path-device" });
  const done = (clientId: string, minute: number, r: RatingResponse, flags = "") =>
    completeResponse(s.db, { ...base(clientId, minute), answersJson: JSON.stringify({ n: clientId, "名": "值 \"引号\"" }), result: r, minDurationMs: 40_000, completionFlags: flags });
  const profileA = [{ question: "hotpath", value: "a" }];
  const profileB = [{ question: "hotpath", value: "b" }];
  const out: string[] = [];
  out.push(await saveResponseDraft(s.db, { ...base("hot-path-0001", 0), answersJson: '{"p":1}', pageNo: 2, seq: 1 }));
  out.push(await saveResponseDraft(s.db, { ...base("hot-path-0001", 1), answersJson: '{"p":0}', pageNo: 1, seq: 1 }));
  out.push(await done("hot-path-0001", 2, result(s.definition, "complete", profileA)));
  out.push(await done("hot-path-0002", 3, result(s.definition, "complete", profileA)));
  out.push(await done("hot-path-0003", 4, result(s.definition, "screened_out", [])));
  out.push(await done("hot-path-0004", 5, result(s.definition, "complete", profileB), "speeder,straight_liner"));
  out.push(await done("hot-path-0005", 6, result(s.definition, "complete", profileB)));
  out.push(await done("hot-path-0001", 7, result(s.definition, "complete", profileB)));
  out.push(await saveResponseDraft(s.db, { ...base("hot-path-0001", 8), answersJson: "{}", pageNo: 3, seq: 5 }));
  out.push(await saveResponseDraft(s.db, { ...base("hot-path-0001", 8), questionnaireId: s.focusGroupId, answersJson: "{}", pageNo: 3, seq: 6 }));
  out.push(
    await done(
      "hot-path-0006",
      9,
      result(s.definition, "complete", [], {
        maxDiff: [{ kind: "quality", task: 1, items: ["x", "y", "z"], best: "x", worst: "z" }],
        prices: { tooCheap: 1.5, cheap: 2, expensive: 3.25, tooExpensive: 4, likelihoodCheap: 4, likelihoodExpensive: null },
        ladder: [
          { price: 2, buy: true },
          { price: 3.5, buy: false },
        ],
      }),
    ),
  );
  const invited = { ...base("hot-path-0007", 10), invitationId: s.invitationId, respondentRef: "panel-7", origin: "test" as const };
  out.push(await completeResponse(s.db, { ...invited, answersJson: "{}", result: result(s.definition, "complete", []) }));
  // Another client id on the same invitation finds the invitation's response, already finished.
  out.push(await completeResponse(s.db, { ...invited, clientId: "hot-path-0008", answersJson: "{}", result: result(s.definition, "complete", []) }));
  return out;
}

/** Everything the sequence wrote, engine-neutral (booleans as 0/1, the event ids blanked). */
async function written(s: Side) {
  const mine = sql`(select id from responses where client_id like 'hot-path-%')`;
  const rows = <T>(q: ReturnType<typeof sql>) => s.db.rows<T>(q);
  return {
    responses: await rows<{ client_id: string; status: string; screen_reason: string | null }>(sql`select client_id, status, screen_reason, answers_json, page_no, seq, offer_order, locale, quality_share,
        case when invitation_id is null then 0 else 1 end as invited, device_id, wave, respondent_ref, origin, started_at, updated_at, completed_at,
        min_duration_ms, completion_flags from responses where client_id like 'hot-path-%' order by client_id`),
    ratings: await rows(sql`select r.client_id, x.offer_code, x.attribute_code, x.score from response_ratings x join responses r on r.id = x.response_id
        where r.id in ${mine} order by 1, 2, 3`),
    weights: await rows(sql`select r.client_id, x.attribute_code, x.weight from response_weights x join responses r on r.id = x.response_id where r.id in ${mine} order by 1, 2`),
    offers: await rows(sql`select r.client_id, x.offer_code, x.position, case when x.known then 1 else 0 end as known, x.worth, x.overall,
        case when x.chose then 1 else 0 end as chose, case when x.considered then 1 else 0 end as considered
        from response_offers x join responses r on r.id = x.response_id where r.id in ${mine} order by 1, 2`),
    profile: await rows(sql`select r.client_id, x.question_code, x.value from response_profile x join responses r on r.id = x.response_id where r.id in ${mine} order by 1, 2`),
    maxdiff: await rows(sql`select r.client_id, x.kind, x.task, x.items_json, x.best, x.worst from response_maxdiff x join responses r on r.id = x.response_id where r.id in ${mine}`),
    prices: await rows(sql`select r.client_id, x.too_cheap, x.cheap, x.expensive, x.too_expensive, x.likelihood_cheap, x.likelihood_expensive
        from response_prices x join responses r on r.id = x.response_id where r.id in ${mine}`),
    ladder: await rows(sql`select r.client_id, x.price, case when x.buy then 1 else 0 end as buy from response_gabor_granger x join responses r on r.id = x.response_id
        where r.id in ${mine} order by 1, 2`),
    // The feed as the API reads it: on PostgreSQL, listFeedPage first places the pending rows (0012).
    feed: (await listFeedPage(s.db, { studyId: s.studyId, since: 0, limit: 1 }), await rows<{ client_id: string }>(sql`select r.client_id from response_feed f join responses r on r.id = f.response_id where r.id in ${mine} order by f.seq`)).map(
      (r) => r.client_id,
    ),
    deliveries: (
      await rows<{ event: string; dedupe: string | null; payload: string; next: number; created: number }>(
        sql`select event, dedupe_key as "dedupe", payload_json as "payload", next_attempt_at as "next", created_at as "created" from webhook_deliveries order by id`,
      )
    ).map((d) => ({ ...d, payload: d.payload.replace(/^\{"id":"[0-9a-f-]{36}"/, '{"id":"-"').replace(/"responseId":\d+/g, '"responseId":0') })),
  };
}

let sqlite: Side;
let postgres: Side;
beforeAll(async () => {
  if (TEST_ENGINE !== "postgres") return;
  sqlite = await side(createSqliteDb());
  postgres = await side(await createPostgresDb());
}, 60_000);
afterAll(async () => {
  await sqlite?.temp.cleanup();
  await postgres?.temp.cleanup();
});

describe.skipIf(TEST_ENGINE !== "postgres")("PostgreSQL's one-statement draft and completion (0011_pg_hot_path)", () => {
  it("answers and writes exactly what the SQLite transactions do", async () => {
    const outcomes = await run(sqlite);
    expect(await run(postgres)).toEqual(outcomes);
    // By hand: a draft saved, the same seq again stale; 0001 fills cell a, 0002 finds it full;
    // 0003 screened out; 0004 (flagged) completes in cell b but holds no place, so 0005 completes
    // too; 0001 again and its draft change nothing; its id with another questionnaire is refused;
    // 0006 completes; the invitation completes once under 0007, and 0008 finds it finished.
    expect(outcomes).toEqual([
      "saved",
      "stale",
      "completed",
      "completed",
      "completed",
      "completed",
      "completed",
      "already-finished",
      "finished",
      "other-questionnaire",
      "completed",
      "completed",
      "already-finished",
    ]);
    const [a, b] = [await written(sqlite), await written(postgres)];
    expect(b).toEqual(a);
    expect(b.responses.map((r) => [r.client_id, r.status, r.screen_reason])).toEqual([
      ["hot-path-0001", "complete", null],
      ["hot-path-0002", "screened_out", "quota_full"],
      ["hot-path-0003", "screened_out", "screening"],
      ["hot-path-0004", "complete", null],
      ["hot-path-0005", "complete", null],
      ["hot-path-0006", "complete", null],
      ["hot-path-0007", "complete", null],
    ]);
    // Two response events per finished response of cell a's study... and quota.full for a, then b (0004 counts there: not excluded).
    expect(b.deliveries.map((d) => d.event)).toEqual([
      "response.completed",
      "quota.full",
      "response.screened_out",
      "response.screened_out",
      "response.completed",
      "quota.full",
      "response.completed",
      "response.completed",
      "response.completed",
    ]);
  });

  it("locks the same advisory keys as db/client-postgres.ts's advisoryKey", async () => {
    for (const name of ["quota:1", "feed:42", "invitation:7", "", "名前:ü"]) {
      const [row] = await postgres.db.rows<{ key: string }>(sql`select vm_advisory_key(${name})::text as "key"`);
      expect(row!.key).toBe(advisoryKey(name).toString());
    }
  });
});
