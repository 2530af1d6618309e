import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../db/seed-demo";
import { demoAnswers } from "../fixtures/answers";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage, type RespondentPage } from "../helpers/respondent-browser";
import { one } from "./server-db";

/**
 * Panel links through the built server: the researcher sets the four addresses on the panel page;
 * a respondent's `rid` is stored with the response and comes back in the redirect of their final
 * state (complete, screened out, quota full, closed), with the response in that status; without
 * a rid there is no redirect; the test link marks the response as a test.
 */
let server: AppServer;
let db: Db;
let studyId = 0;
let n = 0;
const REDIRECTS = {
  completeUrl: "https://panel.example/end?status=complete&id={rid}",
  screenedOutUrl: "https://panel.example/end?status=screenout&id={rid}",
  quotaFullUrl: "https://panel.example/end?status=quotafull&id={rid}",
  closedUrl: "https://panel.example/end?status=closed&id={rid}",
};

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  studyId = (await one<{ id: number }>(db, sql`select id from studies where public_token = 'demo'`)).id;
  const owner = new Client(server.url);
  expect((await owner.form("/signin", { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status).toBe(302);
  expect((await owner.form(`/studies/${studyId}/panel`, REDIRECTS)).status).toBe(200);
  const page = await (await owner.request(`/studies/${studyId}/panel`)).text();
  expect(page).toContain(`/s/demo?rid={rid}&amp;test=1`);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

type Answer = { status: number; body: { ok: boolean; status?: string; screenReason?: string | null; redirect?: string | null; reason?: string } };
/** As the respondent's page sends it: the page opened first (device cookie, page proof), then the JSON request. */
async function send(body: Record<string, unknown>, opened?: RespondentPage): Promise<Answer> {
  const page = opened ?? (await openRespondentPage(server.url, "demo"));
  const res = await postAsPage(server.url, "demo", page, { locale: "en", stage: "rating", ...body });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}
const stored = (clientId: string) =>
  one<{ status: string; ref: string | null; origin: string }>(db, sql`select status, respondent_ref as "ref", origin from responses where client_id = ${clientId}`);

async function finish(rid: string | undefined, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const responseId = `panel-test-${String(++n).padStart(4, "0")}`;
  const page = await openRespondentPage(server.url, "demo");
  const start = await send({ intent: "start", responseId, ...(rid ? { rid } : {}), ...extra }, page);
  expect(start.status).toBe(200);
  const done = await send({ intent: "complete", responseId, answers, ...(rid ? { rid } : {}), ...extra }, page);
  return { responseId, done };
}

describe("panel links", () => {
  it("sends a complete respondent to the complete address with their id, and stores the id", async () => {
    const { responseId, done } = await finish("PNL-0001", demoAnswers());
    expect(done).toEqual({ status: 200, body: expect.objectContaining({ status: "complete", redirect: "https://panel.example/end?status=complete&id=PNL-0001" }) });
    expect(await stored(responseId)).toEqual({ status: "complete", ref: "PNL-0001", origin: "web" });
  });

  it("encodes the id in the address", async () => {
    const { done } = await finish("a&b=c/d", demoAnswers());
    expect(done.body.redirect).toBe("https://panel.example/end?status=complete&id=a%26b%3Dc%2Fd");
  });

  it("sends a screened-out respondent to the screen-out address", async () => {
    const { responseId, done } = await finish("PNL-0002", { known_offers: ["birch"] });
    expect(done.body).toMatchObject({ status: "screened_out", screenReason: "screening", redirect: "https://panel.example/end?status=screenout&id=PNL-0002" });
    expect((await stored(responseId)).status).toBe("screened_out");
  });

  it("sends a respondent whose quota is full to the quota-full address", async () => {
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${studyId}, 'segment', 'home', 1)`);
    try {
      const { responseId, done } = await finish("PNL-0003", demoAnswers({ profile_segment: "home" }));
      expect(done.body).toMatchObject({ status: "screened_out", screenReason: "quota_full", redirect: "https://panel.example/end?status=quotafull&id=PNL-0003" });
      expect((await stored(responseId)).status).toBe("screened_out");
    } finally {
      await db.run(sql`delete from quotas where study_id = ${studyId}`);
    }
  });

  it("sends a respondent arriving after fieldwork closed to the closed address", async () => {
    await db.run(sql`update studies set fieldwork_closes_at = ${Date.now() - 60_000} where id = ${studyId}`);
    try {
      const res = await send({ intent: "start", responseId: "panel-test-closed-1", rid: "PNL-0004" });
      expect(res).toEqual({ status: 403, body: expect.objectContaining({ reason: "closed", redirect: "https://panel.example/end?status=closed&id=PNL-0004" }) });
    } finally {
      await db.run(sql`update studies set fieldwork_closes_at = null where id = ${studyId}`);
    }
  });

  it("gives no redirect to a respondent without an id, and answers a finished one's start with its redirect", async () => {
    const plain = await finish(undefined, demoAnswers());
    expect(plain.done.body).toMatchObject({ status: "complete", redirect: null });
    const { responseId } = await finish("PNL-0005", demoAnswers());
    const again = await send({ intent: "start", responseId });
    expect(again.body).toMatchObject({ status: "complete", redirect: "https://panel.example/end?status=complete&id=PNL-0005" });
  });

  it("marks responses from the test link as test", async () => {
    const { responseId, done } = await finish("PNL-TEST", demoAnswers(), { test: true });
    expect(done.body.redirect).toBe("https://panel.example/end?status=complete&id=PNL-TEST");
    expect(await stored(responseId)).toEqual({ status: "complete", ref: "PNL-TEST", origin: "test" });
  });

  it("refuses an id with spaces and stores nothing", async () => {
    const res = await send({ intent: "start", responseId: "panel-test-bad-1", rid: "has space" });
    expect(res.status).toBe(400);
    expect(await db.rows(sql`select 1 from responses where client_id = 'panel-test-bad-1'`)).toEqual([]);
  });
});
