import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, type RespondentPage } from "../helpers/respondent-browser";
import { newId } from "./respondent-study";
import { TEST_ENGINE } from "../helpers/engine";

/*
 * Issue 23: the production server answers POST /s/:token/responses from a plain node:http
 * listener in front of express. Its answers must carry exactly the headers the express route
 * sent: this test was written against the express route (it passed there) and pins, for each
 * kind of answer, every header line as it arrives on the wire (duplicates and all): the security
 * headers every response gets (app/lib/platform/security-headers.server.ts), HSTS only over
 * HTTPS from a trusted proxy, the answer's own Content-Type, Set-Cookie and Retry-After, and
 * node's Date, Connection, Keep-Alive and Content-Length (the body's length in bytes).
 */
let server: AppServer;
beforeAll(async () => {
  // Requests come from 127.0.0.1: a proxy on the loopback is trusted (HSTS, X-Forwarded-For).
  server = await startAppServer({ TRUST_PROXY: "loopback", RESPONDENT_RATE_LIMIT: "3" });
});
afterAll(async () => {
  await server?.stop();
});

const SECURITY = [
  "content-security-policy: default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "referrer-policy: same-origin",
  "x-content-type-options: nosniff",
  "x-frame-options: DENY",
];
const NODE = ["connection: keep-alive", "date: <date>", "keep-alive: timeout=5"];
const JSON_TYPE = "content-type: application/json";

interface Answer {
  status: number;
  /** Every header line, lowercase name, sorted; Date, Content-Length and the device id masked. */
  lines: string[];
  body: string;
}

/** One POST over a fresh connection, read with node:http (rawHeaders keeps every line as sent). */
function post(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(
      url,
      { method: "POST", agent: false, headers: { Connection: "keep-alive", "Content-Length": String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const lines: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            let value = res.rawHeaders[i + 1]!;
            if (name === "date") value = "<date>";
            if (name === "content-length") {
              expect(Number(value), `${path} content-length`).toBe(Buffer.byteLength(text));
              value = "<n>";
            }
            if (name === "set-cookie") value = value.replace(/^vm_device=[A-Za-z0-9_-]+/, "vm_device=<id>");
            lines.push(`${name}: ${value}`);
          }
          resolve({ status: res.statusCode!, lines: lines.sort(), body: text });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const asPage = (page: RespondentPage, extra: Record<string, string> = {}) => ({
  "Content-Type": "application/json",
  "User-Agent": PHONE_USER_AGENT,
  Cookie: page.cookie,
  ...extra,
});
const expected = (...lines: string[]) => [...SECURITY, ...NODE, "content-length: <n>", ...lines].sort();

describe("headers of the respondent API's answers (same as the express route sent)", () => {
  it("start and complete: the security headers, JSON, node's own, nothing else", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const id = newId("headers");
    const from = { "X-Forwarded-For": "198.51.100.1" };
    const started = await post("/s/demo/responses", JSON.stringify({ intent: "start", responseId: id, proof: page.proof }), asPage(page, from));
    expect(started.status).toBe(200);
    expect(started.lines).toEqual(expected(JSON_TYPE));
    const draft = await post("/s/demo/responses", JSON.stringify({ intent: "draft", responseId: id, answers: {}, pageNo: 1, seq: 1 }), asPage(page, from));
    expect(draft.status).toBe(200);
    expect(draft.lines).toEqual(expected(JSON_TYPE));
    const body = JSON.stringify({ intent: "complete", responseId: id, proof: page.proof, answers: demoAnswers() });
    const completed = await post("/s/demo/responses", body, asPage(page, from));
    expect(completed.status).toBe(200);
    expect(JSON.parse(completed.body)).toMatchObject({ ok: true, outcome: "completed" });
    expect(completed.lines).toEqual(expected(JSON_TYPE));
  });

  it("a device without a cookie gets one Set-Cookie; over HTTPS from the trusted proxy, Secure and HSTS", async () => {
    const body = JSON.stringify({ intent: "draft", responseId: newId("headers"), answers: {}, pageNo: 1, seq: 1 });
    const headers = { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT, "X-Forwarded-For": "198.51.100.2" };
    const plain = await post("/s/demo/responses", body, headers);
    expect(plain.status).toBe(409);
    expect(plain.lines).toEqual(
      expected(JSON_TYPE, "set-cookie: vm_device=<id>; Path=/s/; Max-Age=31536000; HttpOnly; SameSite=Lax"),
    );
    const https = await post("/s/demo/responses", body, { ...headers, "X-Forwarded-Proto": "https" });
    expect(https.lines).toEqual(
      expected(
        JSON_TYPE,
        "set-cookie: vm_device=<id>; Path=/s/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure",
        "strict-transport-security: max-age=31536000",
      ),
    );
  });

  it("refusals: cross-site, not JSON, bot, malformed, unknown link, too many requests", async () => {
    const page = await openRespondentPage(server.url, "demo");
    const start = JSON.stringify({ intent: "start", responseId: newId("headers"), proof: page.proof });
    const refusal = expected(JSON_TYPE);
    const cases: Array<[number, string, Record<string, string>, string]> = [
      [403, "/s/demo/responses", asPage(page, { Origin: "http://evil.example" }), start],
      [415, "/s/demo/responses", asPage(page, { "Content-Type": "text/plain" }), start],
      [403, "/s/demo/responses", asPage(page, { "User-Agent": "curl/8.0" }), start],
      [400, "/s/demo/responses", asPage(page), "{not json"],
      [404, "/s/no-such-link/responses", asPage(page), start],
    ];
    for (const [status, path, headers, body] of cases) {
      const answer = await post(path, body, { ...headers, "X-Forwarded-For": "198.51.100.7" });
      expect(answer.status, answer.body).toBe(status);
      expect(answer.lines, answer.body).toEqual(refusal);
    }
    // Three requests per 10 minutes from one address (RESPONDENT_RATE_LIMIT=3): the fourth is refused.
    const from = { "X-Forwarded-For": "198.51.100.8" };
    for (let i = 0; i < 3; i++) expect((await post("/s/demo/responses", "{not json", asPage(page, from))).status).toBe(400);
    const limited = await post("/s/demo/responses", "{not json", asPage(page, from));
    expect(limited.status).toBe(429);
    // In memory (SQLite) the window starts at the first request: 600 s to wait. In the database
    // (PostgreSQL, shared by instances) windows are aligned to multiples of 10 minutes: 1 to 600 s.
    const retry = limited.lines.find((l) => l.startsWith("retry-after: "));
    const seconds = Number(retry?.slice("retry-after: ".length));
    if (TEST_ENGINE === "sqlite") expect(seconds).toBe(600);
    else expect(seconds >= 1 && seconds <= 600, retry).toBe(true);
    expect(limited.lines).toEqual([...refusal, retry].sort());
  });

  it("a body over the limit: 413 and the connection closed, with the security headers", async () => {
    const answer = await post("/s/demo/responses", "x".repeat(262_145), { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT });
    expect(answer.status).toBe(413);
    expect(answer.lines).toEqual([...SECURITY, "connection: close", "content-length: <n>", "content-type: application/json; charset=utf-8", "date: <date>"].sort());
  });
});
