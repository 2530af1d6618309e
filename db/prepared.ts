import type Database from "better-sqlite3";
import type { Db } from "./client";

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection. The respondent hot path (start, draft,
 * complete) uses these instead of the query builder: drizzle rebuilds and re-prepares its SQL on
 * every call, which cost more than the commit itself (bench/submit.ts).
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db.$client);
  if (!statements) cache.set(db.$client, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.$client.prepare(sql)));
  return statement;
}
