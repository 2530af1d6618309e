import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, PHONE_USER_AGENT, postJson, startAppServer, type AppServer } from "../helpers/app-server";
import { demoAnswers } from "../fixtures/answers";
import { openRespondentPage, postAsPage, type RespondentPage } from "../helpers/respondent-browser";
import { one } from "./server-db";

let server: AppServer;
/** A second connection to the server's database, to check what it stored. */
let db: Db;

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

const countResponses = async (clientId: string) => (await one<{ n: number }>(db, sql`select count(*) as "n" from responses where client_id = ${clientId}`)).n;
const countRatings = async (clientId: string) =>
  (await one<{ n: number }>(db, sql`select count(*) as "n" from response_ratings r join responses s on s.id = r.response_id where s.client_id = ${clientId}`)).n;
const studyTitle = async (path: string) => (await one<{ title: string }>(db, sql`select title from studies where id = ${Number(path.split("/")[2])}`)).title;

/** A phone that opened the demo questionnaire (device cookie, page proof) and started `id`. */
async function started(id: string): Promise<RespondentPage> {
  const page = await openRespondentPage(server.url, "demo");
  expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
  return page;
}
const send = (page: RespondentPage, body: Record<string, unknown>) => postAsPage(server.url, "demo", page, body);

async function signUp(email: string): Promise<Client> {
  const client = new Client(server.url);
  const res = await client.form("/signup", { email, password: "correct horse battery" });
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe("/studies");
  return client;
}

