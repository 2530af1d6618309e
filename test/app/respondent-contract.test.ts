import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Db } from "../../db/client";
import {
  ApiErrorSchema,
  DraftAnswerSchema,
  FinishedAnswerSchema,
  ProofAnswerSchema,
  RefusalSchema,
  StartAnswerSchema,
} from "../../app/lib/fieldwork/respondent-contract";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage, type RespondentPage } from "../helpers/respondent-browser";
import { study, validAnswers } from "../surveys/fixtures";
import { createStudy, newId, publish } from "./respondent-study";

/*
 * The respondent API's answers, from the built server, against the contract's schemas
 * (app/lib/fieldwork/respondent-contract.ts): the page's scripts read them through the contract's
 * types without parsing them again, so a field the server renames or drops must fail here.
 */

let server: AppServer;
let db: Db;
let token: string;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  const created = await createStudy(db);
  token = created.token;
  await publish(db, created.studyId, "rating", study);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** Posts as the page does, the page proof on every intent but `draft`, and reads the JSON answer. */
async function post(page: RespondentPage, body: Record<string, unknown>, to = token) {
  const res = await postAsPage(server.url, to, page, body.intent === "draft" ? body : { ...body, proof: page.proof });
  return { status: res.status, body: (await res.json()) as unknown };
}
/** The body parsed by `schema`: a mismatch fails the test naming the fields. */
function holds<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), JSON.stringify(body).slice(0, 200)).toEqual([]);
  return parsed.data as z.infer<S>;
}

describe("respondent API answers hold to the contract", () => {
  it("start, draft (saved, then stale), screen, complete, complete again", async () => {
    const page = await openRespondentPage(server.url, token);
    const responseId = newId("contract");
    const common = { responseId, locale: "en", stage: "rating" };

    const started = await post(page, { intent: "start", ...common });
    expect(started.status).toBe(200);
    const start = holds(StartAnswerSchema, started.body);
    expect([start.responseId, start.status, start.pageNo, start.seq, start.answers, start.redirect]).toEqual([responseId, "draft", 0, 0, {}, null]);

    const draft = { intent: "draft", ...common, answers: { known_offers: ["alpha"] }, pageNo: 1, seq: 1 };
    expect(holds(DraftAnswerSchema, (await post(page, draft)).body).outcome).toBe("saved");
    // The same seq again changes nothing (db/queries/responses.ts: a draft not newer is stale).
    expect(holds(DraftAnswerSchema, (await post(page, draft)).body).outcome).toBe("stale");

    // No quota: the early screening lets the response go on, still a draft.
    const screened = holds(FinishedAnswerSchema, (await post(page, { intent: "screen", ...common, answers: {} })).body);
    expect([screened.outcome, screened.status]).toEqual(["continue", "draft"]);

    const completed = holds(FinishedAnswerSchema, (await post(page, { intent: "complete", ...common, answers: validAnswers() })).body);
    expect([completed.outcome, completed.status, completed.screenReason, completed.redirect]).toEqual(["completed", "complete", null, null]);
    const again = holds(FinishedAnswerSchema, (await post(page, { intent: "complete", ...common, answers: validAnswers() })).body);
    expect(again.outcome).toBe("already-finished");
  });

  it("refusals: a malformed body (with details), a draft never started, an unknown link, a body that is not JSON", async () => {
    const page = await openRespondentPage(server.url, token);
    const malformed = await post(page, { intent: "start", responseId: "x" });
    expect(malformed.status).toBe(400);
    expect(holds(RefusalSchema, malformed.body)).toMatchObject({ reason: "malformed", details: ["responseId: responseId requires 8-64 letters, digits, - or _"] });

    const notStarted = await post(page, { intent: "draft", responseId: newId("never"), answers: {}, pageNo: 0, seq: 1 });
    expect(notStarted.status).toBe(409);
    expect(holds(RefusalSchema, notStarted.body).reason).toBe("notStarted");

    const unknown = await post(page, { intent: "start", responseId: newId("unknown") }, "no-such-link");
    expect(unknown.status).toBe(404);
    expect(holds(RefusalSchema, unknown.body).reason).toBe("unknown");

    const res = await fetch(`${server.url}/s/${token}/responses`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", "User-Agent": PHONE_USER_AGENT },
      body: "{}",
    });
    expect(res.status).toBe(415);
    expect(holds(RefusalSchema, await res.json()).reason).toBe("contentType");
  });

  it("a fresh page proof, and the error answer for an unknown link", async () => {
    const fresh = await fetch(`${server.url}/s/${token}/responses`, { headers: { Accept: "application/json", "User-Agent": PHONE_USER_AGENT } });
    expect(fresh.status).toBe(200);
    expect(holds(ProofAnswerSchema, await fresh.json()).proof).not.toBe("");
    const unknown = await fetch(`${server.url}/s/no-such-link/responses`, { headers: { Accept: "application/json", "User-Agent": PHONE_USER_AGENT } });
    expect(unknown.status).toBe(404);
    expect(holds(ApiErrorSchema, await unknown.json()).error).toBe("unknown questionnaire link");
  });
});
