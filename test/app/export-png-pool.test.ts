import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/*
 * Issue 14, item 4: PNG renderings run through a bounded pool. 30 parallel PNG downloads through a
 * share link (no account) on a server with one worker and a queue of 2: at most 3 are taken, the
 * rest answer 503 with Retry-After and a message at once, and /healthz stays quick meanwhile.
 */
let server: AppServer;
let link: string;
beforeAll(async () => {
  server = await startAppServer({ PNG_WORKERS: "1", PNG_QUEUE: "2", PNG_QUEUE_WAIT_SECONDS: "20" });
  const owner = new Client(server.url);
  expect((await owner.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
  link = /(\/r\/[A-Za-z0-9_-]{43})</.exec(await (await owner.form("/studies/1/share", { intent: "create" })).text())![1]!;
});
afterAll(async () => {
  await server?.stop();
});

describe("PNG rendering pool", () => {
  it("takes 1 + 2 of 30 parallel PNG downloads, refuses the rest with 503 + Retry-After, and /healthz stays quick", async () => {
    const downloads = Array.from({ length: 30 }, () => fetch(`${server.url}${link}/export/value-map.png`));
    // While they run, the health check answers quickly (the issue saw 7 s without a pool).
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const healthMs = performance.now() - started;
    const answers = await Promise.all(downloads);
    const statuses = answers.map((r) => r.status);
    // The exact bound (1 running + 2 queued, the rest refused at once) is proved with held jobs in
    // test/services/platform/work-pool.test.ts. Here the 30 requests reach a busy server over a
    // few hundred ms, and a drawing that finishes meanwhile frees a place for a later one, so
    // the count of drawn images is 3 plus the drawings finished during the burst (seen: 4).
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(24);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.headers.get("Retry-After")).toBe("20");
    expect(await busy.text()).toBe("Chart images are being drawn for others right now: try again in a few seconds.");
    for (const res of answers.filter((r) => r.status === 200)) expect(res.headers.get("Content-Type")).toBe("image/png");
    // Without the pool the issue measured 7 s; with it, a few hundred ms on an idle machine (3 s
    // leaves room for the other test files sharing the 2 CPUs).
    expect(healthMs).toBeLessThan(3000);
  }, 120_000);
});
