import fs from "node:fs";
import http from "node:http";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage, type RespondentPage } from "../helpers/respondent-browser";
import { TEST_ENGINE } from "../helpers/engine";

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

/** POSTs a body in two parts with `between()` run in the gap: the request is in flight meanwhile. */
function postInTwoParts(url: string, page: RespondentPage, body: string, between: () => Promise<void>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/s/demo/responses`, {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "User-Agent": PHONE_USER_AGENT, Cookie: page.cookie },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    between().then(() => req.end(body.slice(half)), reject);
  });
}

describe("health and graceful shutdown", () => {
  it("answers GET /healthz with 200 and ok: true", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers HEAD /healthz with 200 and no body", async () => {
    const res = await fetch(`${server.url}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("finishes an in-flight completion on SIGTERM, then closes the database and exits", async () => {
    const id = "sigterm-inflight-01";
    const exited = new Promise<{ code: number | null; at: number }>((r) => server.process.once("exit", (code) => r({ code, at: Date.now() })));
    let signalledAt = 0;
    // A phone that opened the page and started: its completion is in flight when the signal comes.
    const page = await openRespondentPage(server.url, "demo");
    expect((await postAsPage(server.url, "demo", page, { intent: "start", responseId: id })).status).toBe(200);
    const body = JSON.stringify({ intent: "complete", responseId: id, answers: demoAnswers(), proof: page.proof });
    const answer = await postInTwoParts(server.url, page, body, async () => {
      await new Promise((r) => setTimeout(r, 200)); // the server has the headers and waits for the rest
      signalledAt = Date.now();
      server.process.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: true, outcome: "completed", status: "complete" });
    const { code, at } = await exited;
    expect(code).toBe(0);
    // Remix's default document renderer keeps a 5 s abort timer per page: exit comes within it.
    expect(at - signalledAt).toBeLessThan(7_000);
    if (TEST_ENGINE === "sqlite") {
      // Closed cleanly: the last connection's close checkpointed the WAL and removed it.
      expect(fs.existsSync(`${server.databaseFile}-wal`)).toBe(false);
    } else {
      // PostgreSQL has no file of ours to checkpoint; closing cleanly means the pool was ended
      // (its idle connections would have kept the process alive for their 30 s idle timeout, so
      // the exit above within 7 s already shows it) and the instance left nothing on the
      // server: no session on its database, hence no open transaction and no advisory lock.
      expect(await sessionsLeftOn(server.databaseUrl)).toEqual([]);
    }
    const db = await server.openDb();
    try {
      const rows = await db.rows<{ status: string }>(sql`select status from responses where client_id = ${id}`);
      expect(rows).toEqual([{ status: "complete" }]);
    } finally {
      await db.close();
    }
  });
});

describe("shutdown with clients that went away", () => {
  it("closes the database only after the handlers of requests whose client hung up have finished", async () => {
    // 300 starts whose clients hang up right after sending, a SIGTERM, 100 more: their sockets are
    // gone, so the server's own close does not wait for them; the database must. Before the
    // shutdown counted running handlers, 20 to 40 of them met a closed database.
    const own = await startAppServer();
    const page = await openRespondentPage(own.url, "demo");
    const exited = new Promise<number | null>((r) => own.process.once("exit", (code) => r(code)));
    let sent = 0;
    const hangUpAfterSending = () => {
      const body = JSON.stringify({ intent: "start", responseId: `hangup-${String(sent++).padStart(24, "0")}`, proof: page.proof });
      const req = http.request(`${own.url}/s/demo/responses`, {
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "User-Agent": PHONE_USER_AGENT, Cookie: page.cookie },
      });
      req.on("error", () => {});
      req.on("response", (res) => res.resume());
      req.end(body, () => setImmediate(() => req.destroy()));
    };
    for (let i = 0; i < 300; i++) hangUpAfterSending();
    await new Promise((r) => setTimeout(r, 30));
    own.process.kill("SIGTERM");
    for (let i = 0; i < 100; i++) hangUpAfterSending();
    expect(await exited).toBe(0);
    const errors = own.output().split("\n").filter((line) => /error/i.test(line));
    expect(errors).toEqual([]);
  });
});

/**
 * The sessions other than this check's own on the server's PostgreSQL database, after their
 * backends had up to 2 s to exit (a backend ends shortly after its client disconnects).
 */
async function sessionsLeftOn(databaseUrl: string): Promise<Array<{ state: string | null; query: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 2_000;
    for (;;) {
      const { rows } = await client.query<{ state: string | null; query: string }>(
        "select state, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      if (rows.length === 0 || Date.now() > deadline) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}
