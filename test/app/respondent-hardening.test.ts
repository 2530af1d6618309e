import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage } from "../helpers/respondent-browser";
import { study } from "../surveys/fixtures";
import { createStudy, newId, publish } from "./respondent-study";
import { one } from "./server-db";

/*
 * Issue 14, the respondent API at the HTTP boundary of the built server: cross-site and
 * non-JSON submissions, the page proof, completions of responses never started, bots without a
 * User-Agent, answers too large or too deep, and what the 409 says. Every refusal stores nothing.
 */
let server: AppServer;
let db: Db;
beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const stored = async (clientId: string) => (await one<{ n: number }>(db, sql`select cast(count(*) as integer) as "n" from responses where client_id = ${clientId}`)).n;
const raw = (body: string, headers: Record<string, string>) =>
  fetch(`${server.url}/s/demo/responses`, { method: "POST", headers: { "User-Agent": PHONE_USER_AGENT, ...headers }, body });

describe("cross-site submissions (issue 14, item 1)", () => {
  it("refuses a text/plain body (what a page on another site sends with no-cors) with 415 and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("plain");
    for (const intent of ["start", "complete"]) {
      const body = JSON.stringify({ intent, responseId: id, proof: page.proof, answers: demoAnswers() });
      const res = await raw(body, { "Content-Type": "text/plain;charset=UTF-8", Cookie: page.cookie });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ ok: false, reason: "contentType", error: "request body requires Content-Type: application/json" });
    }
    const form = await raw(`intent=start&responseId=${id}`, { "Content-Type": "application/x-www-form-urlencoded", Cookie: page.cookie });
    expect(form.status).toBe(415);
    expect(await stored(id)).toBe(0);
  });

  it("refuses Sec-Fetch-Site cross-site or same-site and a foreign Origin with 403, even with a valid proof, and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("xsite");
    const foreign: Array<Record<string, string>> = [{ "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site" }, { Origin: "https://attacker.example" }];
    for (const headers of foreign) {
      const res = await postAsPage(server.url, "demo", page, { intent: "start", responseId: id }, headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, reason: "crossSite" });
    }
    expect(await stored(id)).toBe(0);
    // The page's own requests (same origin) go through.
    const own = await postAsPage(server.url, "demo", page, { intent: "start", responseId: id }, { "Sec-Fetch-Site": "same-origin", Origin: server.url });
    expect(own.status).toBe(200);
  });
});

describe("the page proof (issue 14, items 1 and 2)", () => {
  it("refuses start and complete without the proof GET /s/:token gives, and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    expect(page.proof).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    const id = newId("noproof");
    for (const body of [
      { intent: "start", responseId: id, proof: undefined },
      { intent: "start", responseId: id, proof: "0.forged" },
      { intent: "complete", responseId: id, answers: demoAnswers(), proof: undefined },
    ]) {
      const res = await postAsPage(server.url, "demo", { ...page, proof: null }, JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, reason: "proof" });
    }
    expect(await stored(id)).toBe(0);
  });

  it("ties the proof to the device cookie: the same proof without the cookie, or with another, is refused", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const other = await openRespondentPage(server.url, "demo");
    const id = newId("nocookie");
    expect((await postAsPage(server.url, "demo", { ...page, cookie: "" }, { intent: "start", responseId: id })).status).toBe(403);
    expect((await postAsPage(server.url, "demo", { ...page, cookie: other.cookie }, { intent: "start", responseId: id })).status).toBe(403);
    expect(await stored(id)).toBe(0);
    expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
  });

  it("refuses to complete a response never started (409) and stores nothing; a started one completes", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("unstarted");
    const res = await postAsPage(server.url, "demo", page, { intent: "complete", responseId: id, answers: demoAnswers() });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ ok: false, reason: "notStarted" });
    const draft = await postAsPage(server.url, "demo", page, { intent: "draft", responseId: id, seq: 1, pageNo: 0, answers: { quality_share: 50 } });
    expect(draft.status).toBe(409);
    expect(await stored(id)).toBe(0);
    expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
    const done = await postAsPage(server.url, "demo", page, { intent: "complete", responseId: id, answers: demoAnswers() });
    expect(await done.json()).toMatchObject({ ok: true, outcome: "completed", status: "complete" });
  });

  it("says why in the respondent's language", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const res = await postAsPage(server.url, "demo", page, { intent: "complete", responseId: newId("zh"), locale: "zh-CN", answers: demoAnswers() });
    expect((await res.json()).message).toBe("本问卷并未在此页面上开始。请刷新页面。");
  });
});

describe("smaller items (issue 14, item 8)", () => {
  it("refuses a request with an empty or missing User-Agent as a bot (403) and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("noagent");
    for (const agent of ["", "   "]) {
      const res = await postAsPage(server.url, "demo", page, { intent: "start", responseId: id }, { "User-Agent": agent });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ reason: "bot" });
    }
    expect(await stored(id)).toBe(0);
  });

  it("does not tell that a response id exists in another study: the same 409 as for any id this link cannot use", async () => {
    const { studyId, token } = await createStudy(db);
    await publish(db, studyId, "rating", study);
    const demoPage = await openRespondentPage(server.url, "demo");
    const id = newId("elsewhere");
    expect((await postAsPage(server.url, "demo", demoPage, { intent: "start", responseId: id })).status).toBe(200);
    const page = await openRespondentPage(server.url, token);
    const res = await postAsPage(server.url, token, page, { intent: "draft", responseId: id, seq: 1, pageNo: 0, answers: {} });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body).toMatchObject({ reason: "conflict", error: "responseId cannot be used with this questionnaire link: start a new response" });
    expect(JSON.stringify(body)).not.toMatch(/another (questionnaire|study)|exists/);
  });
});

describe("answers too large or too deep (issue 14, item 5)", () => {
  it("refuses a 20 KB draft of nested arrays with 400 and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("deep");
    expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
    const nested = "[".repeat(10_000) + "]".repeat(10_000);
    const body = `{"intent":"draft","responseId":"${id}","seq":1,"pageNo":0,"answers":{"note":${nested}}}`;
    expect(body.length).toBeGreaterThan(20_000);
    const res = await postAsPage(server.url, "demo", page, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: "tooDeep", error: "answers nest deeper than 6 levels" });
    const row = await one<{ answers: string; seq: number }>(db, sql`select answers_json as "answers", seq from responses where client_id = ${id}`);
    expect(row).toEqual({ answers: "{}", seq: 0 });
  });

  it("refuses answers larger than 64 KB with 413 and stores nothing", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("wide");
    expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
    const answers = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`n${i}`, "x".repeat(100)]));
    const res = await postAsPage(server.url, "demo", page, { intent: "draft", responseId: id, seq: 1, pageNo: 0, answers });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ reason: "tooLarge" });
    expect((await one<{ seq: number }>(db, sql`select seq from responses where client_id = ${id}`)).seq).toBe(0);
  });
});
