import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { listFeedPage } from "../../db/queries/response-feed";
import { completeResponse, startResponse } from "../../db/queries/responses";
import { getStudyByToken } from "../../db/queries/studies";
import { seedDemo } from "../../db/seed-demo";
import type { RatingResponse } from "../../surveys/read-rating-response";
import { TEST_ENGINE } from "../helpers/engine";
import { createPostgresDb, type TempDb } from "../helpers/temp-db";

/*
 * Issue 23, migration 0012_feed_sequencer: on PostgreSQL a completion no longer holds the
 * study's feed lock through its COMMIT. Its feed row waits with a pending (negative) place until
 * a reader's listFeedPage places the committed ones after every place already given. So a
 * completion still open does not hold up another one of the same study, and once it commits it
 * appears after the cursor a reader took meanwhile: paging by `since` never skips it.
 */
const NOW = Date.UTC(2026, 10, 3, 9, 30);

let temp: TempDb;
let db: Db;
let studyId: number;
let questionnaireId: number;
beforeAll(async () => {
  if (TEST_ENGINE !== "postgres") return;
  temp = await createPostgresDb();
  db = temp.db;
  await seedDemo(db, { passwordHash: (p) => `test-hash:${p}`, now: Date.UTC(2026, 10, 1) });
  studyId = (await getStudyByToken(db, "demo"))!.id;
  const [q] = await db.rows<{ id: number }>(sql`select id from questionnaires where study_id = ${studyId} and stage = 'rating' order by version desc limit 1`);
  questionnaireId = q!.id;
}, 60_000);
afterAll(async () => {
  await temp?.cleanup();
});

const base = (clientId: string) => ({ clientId, questionnaireId, offerOrder: [], locale: "en", now: NOW, deviceId: `device-${clientId}` });
/** A screened-out result: nothing but the status is needed for a place in the feed. */
const screenedOut: RatingResponse = { status: "screened_out", known: [], qualityShare: null, weights: [], ratings: [], offers: [], profile: [] };
const complete = (d: Db, clientId: string) => completeResponse(d, { ...base(clientId), answersJson: "{}", result: screenedOut, minDurationMs: 0, completionFlags: "" });

async function idOf(clientId: string): Promise<number> {
  const [row] = await db.rows<{ id: number }>(sql`select id from responses where client_id = ${clientId}`);
  return Number(row!.id);
}

describe.skipIf(TEST_ENGINE !== "postgres")("the PostgreSQL feed's places, given after commit (0012_feed_sequencer)", () => {
  it("does not make a completion wait for another one's commit, and does not skip the one that commits late", async () => {
    const all = await listFeedPage(db, { studyId, since: 0, limit: 10_000 });
    const cursor0 = all.at(-1)?.seq ?? 0;
    await startResponse(db, base("feed-early"));
    await startResponse(db, base("feed-late"));

    // "feed-late" completes inside a transaction that stays open until `release` is called.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let finishedInside!: () => void;
    const inside = new Promise<void>((resolve) => (finishedInside = resolve));
    const open = db.transaction(async (tx) => {
      expect(await complete(tx, "feed-late")).toBe("completed");
      finishedInside();
      await released;
    });
    await inside;

    // Before 0012 this waited on feed:<study> until the open transaction committed (it never would here).
    const early = await Promise.race([complete(db, "feed-early"), new Promise((resolve) => setTimeout(() => resolve("waited for the open transaction"), 5_000))]);
    expect(early).toBe("completed");

    // A reader now sees "feed-early" only (the other is not committed) and moves its cursor past it.
    const page1 = await listFeedPage(db, { studyId, since: cursor0, limit: 100 });
    expect(page1.map((r) => r.id)).toEqual([await idOf("feed-early")]);
    const cursor1 = page1[0]!.seq;
    expect(cursor1).toBe(cursor0 + 1);

    release();
    await open;
    // The late commit comes after that cursor, at the next place.
    const page2 = await listFeedPage(db, { studyId, since: cursor1, limit: 100 });
    expect(page2.map((r) => [r.id, r.seq])).toEqual([[await idOf("feed-late"), cursor1 + 1]]);
    // Nothing is left pending, nothing read twice.
    expect(await listFeedPage(db, { studyId, since: cursor1 + 1, limit: 100 })).toEqual([]);
    const [pending] = await db.rows<{ n: number }>(sql`select count(*)::integer as "n" from response_feed where seq < 0`);
    expect(pending!.n).toBe(0);
  });

  it("places the responses of a study in the order they finished when each committed before the next (as on SQLite)", async () => {
    const before = (await listFeedPage(db, { studyId, since: 0, limit: 10_000 })).at(-1)?.seq ?? 0;
    const ids: number[] = [];
    for (const c of ["feed-order-3", "feed-order-1", "feed-order-2"]) {
      await startResponse(db, base(c));
      expect(await complete(db, c)).toBe("completed");
      ids.push(await idOf(c));
    }
    // By hand: three places after `before`, in completion order (not id or name order).
    const page = await listFeedPage(db, { studyId, since: before, limit: 100 });
    expect(page.map((r) => [r.id, r.seq])).toEqual([
      [ids[0], before + 1],
      [ids[1], before + 2],
      [ids[2], before + 3],
    ]);
  });
});
