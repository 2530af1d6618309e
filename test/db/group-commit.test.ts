import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, sqliteCommits, type Db } from "../../db/client";
import { TEST_ENGINE } from "../helpers/engine";
import { makeTempDir } from "../helpers/temp-db";
import { NOW } from "./fixtures";

/**
 * Group commit on SQLite (docs/decisions/0008-group-commit.md): write transactions that are
 * queued together share one BEGIN IMMEDIATE and one COMMIT (one fsync), each body in its own
 * SAVEPOINT. SQLite only: the PostgreSQL Db gives each transaction its own connection.
 */
const sqliteOnly = TEST_ENGINE === "sqlite" ? describe : describe.skip;

/** The sign-in failures table as a scratch table: rows are (email, ip, at). */
const mark = (tx: Db, email: string) => tx.run(sql`insert into sign_in_failures (email, ip, at) values (${email}, ${"127.0.0.1"}, ${NOW})`);
const lastId = async (tx: Db) => (await tx.rows<{ id: number }>(sql`select last_insert_rowid() as "id"`))[0]!.id;

sqliteOnly("group commit (SQLite)", () => {
  let dir: string;
  let file: string;
  let db: Db;
  /** A second connection on the same file: sees only what is committed. */
  let other: Database.Database;
  const committedMarks = (email: string) =>
    (other.prepare("select count(*) as n from sign_in_failures where email = ?").get(email) as { n: number }).n;

  beforeAll(() => {
    dir = makeTempDir();
    file = path.join(dir, "group.sqlite");
    db = openDatabase({ url: file });
    other = new Database(file, { readonly: true });
  });
  afterAll(async () => {
    other.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs 20 transactions queued together in one COMMIT, each caller getting its own result", async () => {
    const before = sqliteCommits(db);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await mark(tx, `batch-${i}@example.com`);
          return { i, id: await lastId(tx) };
        }),
      ),
    );
    // 20 bodies queued in one tick, fewer than the cap of 64: one batch, one COMMIT.
    expect(sqliteCommits(db) - before).toBe(1);
    // Each caller sees its own body's result: its index and the id of its own insert, which
    // are consecutive because the bodies ran one after another in queue order.
    expect(results.map((r) => r.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (let i = 1; i < 20; i++) expect(results[i]!.id).toBe(results[0]!.id + i);
    for (let i = 0; i < 20; i++) expect(committedMarks(`batch-${i}@example.com`)).toBe(1);
  });

  it("batches transactions started from separate callbacks of one event-loop turn", async () => {
    const before = sqliteCommits(db);
    // Ten setImmediate callbacks queued now all run in the same check phase, as requests read
    // in one poll phase do: the batch opened by the first one stays open until the turn ends.
    const started = Array.from(
      { length: 10 },
      (_, i) => new Promise<number>((resolve, reject) => setImmediate(() => void db.transaction((tx) => mark(tx, `turn-${i}@example.com`)).then(resolve, reject))),
    );
    expect(await Promise.all(started)).toEqual(Array(10).fill(1));
    expect(sqliteCommits(db) - before).toBe(1);
  });

  it("keeps a batch open one more event-loop turn: a transaction from the next turn shares its COMMIT, one from the turn after gets its own", async () => {
    const before = sqliteCommits(db);
    /** Runs `fn` `turns` event-loop turns from now (each setImmediate queued inside the previous one runs one turn later). */
    const after = <T>(turns: number, fn: () => Promise<T>): Promise<T> =>
      turns === 0 ? fn() : new Promise<void>((resolve) => setImmediate(resolve)).then(() => after(turns - 1, fn));
    const marks = [0, 2, 3].map((turns) => after(turns, () => db.transaction((tx) => mark(tx, `turns-${turns}@example.com`))));
    expect(await Promise.all(marks)).toEqual([1, 1, 1]);
    // The batch opened now commits at the end of the next turn (GROUP_COMMIT_TURNS = 2): the
    // transaction started two setImmediate hops later (in that turn's check phase, before the
    // batch's own check) joins it; the one three hops later opens a second batch.
    expect(sqliteCommits(db) - before).toBe(2);
    for (const turns of [0, 2, 3]) expect(committedMarks(`turns-${turns}@example.com`)).toBe(1);
  });

  it("caps a batch at 64 bodies: 100 queued transactions take 2 COMMITs", async () => {
    const before = sqliteCommits(db);
    await Promise.all(Array.from({ length: 100 }, (_, i) => db.transaction((tx) => mark(tx, `cap-${i}@example.com`))));
    // 64 in the first batch (committed when it is full), the other 36 in the second.
    expect(sqliteCommits(db) - before).toBe(2);
  });

  it("rolls back only the failing body: the others in its batch commit", async () => {
    const before = sqliteCommits(db);
    const [a, b, c] = await Promise.allSettled([
      db.transaction(async (tx) => {
        await mark(tx, "ok-a@example.com");
        return "a";
      }),
      db.transaction(async (tx) => {
        await mark(tx, "fails-b@example.com");
        await mark(tx, "fails-b@example.com");
        throw new Error("body b refused");
      }),
      db.transaction(async (tx) => {
        await mark(tx, "ok-c@example.com");
        return "c";
      }),
    ]);
    expect(a).toEqual({ status: "fulfilled", value: "a" });
    expect(b.status).toBe("rejected");
    expect((b as PromiseRejectedResult).reason).toEqual(new Error("body b refused"));
    expect(c).toEqual({ status: "fulfilled", value: "c" });
    expect(committedMarks("ok-a@example.com")).toBe(1);
    expect(committedMarks("fails-b@example.com")).toBe(0);
    expect(committedMarks("ok-c@example.com")).toBe(1);
    expect(sqliteCommits(db) - before).toBe(1);
  });

  it("rejects every caller of a batch whose COMMIT fails, and keeps none of its writes", async () => {
    // A deferred foreign key is checked at COMMIT: body b's study names a user that does not
    // exist, so the batch's COMMIT fails (a commit-time failure, like a full disk).
    const outcome = await Promise.allSettled([
      db.transaction((tx) => mark(tx, "commit-a@example.com")),
      db.transaction(async (tx) => {
        await tx.run(sql`pragma defer_foreign_keys = on`);
        await tx.run(sql`insert into studies (owner_id, title, public_token, created_at, updated_at) values (${999_999}, ${"orphan"}, ${"orphan-token"}, ${NOW}, ${NOW})`);
      }),
      db.transaction((tx) => mark(tx, "commit-c@example.com")),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const o of outcome) expect(String((o as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY constraint failed/);
    expect(committedMarks("commit-a@example.com")).toBe(0);
    expect(committedMarks("commit-c@example.com")).toBe(0);
    expect(db.sqlite!.inTransaction).toBe(false);
    // The connection goes on working.
    await db.transaction((tx) => mark(tx, "after-failed-commit@example.com"));
    expect(committedMarks("after-failed-commit@example.com")).toBe(1);
  });

  it("resolves a caller only once its writes are committed (another connection sees them)", async () => {
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        db.transaction((tx) => mark(tx, `visible-${i}@example.com`)).then(() => {
          seen.push(committedMarks(`visible-${i}@example.com`));
        }),
      ),
    );
    expect(seen).toEqual([1, 1, 1, 1, 1]);
  });

  it("runs queries outside transactions in the open batch, answering them after its COMMIT", async () => {
    const before = sqliteCommits(db);
    const tx = db.transaction((t) => mark(t, "read-after@example.com"));
    // A few microtask turns: the body has finished, its batch is still open (it commits when
    // this event-loop turn ends), and this read is issued in between.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(db.sqlite!.inTransaction).toBe(true);
    const read = db.rows<{ n: number }>(sql`select count(*) as "n" from sign_in_failures where email = ${"read-after@example.com"}`);
    const [n] = await read;
    expect(db.sqlite!.inTransaction).toBe(false);
    expect(sqliteCommits(db) - before).toBe(1);
    expect(n).toEqual({ n: 1 });
    await tx;
  });

  it("answers a write outside transactions that interleaves with a running body only once it is committed", async () => {
    const x = db.transaction(async (t) => {
      await mark(t, "interleave-x@example.com");
      await mark(t, "interleave-x@example.com");
    });
    // x's body is running (awaiting its first query): another request's write outside any
    // transaction comes in between, as requests interleave at microtasks under load.
    const w = db
      .run(sql`insert into sign_in_failures (email, ip, at) values (${"interleave-w@example.com"}, ${"127.0.0.1"}, ${NOW})`)
      .then(() => committedMarks("interleave-w@example.com"));
    // When the write is answered, another connection must see it.
    expect(await w).toBe(1);
    await x;
    expect(committedMarks("interleave-x@example.com")).toBe(2);
  });

  it("groups writes outside transactions with no batch open into one COMMIT, each answered once committed", async () => {
    // A respondent's `start` inserts its draft outside any transaction. Each such write used to
    // autocommit on its own (one fsync each under FULL, blocking the event loop); 12 of them
    // issued in one event-loop turn now open one batch and share its one COMMIT.
    expect(db.sqlite!.inTransaction).toBe(false);
    const before = sqliteCommits(db);
    const writes = Array.from({ length: 12 }, (_, i) =>
      db
        .run(sql`insert into sign_in_failures (email, ip, at) values (${`outside-${i}@example.com`}, ${"127.0.0.1"}, ${NOW})`)
        .then((changed) => ({ changed, seen: committedMarks(`outside-${i}@example.com`) })),
    );
    const answers = await Promise.all(writes);
    expect(sqliteCommits(db) - before).toBe(1);
    // Each write changed its one row, and another connection saw it when its caller heard so.
    expect(answers).toEqual(Array.from({ length: 12 }, () => ({ changed: 1, seen: 1 })));
  });

  it("with groupCommit off, commits each transaction on its own", async () => {
    const alone = openDatabase({ url: path.join(dir, "alone.sqlite"), groupCommit: false });
    try {
      const before = sqliteCommits(alone);
      await Promise.all(Array.from({ length: 5 }, (_, i) => alone.transaction((tx) => mark(tx, `alone-${i}@example.com`))));
      expect(sqliteCommits(alone) - before).toBe(5);
    } finally {
      await alone.close();
    }
  });
});
