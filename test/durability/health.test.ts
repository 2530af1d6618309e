import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAnswers } from "../fixtures/answers";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage } from "../helpers/respondent-browser";
import { TEST_ENGINE } from "../helpers/engine";
import { testPostgres, type PostgresServer } from "../helpers/postgres";

// The app's database module opens DATABASE_URL on import: point it at a temporary database of
// the engine under test first (each vitest file runs in its own process, so this stays local to
// this file).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-health-"));
let postgres: PostgresServer | null = null;
let app: typeof import("../../app/lib/platform/db.server") & { loader: typeof import("../../app/routes/healthz").loader };

beforeAll(async () => {
  if (TEST_ENGINE === "postgres") {
    postgres = await testPostgres();
    process.env.DATABASE_URL = postgres.createDatabase("valuemap_health");
  } else {
    process.env.DATABASE_URL = `file:${path.join(dir, "health.db")}`;
  }
  process.env.DEMO = "off";
  const lib = await import("../../app/lib/platform/db.server");
  const route = await import("../../app/routes/healthz");
  app = { ...lib, loader: route.loader };
});
afterAll(async () => {
  await app?.closeDatabase();
  postgres?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the driver says when the handle is used after closeDatabase(). */
const closedMessage =
  TEST_ENGINE === "postgres" ? "Cannot use a pool after calling end on the pool" : "The database connection is not open";

/** The route's loader as Remix calls it, without a load context (then it uses the process's database). */
const callLoader = () => app.loader({ request: new Request("http://localhost/healthz"), params: {}, context: {} });

describe("/healthz loader", () => {
  it("answers 200 { ok: true } while the database answers select 1", async () => {
    const res = await callLoader();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 503 with a clear message once the database is closed", async () => {
    await app.closeDatabase();
    const res = await callLoader();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: `database is not answering: ${closedMessage}` });
  });
});

// SQLite is a file inside the process: apart from the closed handle above there is no server to
// lose. PostgreSQL is a server the instance reaches over the network, so on that engine the
// built server is also checked while its database refuses connections, and after it is dropped.
if (TEST_ENGINE === "postgres") {
  describe("/healthz of the built server while PostgreSQL refuses its database", () => {
    let server: AppServer;
    let handle: PostgresServer;
    let name: string;

    beforeAll(async () => {
      handle = await testPostgres();
      const url = handle.createDatabase("valuemap_unreachable");
      name = decodeURIComponent(new URL(url).pathname.slice(1));
      // DEMO on again: the loader tests above turned it off in this process's environment.
      server = await startAppServer({ DEMO: "on" }, { databaseUrl: url });
    });
    afterAll(async () => {
      await server?.stop();
      handle?.stop();
    });

    const health = async () => {
      const started = Date.now();
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(12_000) });
      return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string }, ms: Date.now() - started };
    };

    /** Backends still connected to the database (they end shortly after being terminated). */
    const backendsLeft = async () => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const n = Number(handle.psql(`select count(*) from pg_stat_activity where datname = '${name}'`).trim());
        if (n === 0 || Date.now() > deadline) return n;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    /**
     * /healthz until it gives `error` (at most 5 s): right after the terminations the first
     * answer may still name the connection the server just closed. Every answer must be 503.
     */
    const until503 = async (error: string) => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const answer = await health();
        expect(answer.status).toBe(503);
        if (answer.body.error === error || Date.now() > deadline) return answer;
      }
    };

    it("answers 503 naming the refusal while connections are refused, and 200 again once they are allowed (no restart)", async () => {
      expect((await health()).status).toBe(200);
      // A respondent who started before the database went away.
      const respondent = await openRespondentPage(server.url, "demo");
      expect((await postAsPage(server.url, "demo", respondent, { intent: "start", responseId: "while-refused-01" })).status).toBe(200);
      // What an operator does to cut one database off (maintenance, failover): refuse new
      // connections and end the open ones, the app instance's pooled connections included.
      handle.psql(
        `alter database "${name}" with allow_connections false;
         select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}';`,
      );
      expect(await backendsLeft()).toBe(0);
      const down = await until503(`database is not answering: database "${name}" is not currently accepting connections`);
      expect(down.body).toEqual({
        ok: false,
        error: `database is not answering: database "${name}" is not currently accepting connections`,
      });
      expect(down.ms).toBeLessThan(2_000); // refused at once, not left to the 10 s connect timeout
      // Respondents are told the truth: nothing acknowledged while the database is away.
      const refused = await postAsPage(server.url, "demo", respondent, { intent: "complete", responseId: "while-refused-01", answers: demoAnswers() });
      expect(refused.status).toBe(500);
      expect(await refused.json()).toEqual({ ok: false, error: "internal error" });

      handle.psql(`alter database "${name}" with allow_connections true`);
      const up = await health();
      expect(up).toMatchObject({ status: 200, body: { ok: true } });
      expect(server.process.exitCode).toBeNull(); // the lost connections did not end the process
      const stored = await postAsPage(server.url, "demo", respondent, { intent: "complete", responseId: "while-refused-01", answers: demoAnswers() });
      expect(stored.status).toBe(200);
      expect(await stored.json()).toMatchObject({ ok: true, outcome: "completed", status: "complete" });
    });

    it("answers 503 naming the missing database once it is dropped", async () => {
      handle.psql(`drop database "${name}" with (force)`);
      const gone = await until503(`database is not answering: database "${name}" does not exist`);
      expect(gone.body).toEqual({ ok: false, error: `database is not answering: database "${name}" does not exist` });
      expect(server.process.exitCode).toBeNull();
    });
  });
}
