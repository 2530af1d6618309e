import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREPARED_LIMIT, preparedName } from "../../db/client-postgres";
import { TEST_ENGINE } from "../helpers/engine";
import { createTempDb, type TempDb } from "../helpers/temp-db";

/**
 * PostgreSQL's raw SQL runs as named prepared statements (issue 23): each connection parses and
 * plans a text once, then only binds and executes it. Seen from the server: the statement is in
 * the connection's pg_prepared_statements under the name preparedName gives its text.
 */
const postgresOnly = TEST_ENGINE === "postgres" ? describe : describe.skip;

postgresOnly("named prepared statements (PostgreSQL)", () => {
  let temp: TempDb;
  beforeAll(async () => {
    temp = await createTempDb();
  });
  afterAll(() => temp.cleanup());

  it("prepares a raw query once on its connection and runs it again by name, with the values of each call", async () => {
    const text = `select cast(count(*) as integer) as "n" from studies where id > $1`;
    const name = preparedName(text)!;
    expect(name).toMatch(/^vm_[0-9a-f]{24}$/);
    // One transaction: one connection, so its prepared statements can be read back.
    const seen = await temp.db.transaction(async (tx) => {
      const first = await tx.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from studies where id > ${-1}`);
      const second = await tx.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from studies where id > ${1_000_000}`);
      const prepared = await tx.rows<{ name: string; statement: string }>(
        sql`select name, statement from pg_prepared_statements where name = ${name}`,
      );
      return { first: first[0]!.n, second: second[0]!.n, prepared };
    });
    // Each execution bound its own value: no study has an id above a million.
    expect(seen.second).toBe(0);
    expect(seen.first).toBeGreaterThanOrEqual(0);
    expect(seen.prepared).toEqual([{ name, statement: text }]);
  });

  it("names the same text the same way every time, and another text another way", () => {
    expect(preparedName("select 1")).toBe(preparedName("select 1"));
    expect(preparedName("select 2")).not.toBe(preparedName("select 1"));
    expect(PREPARED_LIMIT).toBe(1000);
  });
});
