import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toQuery, TransactionViolation, type Db } from "../../db/client";
import { completeResponse, getResponseByClientId } from "../../db/queries/responses";
import type { RatingResponse } from "../../surveys/read-rating-response";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

let temp: TempDb;
let db: Db;
let ownerId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  ownerId = (await addUser(db, "owner@example.com")).id;
});
afterAll(() => temp.cleanup());

/** The sign-in failures table makes a handy scratch table: rows are (email, ip, at). */
const mark = (tx: Db, email: string) => tx.run(sql`insert into sign_in_failures (email, ip, at) values (${email}, ${"127.0.0.1"}, ${NOW})`);
const marks = async (email: string) =>
  (await db.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from sign_in_failures where email = ${email}`))[0]!.n;

describe("Db.rows and Db.run", () => {
  it("return rows with the quoted aliases and the number of rows changed", async () => {
    expect(await mark(db, "rows@example.com")).toBe(1);
    expect(await db.run(sql`update sign_in_failures set ip = ${"10.0.0.1"} where email = ${"rows@example.com"}`)).toBe(1);
    expect(await db.rows(sql`select ip as "ipAddress", email from sign_in_failures where email = ${"rows@example.com"}`)).toEqual([
      { ipAddress: "10.0.0.1", email: "rows@example.com" },
    ]);
  });

  it("bind booleans as 1/0 and lists of values as (?, ?, ...)", async () => {
    const rows = await db.rows<{ t: number; f: number; n: number }>(
      sql`select ${true} as "t", ${false} as "f", (select count(*) from (select 1 as x union select 2 union select 3) v where v.x in ${[1, 3, 5]}) as "n"`,
    );
    expect(rows).toEqual([{ t: 1, f: 0, n: 2 }]);
  });

  it("prepare each SQL text once per connection", async () => {
    const prepare = vi.spyOn(db.sqlite!, "prepare");
    try {
      for (const n of [1, 2, 3]) await db.rows(sql`select ${n} as "n", 'prepared-once' as "tag"`);
      expect(prepare.mock.calls.filter(([text]) => String(text).includes("prepared-once"))).toHaveLength(1);
    } finally {
      prepare.mockRestore();
    }
  });

  it("render plain templates exactly as drizzle's SQLite dialect does", () => {
    const dialect = new SQLiteSyncDialect();
    const inner = sql`a = ${1} and b in ${["x", "y"]}`;
    for (const query of [
      sql`select 1`,
      sql`select ${"s"}, ${2}, ${null} where ${inner} and ${sql.raw("c is not null")}`,
      sql`insert into t values ${sql.join([sql`${[1, "a"]}`, sql`${[2, "b"]}`], sql`, `)}`,
      sql`select ${db.t.users.email} from ${db.t.users} where ${db.t.users.id} = ${5}`,
    ]) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      expect(toQuery(query)).toEqual({ sql: text, params });
    }
  });
});

describe("Db.transaction", () => {
  it("commits a body that awaits only this database", async () => {
    const result = await db.transaction(async (tx) => {
      await mark(tx, "commit@example.com");
      await tx.q.insert(tx.t.signInFailures).values({ email: "commit@example.com", ip: "127.0.0.1", at: NOW });
      return (await tx.rows(sql`select 1 as "one"`)).length;
    });
    expect(result).toBe(1);
    expect(await marks("commit@example.com")).toBe(2);
  });

  it("rolls back every write when the body throws, and rethrows", async () => {
    await expect(
      db.transaction(async (tx) => {
        await mark(tx, "rollback@example.com");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await marks("rollback@example.com")).toBe(0);
  });

  it("runs a nested transaction inside the outer one (one commit, one rollback)", async () => {
    await db.transaction(async (tx) => {
      await mark(tx, "nested@example.com");
      await tx.transaction(async (inner) => {
        expect(inner).toBe(tx);
        await mark(inner, "nested@example.com");
      });
    });
    expect(await marks("nested@example.com")).toBe(2);
    await expect(
      db.transaction(async (tx) => {
        await mark(tx, "nested-fail@example.com");
        await tx.transaction(async () => {
          throw new Error("inner failed");
        });
      }),
    ).rejects.toThrow("inner failed");
    expect(await marks("nested-fail@example.com")).toBe(0);
  });

  it("catches a body that awaits I/O: rolled back, TransactionViolation, the connection still works", async () => {
    for (const io of [() => new Promise((resolve) => setTimeout(resolve, 5)), () => new Promise((resolve) => setImmediate(resolve))]) {
      const attempt = db.transaction(async (tx) => {
        await mark(tx, "violation@example.com");
        await io();
        await mark(tx, "violation@example.com");
        return "done";
      });
      await expect(attempt).rejects.toBeInstanceOf(TransactionViolation);
      await expect(attempt).rejects.toThrow(/a transaction body awaited I\/O/);
    }
    expect(await marks("violation@example.com")).toBe(0);
    expect(db.sqlite!.inTransaction).toBe(false);
    await db.transaction((tx) => mark(tx, "after-violation@example.com"));
    expect(await marks("after-violation@example.com")).toBe(1);
  });

  it("does not hold the write lock across the I/O: the violating transaction is rolled back before it resumes", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = db.transaction(async (tx) => {
      await mark(tx, "slow@example.com");
      await gate;
    });
    const caught = expect(slow).rejects.toBeInstanceOf(TransactionViolation);
    // Another transaction gets the connection while the slow one waits on its I/O.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.transaction((tx) => mark(tx, "meanwhile@example.com"));
    expect(await marks("meanwhile@example.com")).toBe(1);
    release();
    await caught;
    expect(await marks("slow@example.com")).toBe(0);
  });

  it("refuses a transaction's Db once its transaction has ended", async () => {
    let leaked: Db | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
      await mark(tx, "leak@example.com");
    });
    await expect(mark(leaked!, "leak@example.com")).rejects.toThrow(/used after its transaction ended/);
    await expect(leaked!.q.select().from(leaked!.t.users)).rejects.toThrow(/used after its transaction ended/);
    expect(await marks("leak@example.com")).toBe(1);
  });

  it("serialises transactions started together: each body runs alone, in order", async () => {
    const events: string[] = [];
    const body = (name: string) => async (tx: Db) => {
      events.push(`${name} begins`);
      await mark(tx, "serial@example.com");
      await tx.rows(sql`select 1 as "x"`);
      events.push(`${name} ends`);
    };
    await Promise.all([db.transaction(body("a")), db.transaction(body("b")), db.transaction(body("c"))]);
    expect(events).toEqual(["a begins", "a ends", "b begins", "b ends", "c begins", "c ends"]);
    expect(await marks("serial@example.com")).toBe(3);
  });

  it("lock() is a no-op inside a transaction and refused outside one", async () => {
    await db.transaction(async (tx) => {
      await tx.lock("quota:1");
      await tx.lock("quota:1");
    });
    await expect(db.lock("quota:1")).rejects.toThrow(/requires the Db of a transaction/);
  });
});

describe("completions started together", () => {
  const result = (segment: string): RatingResponse => ({
    status: "complete",
    known: ["alpha"],
    qualityShare: 50,
    weights: [{ attribute: "speed", weight: 100 }],
    ratings: [{ offer: "alpha", attribute: "speed", score: 7 }],
    offers: [],
    profile: [{ question: "segment", value: segment }],
  });

  it("never overshoot a quota and store one response per client id", async () => {
    const { study, questionnaire } = await addStudy(db, { ownerId, token: "tok-concurrent" });
    await db.run(sql`insert into quotas (study_id, question_code, value, target) values (${study.id}, 'segment', 'office', 2)`);
    const complete = (clientId: string) =>
      completeResponse(db, { clientId, questionnaireId: questionnaire.id, offerOrder: ["alpha"], locale: "en", now: NOW, answersJson: "{}", result: result("office") });
    const ids = ["concurrent-1", "concurrent-2", "concurrent-3", "concurrent-4", "concurrent-2"];
    const outcomes = await Promise.all(ids.map(complete));
    expect(outcomes.filter((o) => o === "already-finished")).toHaveLength(1);
    const rows = [];
    for (const id of new Set(ids)) rows.push(await getResponseByClientId(db, id));
    expect(rows.map((r) => [r?.status, r?.screenReason])).toEqual([
      ["complete", null],
      ["complete", null],
      ["screened_out", "quota_full"],
      ["screened_out", "quota_full"],
    ]);
    const [ratings] = await db.rows<{ n: number }>(
      sql`select cast(count(*) as integer) as "n" from response_ratings where response_id = ${rows[1]!.id}`,
    );
    expect(ratings!.n).toBe(1);
  });
});
