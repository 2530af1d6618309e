import { sql, type SQL } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, type RespondentPage } from "../helpers/respondent-browser";

/**
 * Fuzzes the respondent API (POST /s/:token/responses) of the production build with a fixed
 * seed and a bounded count. `npm run fuzz` runs 5000 cases per property; FUZZ_SEED replays
 * another seed. A failure prints the seed and the shrunk counterexample.
 */
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 300));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const LIMIT = 262_144; // MAX_BODY_BYTES default (app/lib/platform/env.server.ts)
const ANSWERS_LIMIT = 65_536; // RESPONDENT_ANSWERS_MAX_BYTES default
const timeout = (runs: number, msPerRun: number) => 30_000 + runs * msPerRun;
const settings = (numRuns = RUNS) => ({ seed: SEED, numRuns });

let server: AppServer;
/** A second connection to the server's database (SQLite file or PostgreSQL database). */
let db: Db;
/**
 * The phone the fuzzer speaks as: it opened the demo page (device cookie, page proof), as a
 * browser does; `fresh()` opens it anew as another phone (the per-device cap counts 3 each).
 */
let page: RespondentPage;
const fresh = async () => (page = await openRespondentPage(server.url, "demo"));
/** A request object as the page sends it: with the page proof (the fuzzed fields may still replace it). */
const proved = <T extends object>(body: T): T => ({ proof: page.proof, ...body });
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  await fresh();
  // A personal link of the demo study, so fuzzed bodies reach the invitation paths too.
  await db.run(
    sql`insert into respondent_invitations (study_id, token, created_at)
        values ((select id from studies where public_token = 'demo'), 'fuzzInvitation-000000001', ${Date.now()})`,
  );
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** The count a raw `select count(*) as "n"` returns. */
async function count(query: SQL): Promise<number> {
  const [row] = await db.rows<{ n: number }>(query);
  return row?.n ?? NaN;
}

interface Answer {
  status: number;
  body: { ok?: unknown; outcome?: unknown; status?: unknown; error?: unknown } | null;
}

async function send(body: string | Uint8Array<ArrayBuffer>, options: { token?: string; contentType?: string } = {}): Promise<Answer> {
  const res = await fetch(`${server.url}/s/${options.token ?? "demo"}/responses`, {
    method: "POST",
    headers: {
      "User-Agent": PHONE_USER_AGENT,
      Cookie: page.cookie,
      ...(options.contentType === "" ? {} : { "Content-Type": options.contentType ?? "application/json" }),
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Answer["body"] };
  } catch {
    return { status: res.status, body: null };
  }
}

/** Every error is one of the API's clear 4xx answers, as JSON; never a 5xx. */
function expectHandled(answer: Answer, allowed: number[] = [200, 400, 403, 404, 409, 413]) {
  expect(answer.status).toBeLessThan(500);
  expect(allowed).toContain(answer.status);
  expect(typeof answer.body?.ok).toBe("boolean");
}

// ---- generators -------------------------------------------------------------------------

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", "\u0000", "\uD800", "💥", "e\u0301", "𠜎𠜱", "zh-cn", "ZH-CN", "__proto__", "constructor", "null"),
);
const validId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const weird = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, 5.5, 2 ** 31),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
const attributeCode = fc.constantFrom("reliability", "taste", "ease", "service", "design", "purchase", "running", "terms", "nope");
const offerCode = fc.constantFrom("aster", "birch", "cedar", "none", "only_bought", "ASTER");
const scoreLike = fc.oneof(
  fc.integer({ min: -3, max: 13 }),
  fc.double({ min: -1, max: 12 }),
  fc.constantFrom("8", null, true, 5.5, 10.000001, 1e308, -0),
  weird,
);
const answerName = fc.oneof(
  fc.constantFrom("known_offers", "weights_quality", "weights_price", "quality_share", "last_purchase", "considered_offers", "__proto__"),
  fc.tuple(offerCode, attributeCode).map(([o, a]) => `rating_${o}_${a}`),
  offerCode.map((o) => `worth_${o}`),
  offerCode.map((o) => `overall_${o}`),
  text,
);
const answerValue = fc.oneof(
  scoreLike,
  fc.array(fc.oneof(offerCode, text), { maxLength: 5 }),
  fc.dictionary(attributeCode, fc.oneof(fc.integer({ min: -10, max: 110 }), fc.double({ min: -1, max: 101 }), weird), { maxKeys: 9 }),
);
/** The demo fixture with up to four answers replaced: often invalid, sometimes still valid. */
const mutatedAnswers = fc
  .array(fc.tuple(answerName, answerValue), { maxLength: 4 })
  .map((changes) => demoAnswers(Object.fromEntries(changes)));
