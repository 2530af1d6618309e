import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRespondentRequest } from "../../../app/lib/fieldwork/respondent.server";
import { deliverDue, retryDelay, type WorkerOptions } from "../../../app/lib/webhooks/delivery-worker.server";
import { verifyWebhook } from "../../../app/lib/webhooks/signature.server";
import { parseAllowList } from "../../../app/lib/webhooks/ssrf-guard.server";
import { createWebhookEndpoint, replayWebhookDelivery } from "../../../app/lib/webhooks/webhook-endpoints.server";
import { closeFieldworkNow } from "../../../app/lib/design/fieldwork-design.server";
import { getStudyById } from "../../../db/queries/members";
import { enqueueClosedFieldwork, listAttempts, listDeliveries } from "../../../db/queries/webhooks";
import { demoAnswers } from "../../fixtures/answers";
import { scalar } from "../../db/fixtures";
import { startReceiver, type Receiver } from "../../helpers/receiver";
import { demoDb } from "../demo-db";

/**
 * Webhooks end to end on a temporary database and a real local receiver: a completion writes its
 * delivery in the same transaction, the loop signs and sends it, retries after failures with
 * backoff, gives up after the last attempt, and refuses private addresses unless allowed.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let receiver: Receiver;
const allowLocal = parseAllowList(["127.0.0.1"]);
const options = (overrides: Partial<WorkerOptions> = {}): WorkerOptions => ({
  allow: allowLocal,
  concurrency: 4,
  maxAttempts: 3,
  baseDelayMs: 60_000,
  maxDelayMs: 86_400_000,
  pollMs: 1000,
  log: () => {},
  ...overrides,
});
let ownerId = 0;
let counter = 0;

async function complete(answers = demoAnswers()): Promise<void> {
  const responseId = `webhook-test-${String(++counter).padStart(4, "0")}`;
  // A response is started from the questionnaire page before it completes (issue 14).
  expect((await handleRespondentRequest(demo.db, "demo", { intent: "start", responseId, locale: "en", stage: "rating" }, `device-${responseId}`)).status).toBe(200);
  const res = await handleRespondentRequest(demo.db, "demo", { intent: "complete", responseId, locale: "en", stage: "rating", answers }, `device-${responseId}`);
  expect(res.status).toBe(200);
}

async function endpoint(url: string, events: Parameters<typeof createWebhookEndpoint>[3]["events"], allow = allowLocal) {
  const made = await createWebhookEndpoint(demo.db, demo.study, ownerId, { url, events }, allow);
  if (!made.ok) throw new Error(made.error);
  const [row] = await demo.db.rows<{ secret: string }>(sql`select secret from webhook_endpoints where id = ${made.id}`);
  return { id: made.id, secret: row!.secret };
}

beforeAll(async () => {
  demo = await demoDb();
  ownerId = demo.study.ownerId;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await demo.cleanup();
});

describe("webhook deliveries", () => {
  it("a completion puts its event in the outbox in its own transaction, and the loop delivers it signed", async () => {
    const { id, secret } = await endpoint(receiver.url, ["response.completed"]);
    await complete();
    const pending = await scalar(demo.db, sql`select count(*) as "v" from webhook_deliveries where endpoint_id = ${id} and status = 'pending'`);
    expect(Number(pending)).toBe(1);
    const before = receiver.received.length;
    expect(await deliverDue(demo.db, options())).toBe(1);
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const { headers, body } = got[0]!;
    const payload = JSON.parse(body) as { event: string; data: { status: string; responseId: number } };
    expect(payload.event).toBe("response.completed");
    expect(payload.data.status).toBe("complete");
    expect(headers["x-valuemap-event"]).toBe("response.completed");
    // The receiver's check, written out: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
    const signature = String(headers["x-valuemap-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyWebhook(secret, body, signature, Date.now())).toBe(true);
    expect(verifyWebhook(secret, body.replace("complete", "completX"), signature, Date.now())).toBe(false);
    expect(verifyWebhook("whsec_other", body, signature, Date.now())).toBe(false);
    // Ten minutes later the same signature is too old (replay protection, 5 minutes' tolerance).
    expect(verifyWebhook(secret, body, signature, Date.now() + 600_000)).toBe(false);
    const [log] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect([log!.status, log!.attempts, log!.lastStatusCode]).toEqual(["delivered", 1, 200]);
    await demo.db.run(sql`delete from webhook_endpoints where id = ${id}`);
  });

  it("retries after the receiver fails, with the backoff doubling from the first wait", async () => {
    const { id } = await endpoint(receiver.url, ["response.completed"]);
    receiver.answers = [500, 503, 200];
    await complete();
    const t0 = Date.now();
    expect(await deliverDue(demo.db, options(), t0)).toBe(1);
    // Not due again before the first wait (1 minute) has passed.
    expect(await deliverDue(demo.db, options(), t0 + 30_000)).toBe(0);
    const [first] = await demo.db.rows<{ next: number }>(sql`select next_attempt_at as "next" from webhook_deliveries where endpoint_id = ${id}`);
    expect(Number(first!.next) - t0).toBeGreaterThanOrEqual(60_000);
    expect(Number(first!.next) - t0).toBeLessThan(65_000);
    expect(await deliverDue(demo.db, options(), t0 + 10 * 60_000)).toBe(1);
    expect(await deliverDue(demo.db, options(), t0 + 20 * 60_000)).toBe(1);
    const [log] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect([log!.status, log!.attempts]).toEqual(["delivered", 3]);
    expect((await listAttempts(demo.db, log!.id)).map((a) => a.statusCode)).toEqual([500, 503, 200]);
    await demo.db.run(sql`delete from webhook_endpoints where id = ${id}`);
  });

  it("gives up after the last attempt and says so in the log", async () => {
    const { id } = await endpoint(receiver.url, ["response.completed"]);
    receiver.answers = [500];
    await complete();
    const lines: string[] = [];
    let now = Date.now();
    for (let i = 0; i < 3; i++) {
      await deliverDue(demo.db, options({ log: (line) => lines.push(line) }), now);
      now += 86_400_000;
    }
    const [log] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect([log!.status, log!.attempts, log!.lastError]).toEqual(["failed", 3, "HTTP 500"]);
    expect(lines.join("\n")).toMatch(/given up after 3 attempts/);
    expect(await deliverDue(demo.db, options(), now + 86_400_000)).toBe(0);
    receiver.answers = [200];
    await demo.db.run(sql`delete from webhook_endpoints where id = ${id}`);
  });

  it("backs off 1 minute, 2, 4 … up to 24 hours", () => {
    const o = { maxAttempts: 20, baseDelayMs: 60_000, maxDelayMs: 86_400_000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, o))).toEqual([60_000, 120_000, 240_000, 480_000]);
    // 2^11 minutes = 34 h > 24 h: capped.
    expect(retryDelay(12, o)).toBe(86_400_000);
    expect(retryDelay(20, o)).toBeNull();
  });

  it("refuses endpoints on private addresses unless the operator allows them, and never sends to them", async () => {
    const none = parseAllowList([]);
    const refusal = (url: string, allow = none) =>
      createWebhookEndpoint(demo.db, demo.study, ownerId, { url, events: ["response.completed"] }, allow).then((r) => (r.ok ? "ok" : r.error));
    expect(await refusal(receiver.url)).toBe("webhooks.error.scheme");
    expect(await refusal(`https://127.0.0.1:${receiver.port}/hook`)).toBe("webhooks.error.private");
    // A name is checked by the address it resolves to.
    expect(await refusal(`https://localhost:${receiver.port}/hook`)).toBe("webhooks.error.private");
    expect(await refusal("https://169.254.169.254/latest/meta-data")).toBe("webhooks.error.private");
    expect(await refusal("https://10.1.2.3/hook")).toBe("webhooks.error.private");
    expect(await refusal("https://[::1]/hook")).toBe("webhooks.error.private");
    expect(await refusal("https://[::ffff:192.168.0.1]/hook")).toBe("webhooks.error.private");
    expect(await refusal("ftp://example.com/hook")).toBe("webhooks.error.scheme");
    expect(await refusal("not a url")).toBe("webhooks.error.url");
    expect(await refusal(receiver.url, allowLocal)).toBe("ok");

    // An endpoint saved while allowed, then the allow-list changes: the delivery is refused at send time.
    const before = receiver.received.length;
    await complete();
    await deliverDue(demo.db, options({ allow: none }));
    expect(receiver.received.length).toBe(before);
    const [log] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect(log!.lastError).toBe("address refused (scheme)");
  });

  it("tells quota.full once, when a completion fills the cell", async () => {
    const { id } = await endpoint(receiver.url, ["quota.full"]);
    const [{ n }] = (await demo.db.rows<{ n: number }>(
      sql`select cast(count(*) as integer) as "n" from responses r join response_profile p on p.response_id = r.id join questionnaires q on q.id = r.questionnaire_id
          where q.study_id = ${demo.study.id} and r.status = 'complete' and (r.review is null or r.review <> 'exclude') and p.question_code = 'segment' and p.value = 'office'`,
    )) as [{ n: number }];
    // One place left in the cell: the next "office" completion fills it, the one after is screened out.
    await demo.db.run(sql`insert into quotas (study_id, question_code, value, target) values (${demo.study.id}, 'segment', 'office', ${Number(n) + 1})`);
    await complete(demoAnswers({ profile_segment: "office" }));
    await complete(demoAnswers({ profile_segment: "office" }));
    await complete(demoAnswers({ profile_segment: "home" }));
    const rows = await demo.db.rows<{ event: string; payload: string }>(sql`select event, payload_json as "payload" from webhook_deliveries where endpoint_id = ${id}`);
    expect(rows.map((r) => r.event)).toEqual(["quota.full"]);
    expect(JSON.parse(rows[0]!.payload).data.quota).toMatchObject({ question: "segment", value: "office", target: Number(n) + 1 });
    await demo.db.run(sql`delete from quotas where study_id = ${demo.study.id}`);
    await demo.db.run(sql`delete from webhook_endpoints where id = ${id}`);
  });

  it("tells fieldwork.closed once after the researcher closes fieldwork, and replays a delivery as a new one", async () => {
    await demo.db.run(sql`delete from webhook_endpoints`);
    const { id } = await endpoint(receiver.url, ["fieldwork.closed"]);
    expect(await enqueueClosedFieldwork(demo.db, Date.now())).toBe(0);
    await closeFieldworkNow(demo.db, (await getStudyById(demo.db, demo.study.id))!);
    const later = Date.now() + 1000;
    expect(await enqueueClosedFieldwork(demo.db, later)).toBe(1);
    expect(await enqueueClosedFieldwork(demo.db, later + 1000)).toBe(0);
    const before = receiver.received.length;
    await deliverDue(demo.db, options(), later);
    expect(JSON.parse(receiver.received[before]!.body)).toMatchObject({ event: "fieldwork.closed" });
    const [log] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect(await replayWebhookDelivery(demo.db, demo.study, ownerId, log!.id)).toBe(true);
    expect(await replayWebhookDelivery(demo.db, demo.study, ownerId, 999_999)).toBe(false);
    await deliverDue(demo.db, options(), later);
    expect(receiver.received.length).toBe(before + 2);
    expect(receiver.received[before + 1]!.body).toBe(receiver.received[before]!.body);
    const [replay] = await listDeliveries(demo.db, { studyId: demo.study.id, limit: 1 });
    expect([replay!.replayOf, replay!.status]).toEqual([log!.id, "delivered"]);
    await demo.db.run(sql`update studies set fieldwork_closes_at = null where id = ${demo.study.id}`);
    await demo.db.run(sql`delete from webhook_endpoints where id = ${id}`);
  });
});
