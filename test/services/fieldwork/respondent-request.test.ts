import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRespondentRequest } from "../../../app/lib/fieldwork/respondent.server";
import { demoAnswers } from "../../fixtures/answers";
import { scalar } from "../../db/fixtures";
import { demoDb } from "../demo-db";

/** The respondent service on a temporary database (no server): start, then complete twice. */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

const send = async (body: Parameters<typeof handleRespondentRequest>[2]) => {
  const res = await handleRespondentRequest(demo.db, "demo", body, "service-test-device-0001");
  return { status: res.status, body: (await res.json()) as { ok: boolean; outcome?: string; error?: string } };
};

describe("handleRespondentRequest (service, no server)", () => {
  it("stores a completion once, however often it is sent", async () => {
    const before = await scalar(demo.db, sql`select count(*) as "v" from responses where status = 'complete'`);
    expect((await send({ intent: "start", responseId: "service-test-0001", locale: "en", stage: "rating" })).status).toBe(200);
    const first = await send({ intent: "complete", responseId: "service-test-0001", locale: "en", stage: "rating", answers: demoAnswers() });
    const again = await send({ intent: "complete", responseId: "service-test-0001", locale: "en", stage: "rating", answers: demoAnswers() });
    expect([first.status, first.body.outcome]).toEqual([200, "completed"]);
    expect(again.status).toBe(200);
    expect(await scalar(demo.db, sql`select count(*) as "v" from responses where status = 'complete'`)).toBe(before + 1);
  });

  it("refuses an unknown questionnaire with 404 and stores nothing", async () => {
    const before = await scalar(demo.db, sql`select count(*) as "v" from responses`);
    expect((await handleRespondentRequest(demo.db, "no-such-token", { intent: "start", responseId: "service-test-0002", locale: "en", stage: "rating" }, "d")).status).toBe(404);
    expect(await scalar(demo.db, sql`select count(*) as "v" from responses`)).toBe(before);
  });
});