const answers = fc.oneof(mutatedAnswers, fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), weird);
const requestShaped = fc.record(
  {
    intent: fc.oneof(fc.constantFrom("start", "draft", "complete"), weird),
    responseId: fc.oneof(validId, weird),
    answers,
    pageNo: fc.oneof(fc.integer({ min: -2, max: 1002 }), weird),
    seq: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.maxSafeInteger(), weird),
    locale: fc.oneof(fc.constantFrom("en", "zh-CN"), weird),
    // The focus-group stage and personal links: valid values, unknown invitations and odd types.
    stage: fc.oneof(fc.constantFrom("rating", "focus_group"), weird),
    invite: fc.oneof(fc.constantFrom("fuzzInvitation-000000001", "noSuchInvitation-0000001"), weird),
  },
  { requiredKeys: [] },
);

// ---- properties -------------------------------------------------------------------------

describe("respondent API under fuzzing", () => {
  it(
    "never answers 5xx to arbitrary JSON bodies",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) => expectHandled(await send(JSON.stringify(body)), [400])),
        settings(),
      );
    },
    timeout(RUNS, 50),
  );

  it(
    "never answers 5xx to request-shaped bodies with wrong types, unicode and odd numbers",
    async () => {
      await fc.assert(
        fc.asyncProperty(requestShaped, async (body) => expectHandled(await send(JSON.stringify(proved(body))))),
        settings(),
      );
    },
    timeout(RUNS, 50),
  );

  it(
    "answers 400 to bodies that are not JSON sent as JSON, 415 to any other content type",
    async () => {
      const raw = fc.oneof(
        text.filter((t) => !isJson(t)),
        fc.uint8Array({ maxLength: 64 }).filter((b) => !isJson(Buffer.from(b).toString("utf8"))),
      );
      const contentType = fc.constantFrom("application/json", "text/plain", "", "multipart/form-data; boundary=x");
      await fc.assert(
        fc.asyncProperty(raw, contentType, async (body, type) => {
          const answer = await send(body, { contentType: type });
          if (type === "application/json") {
            expectHandled(answer, [400]);
            expect(answer.body?.error).toBe("request body requires valid JSON");
          } else {
            expectHandled(answer, [415]);
            expect(answer.body?.error).toBe("request body requires Content-Type: application/json");
          }
        }),
        settings(),
      );
    },
    timeout(RUNS, 50),
  );

  it(
    "answers 404, never 5xx, for unknown or odd tokens in the path",
    async () => {
      const token = fc.oneof(fc.string({ unit: "grapheme", minLength: 1 }), fc.string({ unit: "grapheme-ascii", minLength: 1 }));
      await fc.assert(
        fc.asyncProperty(token.filter((t) => t !== "demo" && !/^\.{1,2}$/.test(t)), async (t) => {
          const answer = await send(JSON.stringify({ intent: "start", responseId: "token-fuzz-01" }), { token: encodeURIComponent(t) });
          expect(answer.status).toBe(404);
        }),
        settings(),
      );
    },
    timeout(RUNS, 50),
  );

  it(
    "stores huge drafts up to the answers limit and answers 413 above it (or above the body limit)",
    async () => {
      const runs = Math.max(10, Math.ceil(RUNS / 10));
      const huge = fc.record({
        chars: fc.integer({ min: 0, max: 100_000 }),
        ch: fc.constantFrom("x", "é", "中", "😀", "\u0000"),
        id: validId,
      });
      await fc.assert(
        fc.asyncProperty(huge, async ({ chars, ch, id }) => {
          const responseId = `huge-${id}`.slice(0, 64);
          expect((await send(JSON.stringify(proved({ intent: "start", responseId })))).status).toBe(200);
          const answers = { note: ch.repeat(chars) };
          const body = JSON.stringify({ intent: "draft", responseId, seq: 1, pageNo: 0, answers });
          const answer = await send(body);
          expectHandled(answer, [200, 413]);
          expect(answer.status).toBe(Buffer.byteLength(body) > LIMIT || Buffer.byteLength(JSON.stringify(answers)) > ANSWERS_LIMIT ? 413 : 200);
        }),
        settings(runs),
      );
    },
    timeout(Math.max(10, Math.ceil(RUNS / 10)), 200),
  );

  it(
    "applies duplicated ids and out-of-order drafts as the model says: newest seq wins, complete is final",
    async () => {
      const runs = Math.max(10, Math.ceil(RUNS / 3));
      // Keys such as "__proto__" are plain answers too: stored exactly as acknowledged.
      const draftAnswers = fc.dictionary(
        text,
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 3 },
      );
      const who = fc.integer({ min: 0, max: 2 }); // three ids per run: duplicated ids
      const op = fc.oneof(
        fc.record({
          kind: fc.constant("draft" as const),
          who,
          seq: fc.integer({ min: 1, max: 6 }),
          pageNo: fc.integer({ min: 0, max: 9 }),
          answers: draftAnswers,
        }),
        fc.record({ kind: fc.constant("complete" as const), who, answers: fc.oneof(fc.constant(demoAnswers()), mutatedAnswers) }),
        fc.record({ kind: fc.constant("start" as const), who }),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
          run++;
          await fresh(); // a new phone per run: at most 3 completions each (the per-device cap)
          const ids = [0, 1, 2].map((i) => `model-${SEED}-${run}-${i}`);
          const model = new Map<string, { status: string; seq: number; answersJson: string }>();
          for (const o of ops) {
            const id = ids[o.who]!;
            const before = model.get(id) ?? { status: "draft", seq: 0, answersJson: "{}" };
            if (o.kind === "start") {
              const answer = await send(JSON.stringify(proved({ intent: "start", responseId: id })));
              expect(answer.status).toBe(200);
              model.set(id, before);
            } else if (!model.has(id)) {
              // Never started: a draft or completion is refused and stores nothing.
              const body = o.kind === "draft" ? { intent: "draft", responseId: id, seq: o.seq, pageNo: o.pageNo, answers: o.answers } : proved({ intent: "complete", responseId: id, answers: o.answers });
              const answer = await send(JSON.stringify(body));
              expect(answer.status).toBe(409);
              expect(answer.body?.error).toMatch(/requires a response started from the questionnaire page/);
            } else if (o.kind === "draft") {
              const answer = await send(JSON.stringify({ intent: "draft", responseId: id, seq: o.seq, pageNo: o.pageNo, answers: o.answers }));
              expect(answer.status).toBe(200);
              const expected = before.status !== "draft" ? "finished" : o.seq <= before.seq ? "stale" : "saved";
              expect(answer.body?.outcome).toBe(expected);
              model.set(id, expected === "saved" ? { status: "draft", seq: o.seq, answersJson: JSON.stringify(o.answers) } : before);
            } else {
              const answer = await send(JSON.stringify(proved({ intent: "complete", responseId: id, answers: o.answers })));
              expectHandled(answer, [200, 400]);
              if (answer.status === 400) {
                continue; // refused: nothing stored, the draft (if any) stays as it was
              }
              expect(answer.body?.outcome).toBe(before.status === "draft" ? "completed" : "already-finished");
              if (before.status === "draft") model.set(id, { ...before, status: String(answer.body?.status) });
            }
          }
          for (const [id, expected] of model) {
            const [row] = await db.rows<{ status: string; seq: number; answersJson: string }>(
              sql`select status, seq, answers_json as "answersJson" from responses where client_id = ${id}`,
            );
            expect(row?.status).toBe(expected.status);
            expect(row?.seq).toBe(expected.seq);
            if (expected.status === "draft") expect(row?.answersJson).toBe(expected.answersJson);
          }
        }),
        settings(runs),
      );
    },
    timeout(Math.max(10, Math.ceil(RUNS / 3)), 400),
  );

  it("stored only valid ratings and weights, and still answers /healthz quickly", async () => {
    // Integers from 1 to 10. On PostgreSQL the columns are integer-typed, so only the range is
    // left to check; SQLite would store whatever type it was given, so the type is checked too.
    const notInteger = (column: string) =>
      db.engine === "sqlite" ? sql.raw(`typeof(${column}) <> 'integer' or `) : sql.raw("");
    const badRatings = await count(sql`select count(*) as "n" from response_ratings where ${notInteger("score")} score not between 1 and 10`);
    expect(badRatings).toBe(0);
    const badOffers = await count(
      sql`select count(*) as "n" from response_offers where
           (worth is not null and (${notInteger("worth")} worth not between 1 and 10)) or
           (overall is not null and (${notInteger("overall")} overall not between 1 and 10))`,
    );
    expect(badOffers).toBe(0);
    // Every complete response has a weight for each attribute, summing to 100 per kind.
    const weightSets = await db.rows<{ id: string; kind: string; attributes: number; given: number; total: number }>(
      sql`select r.client_id as "id", a.kind, count(a.id) as "attributes", count(w.attribute_code) as "given", coalesce(sum(w.weight), 0) as "total"
            from responses r
            join questionnaires q on q.id = r.questionnaire_id
            join attributes a on a.study_id = q.study_id
            left join response_weights w on w.response_id = r.id and w.attribute_code = a.code
           where r.status = 'complete'
           group by r.id, r.client_id, a.kind`,
    );
    const invalid = weightSets.filter((s) => s.given !== s.attributes || Math.abs(s.total - 100) > 1e-6);
    expect(invalid).toEqual([]);
    const badShares = await count(
      sql`select count(*) as "n" from responses where status = 'complete' and (quality_share is null or quality_share not between 0 and 100)`,
    );
    expect(badShares).toBe(0);
    // Not vacuous: fuzzing completed some responses (beyond the 58 the demo seeds).
    const fuzzed = await count(sql`select count(*) as "n" from responses where status = 'complete' and client_id like 'model-%'`);
    expect(fuzzed).toBeGreaterThan(0);
    const started = Date.now();
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
