import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { openPostgresDatabase } from "../../db/client-postgres";
import { DatabaseRateLimiter, MemoryRateLimiter, rateLimiterFor } from "../../app/lib/platform/rate-limit.server";
import { createTempDb, type TempDb } from "../helpers/temp-db";

/**
 * The respondent API's rate limit: in memory on SQLite (one process), in the database on
 * PostgreSQL, where every app instance must see the same count. The database limiter is tested
 * on the engine under test, with two connections standing for two instances.
 */
const WINDOW = 600_000;
const T0 = 1_800_000_000_000; // a multiple of the window: windows start here

let temp: TempDb | null = null;
let second: Db | null = null;
afterEach(async () => {
  await second?.close();
  second = null;
  await temp?.cleanup();
  temp = null;
});

async function twoConnections(): Promise<[Db, Db]> {
  temp = await createTempDb();
  second = temp.db.engine === "postgres" ? await openPostgresDatabase({ url: temp.url, max: 4 }) : openDatabase({ url: temp.file });
  return [temp.db, second];
}

describe("rate limiters", () => {
  it("chooses memory on SQLite and the database on PostgreSQL", async () => {
    temp = await createTempDb();
    const limiter = rateLimiterFor(temp.db, 5, WINDOW, "test");
    expect(limiter).toBeInstanceOf(temp.db.engine === "postgres" ? DatabaseRateLimiter : MemoryRateLimiter);
  });

  it("memory: admits `limit` requests per key and window, then says when the window ends", async () => {
    const limiter = new MemoryRateLimiter(3, WINDOW);
    for (let i = 0; i < 3; i++) expect(await limiter.take("a", T0 + i)).toEqual({ ok: true });
    expect(await limiter.take("a", T0 + 60_000)).toEqual({ ok: false, retryAfterSeconds: 540 });
    expect(await limiter.take("b", T0 + 60_000)).toEqual({ ok: true });
    expect(await limiter.take("a", T0 + WINDOW)).toEqual({ ok: true });
  });

  it("database: admits `limit` requests per key and aligned window, then says when the window ends", async () => {
    const [db] = await twoConnections();
    const limiter = new DatabaseRateLimiter(db, 3, WINDOW, "test");
    for (let i = 0; i < 3; i++) expect(await limiter.take("a", T0 + i)).toEqual({ ok: true });
    // 60 s into the window starting at T0: 540 s left.
    expect(await limiter.take("a", T0 + 60_000)).toEqual({ ok: false, retryAfterSeconds: 540 });
    expect(await limiter.take("b", T0 + 60_000)).toEqual({ ok: true });
    expect(await limiter.take("a", T0 + WINDOW)).toEqual({ ok: true });
    expect(await new DatabaseRateLimiter(db, 0, WINDOW, "test").take("a", T0)).toEqual({ ok: true });
  });

  it("database: two instances share the count, and 40 requests at once admit exactly the limit", async () => {
    const [a, b] = await twoConnections();
    const one = new DatabaseRateLimiter(a, 10, WINDOW, "test");
    const two = new DatabaseRateLimiter(b, 10, WINDOW, "test");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).take("link\n203.0.113.9", T0 + 1000)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(await one.take("link\n203.0.113.9", T0 + 2000)).toEqual({ ok: false, retryAfterSeconds: 598 });
    expect(await two.take("link\n203.0.113.9", T0 + 2000)).toEqual({ ok: false, retryAfterSeconds: 598 });
  });

  it("database: a limiter of short windows prunes only its own counters, not a daily counter's (nor counts into another limiter's)", async () => {
    const [db] = await twoConnections();
    const DAY = 86_400_000;
    const day0 = Math.floor(T0 / DAY) * DAY;
    const daily = new DatabaseRateLimiter(db, 2, DAY, "complete");
    const requests = new DatabaseRateLimiter(db, 1_000_000, 60_000, "respondent");
    // Two completions from one address early in the day: the daily cap (2) is reached.
    expect(await daily.take("7\n203.0.113.9", day0 + 1000)).toEqual({ ok: true });
    expect(await daily.take("7\n203.0.113.9", day0 + 2000)).toEqual({ ok: true });
    // Hours later the request limiter (1-minute windows) counts the same key 1,000 times: its
    // 1,000th take prunes windows older than two of its minutes.
    const later = day0 + 5 * 3_600_000;
    for (let i = 0; i < 1000; i++) await requests.take("7\n203.0.113.9", later);
    // The day's count is still there: the address may not complete a third time today.
    expect((await daily.peek("7\n203.0.113.9", later)).ok).toBe(false);
    expect((await daily.take("7\n203.0.113.9", later)).ok).toBe(false);
  });
});
