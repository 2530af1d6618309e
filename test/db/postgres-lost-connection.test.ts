import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ENGINE } from "../helpers/engine";
import { createTempDb, type TempDb } from "../helpers/temp-db";

/**
 * A transaction's connection lost while its body runs (the database server killed or restarted
 * under load; here its backend terminated from another connection, which sends the same FATAL
 * 57P01 the crash test met): the transaction rejects, the process goes on (an 'error' event with
 * no listener would end it), and the Db keeps working on fresh connections.
 */
const postgresOnly = TEST_ENGINE === "postgres" ? describe : describe.skip;

postgresOnly("a transaction's connection lost mid-body (PostgreSQL)", () => {
  let temp: TempDb;
  beforeAll(async () => {
    temp = await createTempDb();
  });
  afterAll(() => temp.cleanup());

  it("rejects that transaction only; the next queries run on other connections", async () => {
    const body = temp.db.transaction(async (tx) => {
      const [me] = await tx.rows<{ pid: number }>(sql`select pg_backend_pid() as "pid"`);
      await temp.db.rows(sql`select pg_terminate_backend(${me!.pid})`);
      // The server's FATAL reaches the connection while the body is between queries.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.rows(sql`select 1 as "one"`);
      return "committed";
    });
    await expect(body).rejects.toThrow();
    expect(await temp.db.rows(sql`select 1 as "one"`)).toEqual([{ one: 1 }]);
    expect(await temp.db.transaction((tx) => tx.rows(sql`select 2 as "two"`))).toEqual([{ two: 2 }]);
  });
});
