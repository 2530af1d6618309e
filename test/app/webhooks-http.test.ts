import path from "node:path";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../db/seed-demo";
import { verifyWebhook } from "../../app/lib/webhooks/signature.server";
import { demoAnswers } from "../fixtures/answers";
import { Client, freePort, startAppServer, type AppServer } from "../helpers/app-server";
import { startAndComplete } from "../helpers/respondent-browser";
import { TEST_ENGINE } from "../helpers/engine";
import { testPostgres, type PostgresServer } from "../helpers/postgres";
import { makeTempDir } from "../helpers/temp-db";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { one } from "./server-db";

/**
 * Webhooks through the built server and a local receiver: an endpoint added on the page, a
 * completion whose delivery fails while the receiver is down, the server killed (SIGKILL) before
 * it could deliver, and the delivery made by the restarted server once the receiver is up, with a
 * signature that verifies. The page refuses a private address the operator did not allow.
 */
const dir = makeTempDir("valuemap-webhooks-");
let postgres: PostgresServer | null = null;
let database: { databaseFile?: string; databaseUrl?: string };
let server: AppServer | null = null;
let receiver: Receiver | null = null;
let port = 0;
const env = () => ({ WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_RETRY_BASE_SECONDS: "1" });

beforeAll(async () => {
  if (TEST_ENGINE === "postgres") {
    postgres = await testPostgres();
    database = { databaseUrl: postgres.createDatabase("valuemap_webhooks") };
  } else {
    database = { databaseFile: path.join(dir, "valuemap.db") };
  }
  port = await freePort();
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  postgres?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await server!.openDb();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhooks through the server", () => {
  it("refuses a private address the operator did not allow, on the page", async () => {
    server = await startAppServer(env(), database);
    const owner = new Client(server.url);
    expect((await owner.form("/signin", { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status).toBe(302);
    const studyId = await withDb(async (db) => (await one<{ id: number }>(db, sql`select id from studies where public_token = 'demo'`)).id);
    const refused = await owner.form(`/studies/${studyId}/webhooks`, { intent: "add", url: "https://10.0.0.8/hook", events: "response.completed" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This address is private or local: the operator must allow it (WEBHOOK_ALLOW_HOSTS).");
    const added = await owner.form(`/studies/${studyId}/webhooks`, { intent: "add", url: `http://127.0.0.1:${port}/hook`, events: "response.completed" });
    expect(added.status).toBe(200);
    expect(await withDb((db) => db.rows(sql`select url from webhook_endpoints`))).toEqual([{ url: `http://127.0.0.1:${port}/hook` }]);
  });

  it("retries while the receiver is down, survives a crash of the server, and delivers a signed body after the restart", async () => {
    const responseId = "webhook-http-0001";
    const done = await startAndComplete(server!.url, "demo", { responseId, locale: "en", stage: "rating", answers: demoAnswers() });
    expect(done.status).toBe(200);
    // The receiver is down: the first attempt fails and is scheduled again.
    await until("a failed attempt", () =>
      withDb(async (db) => (await db.rows<{ n: number }>(sql`select attempts as "n" from webhook_deliveries where status = 'pending' and attempts >= 1`)).length > 0),
    );
    server!.process.kill("SIGKILL");
    await server!.stop();
    receiver = await startReceiver([200], port);
    server = await startAppServer(env(), database);
    const got = await until("the delivery", async () => receiver!.received[0]);
    const secret = await withDb(async (db) => (await one<{ secret: string }>(db, sql`select secret from webhook_endpoints`)).secret);
    expect(verifyWebhook(secret, got.body, String(got.headers["x-valuemap-signature"]), Date.now())).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ event: "response.completed", data: { status: "complete" } });
    const log = await until("the log", () =>
      withDb(async (db) => (await db.rows<{ status: string; attempts: number }>(sql`select status, attempts from webhook_deliveries where status = 'delivered'`))[0]),
    );
    expect(Number(log.attempts)).toBeGreaterThanOrEqual(2);
    expect(receiver.received).toHaveLength(1);
  });
});
