import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toQuery, TransactionViolation, type Db } from "../../db/client";
import { completeResponse, getResponseByClientId } from "../../db/queries/responses";
import type { RatingResponse } from "../../surveys/read-rating-response";
import { TEST_ENGINE } from "../helpers/engine";
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

  it("bind booleans as the engine stores them and lists of values as (?, ?, ...)", async () => {
    const inList = sql`(select count(*) from (select 1 as x union select 2 union select 3) v where v.x in ${[1, 3, 5]}) as "n"`;
    if (db.engine === "sqlite") {
      // SQLite has no boolean type: toQuery binds JS booleans as 1/0, as drizzle stores them.
      expect(await db.rows(sql`select ${true} as "t", ${false} as "f", ${inList}`)).toEqual([{ t: 1, f: 0, n: 2 }]);
    } else {
      // PostgreSQL: the booleans reach the driver as JS booleans ('true'/'false' untyped, so a
      // bare select echoes the text) and are booleans wherever the SQL gives them that type.
      expect(await db.rows(sql`select ${true} as "t", ${false} as "f", ${inList}`)).toEqual([{ t: "true", f: "false", n: 2 }]);
      expect(await db.rows(sql`select cast(${true} as boolean) as "t", cast(${false} as boolean) as "f"`)).toEqual([{ t: true, f: false }]);
    }
  });

  // SQLite only: its one connection keeps a statement cache (db/client.ts); the PostgreSQL Db
  // sends SQL text through the pool and prepares nothing itself.
  if (TEST_ENGINE === "sqlite") {
    it("prepare each SQL text once per connection (SQLite)", async () => {
      const prepare = vi.spyOn(db.sqlite!, "prepare");
      try {
        for (const n of [1, 2, 3]) await db.rows(sql`select ${n} as "n", 'prepared-once' as "tag"`);
        expect(prepare.mock.calls.filter(([text]) => String(text).includes("prepared-once"))).toHaveLength(1);
      } finally {
        prepare.mockRestore();
      }
    });
  }

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

  it("lock() may be taken again by the transaction holding it, and is refused outside a transaction", async () => {
    await db.transaction(async (tx) => {
      await tx.lock("quota:1");
      await tx.lock("quota:1");
    });
    await expect(db.lock("quota:1")).rejects.toThrow(/requires the Db of a transaction/);
  });

  // SQLite: one connection shared by every request, whose write transactions run one at a time
  // (BEGIN IMMEDIATE behind an async mutex). A body that awaits other I/O would let other
  // requests' queries into the open transaction, so it is rolled back (TransactionViolation).
  // The PostgreSQL Db gives each transaction its own connection: see the sibling block below.
  if (TEST_ENGINE === "sqlite") {
    describe("on SQLite's one connection", () => {
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
    });
  }

  // PostgreSQL: each transaction has its own pooled connection, so transactions run side by side;
  // a body may await I/O (it holds its connection, and nothing else runs in it), and db.lock
  // (pg_advisory_xact_lock) serialises the transactions that take the same key until they end.
  if (TEST_ENGINE === "postgres") {
    describe("on PostgreSQL's pooled connections", () => {
      it("lets a body await I/O: its writes stay its own until it commits, other transactions commit meanwhile", async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        const slow = db.transaction(async (tx) => {
          await mark(tx, "slow@example.com");
          wrote();
          await gate;
          await new Promise((resolve) => setTimeout(resolve, 5));
          await mark(tx, "slow@example.com");
          return "done";
        });
        await written;
        // Another transaction commits while the slow one waits on its I/O, and nobody else sees
        // the slow one's first write before it commits.
        await db.transaction((tx) => mark(tx, "meanwhile@example.com"));
        expect(await marks("meanwhile@example.com")).toBe(1);
        expect(await marks("slow@example.com")).toBe(0);
        release();
        expect(await slow).toBe("done");
        expect(await marks("slow@example.com")).toBe(2);
      });

      it("rolls back a body that throws after awaiting I/O", async () => {
        await expect(
          db.transaction(async (tx) => {
            await mark(tx, "io-rollback@example.com");
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw new Error("failed after I/O");
          }),
        ).rejects.toThrow("failed after I/O");
        expect(await marks("io-rollback@example.com")).toBe(0);
      });

      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      /**
       * Three transactions started together (run `run`); each records when its body begins (after
       * `lock` when it takes one) and ends, and how many of the run's rows it saw committed when it
       * began. Between the two, each writes its row and waits for the others to get that far (at
       * most 300 ms): bodies that are not serialised all begin before any ends, however slowly
       * the pool opens their connections.
       */
      const together = async (run: string, key: (name: string) => string | null) => {
        const events: string[] = [];
        const seen: number[] = [];
        let arrived = 0;
        let allArrived!: () => void;
        const all = new Promise<void>((resolve) => (allArrived = resolve));
        const body = (name: string) => async (tx: Db) => {
          const k = key(name);
          if (k) await tx.lock(k);
          events.push(`${name} begins`);
          const [row] = await tx.rows<{ n: number }>(sql`select count(*) as "n" from sign_in_failures where ip = ${run}`);
          seen.push(row!.n);
          await tx.run(sql`insert into sign_in_failures (email, ip, at) values (${`${name}@example.com`}, ${run}, ${NOW})`);
          if (++arrived === 3) allArrived();
          await Promise.race([all, sleep(300)]);
          events.push(`${name} ends`);
        };
        await Promise.all(["a", "b", "c"].map((name) => db.transaction(body(name))));
        return { events, seen };
      };
      const runsAlone = (events: string[]) =>
        events.length === 6 && [0, 2, 4].every((i) => events[i]!.endsWith(" begins") && events[i + 1] === events[i]!.replace(" begins", " ends"));

      it("runs transactions side by side when they take no lock (or different keys)", async () => {
        for (const [run, key] of [["free", () => null], ["keys", (name: string) => `key-${name}`]] as const) {
          const { events, seen } = await together(run, key);
          expect(runsAlone(events), events.join(", ")).toBe(false);
          expect(seen).toEqual([0, 0, 0]);
        }
      });

      it("lock() serialises the transactions taking the same key: each body runs alone and sees the earlier ones committed", async () => {
        const { events, seen } = await together("same-key", () => "k");
        expect(runsAlone(events), events.join(", ")).toBe(true);
        expect(seen).toEqual([0, 1, 2]);
      });

      it("releases the lock when its transaction rolls back", async () => {
        await expect(
          db.transaction(async (tx) => {
            await tx.lock("k-rollback");
            throw new Error("rolled back");
          }),
        ).rejects.toThrow("rolled back");
        // A lock still held would fail this one after 2 s (lock_timeout) instead of waiting forever.
        const taken = await db.transaction(async (tx) => {
          await tx.run(sql`set local lock_timeout = '2s'`);
          await tx.lock("k-rollback");
          return "taken";
        });
        expect(taken).toBe("taken");
      });
    });
  }
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
    for (const id of new Set(ids)) rows.push((await getResponseByClientId(db, id))!);
    const outcome = rows.map((r) => [r.status, r.screenReason]);
    if (db.engine === "sqlite") {
      // One connection: the completions run one after the other, in the order they started.
      expect(outcome).toEqual([
        ["complete", null],
        ["complete", null],
        ["screened_out", "quota_full"],
        ["screened_out", "quota_full"],
      ]);
    } else {
      // Side by side on several connections: which two fill the cell is up to the quota lock's order.
      expect(outcome.map((o) => JSON.stringify(o)).sort()).toEqual(
        [["complete", null], ["complete", null], ["screened_out", "quota_full"], ["screened_out", "quota_full"]].map((o) => JSON.stringify(o)).sort(),
      );
    }
    // Every response keeps its answers once, the one submitted twice included.
    for (const row of rows) {
      const [ratings] = await db.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from response_ratings where response_id = ${row.id}`);
      expect(ratings!.n, row.clientId).toBe(1);
    }
  });
});