describe("respondent API", () => {
  it("answers 404 with a clear message for an unknown token", async () => {
    const res = await postJson(server.url, "/s/no-such-token/responses", { intent: "start", responseId: "abcdefgh1234" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: "unknown questionnaire link", reason: "unknown" });
  });

  it("answers 404 for the respondent page of an unknown token", async () => {
    const res = await fetch(`${server.url}/s/no-such-token`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const res = await postJson(server.url, "/s/demo/responses", "{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("request body requires valid JSON");
  });

  it("answers 400 to a JSON body of the wrong shape and names the field", async () => {
    const res = await postJson(server.url, "/s/demo/responses", { intent: "draft", responseId: "x", answers: [] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("request is malformed");
    expect(body.details.join(" ")).toMatch(/responseId/);
  });

  it("answers 413 to an oversized body and stores nothing", async () => {
    const huge = { intent: "draft", responseId: "oversized-0001", seq: 1, pageNo: 0, answers: { note: "x".repeat(300_000) } };
    const res = await postJson(server.url, "/s/demo/responses", huge);
    expect(res.status).toBe(413);
    expect(await countResponses("oversized-0001")).toBe(0);
  });

  it("starts a response with the questionnaire in the respondent's stored offer order", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const res = await send(page, { intent: "start", responseId: "order-check-01" });
    expect(res.status).toBe(200);
    const body = await res.json();
    const offerPages = body.survey.pages.map((p: { name: string }) => p.name).filter((n: string) => n.startsWith("offer_"));
    const stored = await one<{ offer_order: string }>(db, sql`select offer_order from responses where client_id = 'order-check-01'`);
    expect(offerPages).toEqual(JSON.parse(stored.offer_order).map((c: string) => `offer_${c}`));
  });

  it("stores one response when the same completion is submitted twice", async () => {
    const id = "twice-submit-01";
    const page = await started(id);
    const first = await send(page, { intent: "complete", responseId: id, answers: demoAnswers() });
    const second = await send(page, { intent: "complete", responseId: id, answers: demoAnswers() });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((await first.json()).outcome).toBe("completed");
    expect((await second.json()).outcome).toBe("already-finished");
    expect(await countResponses(id)).toBe(1);
    expect(await countRatings(id)).toBe(16); // 2 known offers x 8 attributes
  });

  it("refuses a completion whose weights do not sum to 100 and keeps the draft as it was", async () => {
    const id = "bad-weights-01";
    const page = await started(id);
    await send(page, { intent: "draft", responseId: id, seq: 1, pageNo: 1, answers: { known_offers: ["aster"] } });
    const bad = demoAnswers({ weights_quality: { reliability: 30, taste: 25, ease: 15, service: 20, design: 0 } });
    const res = await send(page, { intent: "complete", responseId: id, answers: bad });
    expect(res.status).toBe(400);
    expect((await res.json()).details).toContain("weights_quality requires a sum of 100 (got 90)");
    const row = await one<{ status: string; answers_json: string }>(db, sql`select status, answers_json from responses where client_id = ${id}`);
    expect(row.status).toBe("draft");
    expect(JSON.parse(row.answers_json)).toEqual({ known_offers: ["aster"] });
  });

  it("stores a respondent who knows no competitor as screened out, without ratings", async () => {
    const id = "screened-out-01";
    const res = await send(await started(id), {
      intent: "complete",
      responseId: id,
      answers: { known_offers: ["aster"] },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("screened_out");
    expect(await countRatings(id)).toBe(0);
  });

  it("refuses a response id that started on another study's questionnaire", async () => {
    const owner = await signUp("tokens@example.com");
    const studyPath = (await owner.form("/studies", { title: "Second study" })).headers.get("Location")!;
    await owner.form(studyPath, { intent: "addOffer", name: "Mine", isOwn: "on" });
    await owner.form(studyPath, { intent: "addOffer", name: "Theirs" });
    await owner.form(studyPath, { intent: "addAttribute", kind: "quality", name: "Speed" });
    await owner.form(studyPath, { intent: "addAttribute", kind: "price", name: "Price" });
    await owner.form(studyPath, { intent: "publish" });
    const token = await one<{ public_token: string }>(db, sql`select public_token from studies where id = ${Number(studyPath.split("/")[2])}`);
    await started("cross-study-01");
    const other = await openRespondentPage(server.url, token.public_token);
    const res = await postAsPage(server.url, token.public_token, other, {
      intent: "draft",
      responseId: "cross-study-01",
      seq: 1,
      pageNo: 0,
      answers: { known_offers: ["mine"] },
    });
    expect(res.status).toBe(409);
    // The same answer as for any id this link cannot use: nothing says the id exists elsewhere.
    expect((await res.json()).error).toBe("responseId cannot be used with this questionnaire link: start a new response");
  });

  it("does not count a bot: 403 and nothing stored", async () => {
    const id = "bot-response-01";
    for (const agent of ["Googlebot/2.1 (+http://www.google.com/bot.html)", "node", "curl/8.5.0"]) {
      const res = await postJson(server.url, "/s/demo/responses", { intent: "complete", responseId: id, answers: demoAnswers() }, agent);
      expect(res.status, agent).toBe(403);
      expect((await res.json()).error).toBe("automated clients (bots) are not counted as respondents");
    }
    expect(await countResponses(id)).toBe(0);
  });

  it("ignores a draft older than the one already saved", async () => {
    const id = "draft-order-01";
    const page = await started(id);
    await send(page, { intent: "draft", responseId: id, seq: 2, pageNo: 1, answers: { quality_share: 70 } });
    const late = await send(page, { intent: "draft", responseId: id, seq: 1, pageNo: 0, answers: { quality_share: 10 } });
    expect((await late.json()).outcome).toBe("stale");
    const start = await (await send(page, { intent: "start", responseId: id })).json();
    expect(start.answers).toEqual({ quality_share: 70 });
    expect(start.pageNo).toBe(1);
  });
});

describe("researcher pages", () => {
  it("sends a signed-out visitor from /studies to sign in", async () => {
    const res = await fetch(`${server.url}/studies`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/signin?next=%2Fstudies");
  });

  it("refuses a wrong password with a message and no session", async () => {
    const client = new Client(server.url);
    const res = await client.form("/signin", { email: "demo@valuemap.example", password: "wrong password!!" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Email or password is wrong.");
    expect(client.cookie("vm_session")).toBeUndefined();
  });

  it("refuses a password shorter than 12 characters at sign-up", async () => {
    const res = await new Client(server.url).form("/signup", { email: "short@example.com", password: "short" });
    expect(await res.text()).toContain("Password requires 12 to 128 characters.");
  });

  it("issues a new session cookie at sign-in", async () => {
    const client = await signUp("renew@example.com");
    const before = client.cookie("vm_session");
    const res = await client.form("/signin", { email: "renew@example.com", password: "correct horse battery" });
    expect(res.status).toBe(302);
    expect(client.cookie("vm_session")).toBeDefined();
    expect(client.cookie("vm_session")).not.toBe(before);
  });

  it("shows another researcher's study as 404 on every page and changes nothing", async () => {
    const alice = await signUp("alice@example.com");
    const created = await alice.form("/studies", { title: "Alice's study" });
    expect(created.status).toBe(302);
    const studyPath = created.headers.get("Location")!;
    expect(studyPath).toMatch(/^\/studies\/\d+$/);
    const bob = await signUp("bob@example.com");
    expect((await bob.request(studyPath)).status).toBe(404);
    expect((await bob.request(`${studyPath}/report`)).status).toBe(404);
    const post = await bob.form(studyPath, { intent: "details", title: "Bob was here", languages: "en" });
    expect(post.status).toBe(404);
    expect(await studyTitle(studyPath)).toBe("Alice's study");
    expect((await bob.request("/studies/1")).status).toBe(404); // the demo study belongs to the demo account
  });

  it("explains in place why a study cannot be published, then publishes it", async () => {
    const carol = await signUp("carol@example.com");
    const studyPath = (await carol.form("/studies", { title: "Kettles" })).headers.get("Location")!;
    await carol.form(studyPath, { intent: "addOffer", name: "Rival" });
    const page = await (await carol.request(studyPath)).text();
    expect(page).toContain("A study requires exactly one own offer.");
    expect(page).toContain("A study requires at least one quality attribute.");
    const refused = await carol.form(studyPath, { intent: "publish" });
    expect(refused.status).toBe(200);
    await carol.form(studyPath, { intent: "addOffer", name: "Ours", isOwn: "on" });
    await carol.form(studyPath, { intent: "addAttribute", kind: "quality", name: "Boil speed" });
    await carol.form(studyPath, { intent: "addAttribute", kind: "price", name: "Price" });
    const ready = await (await carol.request(studyPath)).text();
    expect(ready).not.toContain("A study requires");
    await carol.form(studyPath, { intent: "publish" });
    expect(await (await carol.request(studyPath)).text()).toContain("Published version 1");
    const report = await (await carol.request(`${studyPath}/report`)).text();
    expect(report).toContain("No complete responses yet.");
  });

  it("answers 400 to an unknown intent", async () => {
    const dave = await signUp("dave@example.com");
    const studyPath = (await dave.form("/studies", { title: "Intent" })).headers.get("Location")!;
    expect((await dave.form(studyPath, { intent: "explode" })).status).toBe(400);
  });

  it("shows the demo report with profiles and the value map to the demo owner", async () => {
    const demo = new Client(server.url);
    await demo.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
    const html = await (await demo.request("/studies/1/report")).text();
    expect(html).toContain("Market-perceived quality profile");
    expect(html).toContain("Market-perceived price profile");
    expect(html).toContain('data-testid="value-map"');
    expect(html).toMatch(/\d+ complete responses/);
    // Bootstrap intervals beside Q, S, RP and V (the four score cards).
    expect(html.match(/class="small muted interval">95% interval [\d.]+ to [\d.]+/g)?.length).toBe(4);
  });
});

describe("sessions", () => {
  async function signIn(email: string, password = "correct horse battery"): Promise<Client> {
    const client = new Client(server.url);
    const res = await client.form("/signin", { email, password });
    expect(res.status).toBe(302);
    return client;
  }
  const signedIn = async (client: Client) => (await client.request("/studies")).status === 200;

  it("sets an HttpOnly, SameSite=Lax session cookie holding no database value", async () => {
    const res = await new Client(server.url).form("/signup", { email: "cookie@example.com", password: "correct horse battery" });
    const line = res.headers.getSetCookie().find((l) => l.startsWith("vm_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    const hashes = await db.rows<{ token_hash: string }>(sql`select token_hash from sessions`);
    expect(hashes.length).toBeGreaterThan(0);
    for (const { token_hash } of hashes) expect(line).not.toContain(token_hash);
  });

  it("signs out every session of the user", async () => {
    await signUp("everywhere@example.com");
    const phone = await signIn("everywhere@example.com");
    const laptop = await signIn("everywhere@example.com");
    expect(await signedIn(phone)).toBe(true);
    await laptop.form("/signout", {});
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
  });

  it("changes the password with the current one and signs out the other sessions only", async () => {
    await signUp("rotate@example.com");
    const here = await signIn("rotate@example.com");
    const elsewhere = await signIn("rotate@example.com");
    const res = await here.form("/account/password", { currentPassword: "correct horse battery", newPassword: "a much longer new secret" });
    expect(await res.text()).toContain("Password changed.");
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    const old = await new Client(server.url).form("/signin", { email: "rotate@example.com", password: "correct horse battery" });
    expect(old.status).toBe(200);
    await signIn("rotate@example.com", "a much longer new secret");
  });

  it("refuses a password change without the right current password or with a short new one", async () => {
    const client = await signUp("keep@example.com");
    const wrong = await client.form("/account/password", { currentPassword: "not my password", newPassword: "a much longer new secret" });
    expect(await wrong.text()).toContain("Current password is wrong.");
    const short = await client.form("/account/password", { currentPassword: "correct horse battery", newPassword: "short" });
    expect(await short.text()).toContain("Password requires 12 to 128 characters.");
    await signIn("keep@example.com");
  });
});

describe("cross-site request forgery", () => {
  async function ownStudy(email: string) {
    const client = await signUp(email);
    const path = (await client.form("/studies", { title: "Original" })).headers.get("Location")!;
    return { client, path };
  }

  it("refuses a forged cross-site POST with 403 and changes nothing", async () => {
    const { client, path } = await ownStudy("forged@example.com");
    const forged = await client.request(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ intent: "details", title: "Forged", languages: "en" }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await studyTitle(path)).toBe("Original");
  });

  it("refuses a cross-site POST even with the right token", async () => {
    const { client, path } = await ownStudy("forged-token@example.com");
    const res = await client.form(path, { intent: "details", title: "Forged", languages: "en" }, { Origin: "http://evil.example" });
    expect(res.status).toBe(403);
    const fetchSite = await client.form(path, { intent: "details", title: "Forged", languages: "en" }, { "Sec-Fetch-Site": "cross-site" });
    expect(fetchSite.status).toBe(403);
    expect(await studyTitle(path)).toBe("Original");
  });

  it("refuses a same-origin POST without the session's token", async () => {
    const { client, path } = await ownStudy("no-token@example.com");
    expect((await client.form(path, { intent: "details", title: "Forged", languages: "en", csrf: "" })).status).toBe(403);
    expect((await client.form(path, { intent: "details", title: "Forged", languages: "en", csrf: "x".repeat(43) })).status).toBe(403);
    expect((await client.form("/studies", { title: "Sneaky", csrf: "" })).status).toBe(403);
    expect((await client.form("/signout", { csrf: "" })).status).toBe(403);
    expect((await client.request("/studies")).status).toBe(200);
    expect(await studyTitle(path)).toBe("Original");
  });

  it("accepts the same change with the token from the page", async () => {
    const { client, path } = await ownStudy("with-token@example.com");
    expect((await client.form(path, { intent: "details", title: "Renamed", languages: "en" })).status).toBe(200);
    expect(await studyTitle(path)).toBe("Renamed");
  });

  it("refuses cross-site sign-in, sign-up and language forms", async () => {
    const evil = { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" };
    const client = new Client(server.url);
    expect((await client.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" }, evil)).status).toBe(403);
    expect(client.cookie("vm_session")).toBeUndefined();
    expect((await client.form("/signup", { email: "csrf-signup@example.com", password: "correct horse battery" }, evil)).status).toBe(403);
    expect((await client.form("/lang", { locale: "zh-CN", back: "/" }, evil)).status).toBe(403);
    expect(client.cookie("vm_locale")).toBeUndefined();
  });
});

describe("security headers", () => {
  const base = ["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"];
  function expectBase(res: Response) {
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    for (const name of [...base, "Content-Security-Policy"]) expect(res.headers.get(name), name).not.toContain(",");
  }

  it("sends a page a CSP whose nonce is on every inline script, new on every request", async () => {
    const first = await fetch(`${server.url}/signin`);
    expectBase(first);
    const csp = first.headers.get("Content-Security-Policy")!;
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = (await fetch(`${server.url}/signin`)).headers.get("Content-Security-Policy");
    expect(second).not.toBe(csp);
  });

  it("puts the nonce on every inline script of a streamed page too (browsers get streaming, bots the whole page)", async () => {
    const res = await fetch(`${server.url}/s/demo`, { headers: { "User-Agent": PHONE_USER_AGENT } });
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy")!)![1];
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends the headers and a deny-all CSP with the JSON API, data requests, resource routes and static files", async () => {
    const api = await postJson(server.url, "/s/demo/responses", { intent: "start", responseId: "headers-check-01" });
    const data = await fetch(`${server.url}/s/demo.data`);
    const health = await fetch(`${server.url}/healthz`);
    const page = await (await fetch(`${server.url}/signin`)).text();
    const asset = /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!;
    const css = await fetch(server.url + asset);
    const forged = await fetch(`${server.url}/signin`, { method: "POST", headers: { Origin: "http://evil.example" } });
    for (const res of [api, data, health, css, forged]) {
      expectBase(res);
      expect(res.headers.get("Content-Security-Policy"), res.url).toContain("default-src 'none'");
    }
  });
});
