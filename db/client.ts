import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { SQL, StringChunk } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type Engine = "sqlite" | "postgres";

/**
 * The database as every query function sees it, whatever the engine: await-ed drizzle builders
 * (`q`, with the engine's tables in `t`), raw SQL (`rows`, `run`), write transactions and
 * transaction-scoped locks. db/client.ts opens SQLite; the PostgreSQL implementation provides
 * the same interface.
 */
export interface Db {
  readonly engine: Engine;
  /**
   * drizzle query builder. Typed against the SQLite schema; on PostgreSQL it is the pg drizzle
   * instance. Use only `await`-ed builders (never .get/.all/.run/.values, which are SQLite-only).
   */
  readonly q: BetterSQLite3Database<typeof schema>;
  /**
   * The table objects for this engine (db/schema.ts on SQLite; db/schema.pg.ts's twins on
   * PostgreSQL, cast to the SQLite types). Queries use `db.t.responses`, never the imported table.
   */
  readonly t: typeof schema;
  /**
   * Raw SQL (drizzle `sql` template) returning rows. Aliases must be double-quoted
   * ("questionCode") because PostgreSQL lowercases unquoted ones; portable SQL only
   * (cast(... as integer), no SQLite-only functions, or branch on db.engine).
   */
  rows<T>(query: SQL): Promise<T[]>;
  /** Raw SQL statement; resolves to the number of rows changed. */
  run(query: SQL): Promise<number>;
  /**
   * A write transaction. SQLite: BEGIN IMMEDIATE on the one connection (serialised by an async
   * mutex). The callback gets a Db bound to the transaction; nested calls with a
   * transaction-bound Db just run inside it.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: serialise against other transactions taking the same key (no-op on
   * SQLite, where BEGIN IMMEDIATE already serialises; pg_advisory_xact_lock on PostgreSQL). Used
   * by quota checks and invitation use.
   */
  lock(key: string): Promise<void>;
  /** SQLite only: the better-sqlite3 handle (backup, pragmas, health). undefined on PostgreSQL. */
  readonly sqlite?: Database.Database;
  close(): Promise<void>;
}

/** `synchronous` we promise on every open: FULL fsyncs the WAL at each commit. */
export type Synchronous = "FULL" | "NORMAL";

export interface OpenOptions {
  /** A file path, or `file:<path>` / `sqlite:<path>`. */
  url: string;
  synchronous?: Synchronous;
  migrationsFolder?: string;
  /**
   * Group commit (default on; SQLITE_GROUP_COMMIT): write transactions queued within one
   * event-loop turn share one BEGIN IMMEDIATE and one COMMIT, each body in its own SAVEPOINT
   * (docs/decisions/0008-group-commit.md). Off: one COMMIT per transaction.
   */
  groupCommit?: boolean;
}

/** Most transaction bodies in one group commit; a full batch commits at once. */
export const GROUP_COMMIT_MAX_BODIES = 64;

/**
 * Event-loop turns a batch stays open: it commits in the check phase (`setImmediate`) of the
 * second turn after its BEGIN, so the requests read in one more poll phase join it. An idle loop
 * does not block in the poll phase while an immediate is pending: a lone request waits
 * microseconds more, not a timer. Measured on bench/submit's load (64 connections, issue 23):
 * 0.10 COMMITs per completion with one turn, 0.076 with two, 0.072 with three.
 */
export const GROUP_COMMIT_TURNS = 2;

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the committed drizzle-kit migrations live (works from source and from the server build). */
export function defaultMigrationsFolder(): string {
  const candidates = [path.join(here, "migrations"), path.resolve(process.cwd(), "db/migrations")];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta/_journal.json")));
  if (!found) throw new Error(`migrations not found in ${candidates.join(" or ")}`);
  return found;
}

/** Turns a DATABASE_URL into a file path. */
export function sqlitePath(url: string): string {
  return url.replace(/^(file|sqlite):(\/\/)?/, "");
}

/**
 * Opens the SQLite database, sets the pragmas (WAL, foreign keys, synchronous, busy timeout)
 * and applies pending migrations. Pragmas are set on every open because better-sqlite3 reopens
 * WAL databases with synchronous=NORMAL (stack.md).
 */
export function openDatabase(options: OpenOptions): Db {
  const file = sqlitePath(options.url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  sqlite.pragma("busy_timeout = 5000");
  const connection = new SqliteConnection(sqlite, options.groupCommit ?? true);
  // Foreign keys stay off while migrations run: a migration that rebuilds a table (SQLite's way
  // of changing a CHECK) drops the old table, and with foreign keys on that drop would cascade
  // into every referencing row. The pragma is a no-op inside the migration's transaction, so it
  // is set around it, and the references are checked before the database is used.
  sqlite.pragma("foreign_keys = OFF");
  migrate(connection.root, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length) throw new Error(`migrations left ${broken.length} rows with broken references`);
  sqlite.pragma("foreign_keys = ON");
  return connection.db(null);
}

/** Prepared statements kept per connection (raw SQL texts are few; ad-hoc `in (...)` lists age out). */
const STATEMENT_CACHE_LIMIT = 500;

/** One open write transaction on the connection. */
interface TxState {
  /** Its body is running (its SAVEPOINT, in group commit, is open). */
  open: boolean;
  /** Its body awaited something other than this database: rolled back at once, the caller gets an error. */
  violated: boolean;
}

/** The transactions sharing one BEGIN IMMEDIATE ... COMMIT (group commit). */
interface Batch {
  /** Bodies run in it so far (finished, failed or violated). */
  bodies: number;
  /** Settles at its COMMIT: resolved once committed, rejected with the COMMIT's error. */
  done: Promise<void>;
  commit(): void;
  fail(error: unknown): void;
  /** The flush (or the next turn's check) scheduled since it began (cleared when it commits earlier). */
  timer: NodeJS.Immediate;
}

const dialect = new SQLiteSyncDialect();

/** Each open SQLite Db's connection, for sqliteCommits. */
const connections = new WeakMap<Db, SqliteConnection>();

/**
 * How many COMMITs the SQLite connection behind `db` has run since it was opened (each one an
 * fsync of the WAL under synchronous=FULL); for tests and the benchmark.
 */
export function sqliteCommits(db: Db): number {
  const connection = connections.get(db);
  if (!connection) throw new Error("sqliteCommits takes a Db opened by openDatabase");
  return connection.commits;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 1/0 as drizzle stores them. */
function bindable(value: unknown): unknown {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

type Primitive = string | number | bigint | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";

/**
 * The SQL text and parameters of a `sql` template, as drizzle's SQLite dialect renders it. Raw
 * SQL on the respondent's hot path is text with plain values (and nested fragments, lists of
 * values): that is rendered here directly, several times faster than the dialect's general
 * renderer, with the same result; anything else (columns, tables, identifiers, Param objects)
 * goes to the dialect. Exported for its test (test/db/transaction.test.ts).
 */
export function toQuery(query: SQL): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = render(query, params);
  if (text !== null) return { sql: text, params };
  const rendered = dialect.sqlToQuery(query);
  return { sql: rendered.sql, params: rendered.params.map(bindable) };
}

const PLACEHOLDERS: string[] = [];
/** `(?, ?, ?)` for a list of n values, as drizzle renders a list. */
function placeholders(n: number): string {
  return (PLACEHOLDERS[n] ??= `(${Array.from({ length: n }, () => "?").join(", ")})`);
}

function render(query: SQL, params: unknown[]): string | null {
  if ((query as unknown as { shouldInlineParams?: boolean }).shouldInlineParams) return null;
  let text = "";
  for (const chunk of query.queryChunks as unknown[]) {
    if (chunk instanceof StringChunk) text += chunk.value.length === 1 ? chunk.value[0] : chunk.value.join("");
    else if (isPrimitive(chunk)) {
      text += "?";
      params.push(bindable(chunk));
    } else if (chunk instanceof SQL) {
      const inner = render(chunk, params);
      if (inner === null) return null;
      text += inner;
    } else if (Array.isArray(chunk)) {
      for (const v of chunk as unknown[]) {
        if (!isPrimitive(v)) return null;
        params.push(bindable(v));
      }
      text += placeholders(chunk.length);
    } else if (chunk !== undefined) return null;
  }
  return text;
}

export class TransactionViolation extends Error {
  constructor(cause?: unknown) {
    super(
      "a transaction body awaited I/O (not only this database's queries) before it finished, so other requests' queries " +
        "could run inside it on the shared SQLite connection: it was rolled back. Do the I/O (hashing, files, timers, " +
        "network) before or after db.transaction, and use only the transaction's Db inside it.",
      { cause },
    );
    this.name = "TransactionViolation";
  }
}

/** What a transaction's Db says when used after its transaction ended (both engines). */
export const ENDED = "a transaction's Db was used after its transaction ended: use it only inside its db.transaction callback";

/**
 * The one better-sqlite3 connection: its drizzle instance, its statement cache, and its write
 * transactions, one body at a time (an async mutex in front of BEGIN IMMEDIATE).
 *
 * better-sqlite3 runs every query synchronously, so a transaction body that awaits only this
 * database's queries never yields to the event loop and no other request's query can slip into
 * it. A body that awaits real I/O would let other requests' queries run inside the open
 * transaction; a `setImmediate` scheduled when the body starts catches that: if it fires while
 * the body is still running, its writes are rolled back on the spot (the write lock is not held
 * across the I/O), the transaction's Db refuses further queries, and the transaction rejects
 * with a TransactionViolation once its body returns.
 *
 * Group commit (on by default; docs/decisions/0008-group-commit.md): the first transaction of a
 * batch runs BEGIN IMMEDIATE and schedules the batch's COMMIT with `setImmediate`, at the end of
 * the next event-loop turn (GROUP_COMMIT_TURNS). Every transaction that starts before then
 * (requests read in those poll phases, callers queued on the mutex) runs its body in a SAVEPOINT of the same
 * transaction: a body that throws is rolled back to its savepoint and only its caller rejects;
 * a body that succeeds releases its savepoint and its caller waits for the COMMIT. One COMMIT
 * (one fsync under synchronous=FULL) then resolves every body of the batch, or rejects them all
 * if it fails. A batch commits at once when it holds GROUP_COMMIT_MAX_BODIES bodies. A `run`
 * outside transactions is a one-statement body of the open batch, or opens one (it never
 * autocommits: one fsync of its own); while a batch is open, `rows` outside transactions read in
 * it too (between bodies without a savepoint of their own, while a body runs as a body). Both
 * are answered after its COMMIT: a write is never acknowledged before it is committed, nor
 * lost with another body's rollback, and a read never answers with data that is not committed
 * yet. (A body that awaits such an outside query on the outer Db waits for itself: its guard
 * rolls it back with a TransactionViolation, as for any other I/O.)
 */
class SqliteConnection {
  /** drizzle over the connection, outside transactions (commits an open batch before each query). */
  readonly root: BetterSQLite3Database<typeof schema>;
  private readonly statements = new Map<string, Database.Statement>();
  private locked = false;
  private readonly waiters: Array<() => void> = [];
  /** The open group commit, if any. */
  private batch: Batch | null = null;
  /** The transaction body running now, if any. */
  private active: TxState | null = null;
  /** COMMITs run (sqliteCommits). */
  commits = 0;

  constructor(
    readonly sqlite: Database.Database,
    private readonly groupCommit: boolean,
  ) {
    this.root = drizzle(sqlite, { schema, logger: { logQuery: () => this.beforeOutsideQuery() } });
  }

  /** A Db over the connection (`tx` null) or bound to an open transaction. */
  db(tx: TxState | null): Db {
    const check = () => {
      if (tx && (!tx.open || tx.violated)) throw tx.violated ? new TransactionViolation() : new Error(ENDED);
    };
    const sqlite = this.sqlite;
    let q = tx ? undefined : this.root;
    const self: Db = {
      engine: "sqlite",
      /**
       * A transaction's own drizzle instance (made on first use: the respondent's hot path uses
       * only raw SQL) refuses queries once its transaction has ended.
       */
      get q() {
        return (q ??= drizzle(sqlite, { schema, logger: { logQuery: check } }));
      },
      t: schema,
      sqlite: this.sqlite,
      rows: async <T>(query: SQL): Promise<T[]> => {
        if (tx) check();
        else if (this.batch) {
          if (this.active) return this.grouped((inBatch) => inBatch.rows<T>(query));
          // Between bodies: read in the open batch, without a savepoint or a turn on the mutex (a
          // statement that fails is undone by SQLite alone), and answer once the batch commits.
          const batch = this.batch;
          const { sql, params } = toQuery(query);
          const result = this.statement(sql).all(...params) as T[];
          await batch.done;
          return result;
        }
        const { sql, params } = toQuery(query);
        return this.statement(sql).all(...params) as T[];
      },
      run: async (query: SQL): Promise<number> => {
        if (tx) check();
        // With group commit, a write outside transactions is a one-statement body of the open
        // batch, or opens one: it shares that batch's COMMIT instead of autocommitting (an fsync
        // of its own under FULL, on the event loop).
        else if (this.batch || this.groupCommit) return this.grouped((inBatch) => inBatch.run(query));
        const { sql, params } = toQuery(query);
        return this.statement(sql).run(...params).changes;
      },
      transaction: <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
        if (!tx) return this.groupCommit ? this.grouped(fn) : this.alone(fn);
        check();
        return fn(self);
      },
      lock: async (_key: string): Promise<void> => {
        if (!tx) throw new Error("db.lock requires the Db of a transaction (inside db.transaction)");
        check();
      },
      close: async (): Promise<void> => {
        if (tx) throw new Error("close the database, not a transaction's Db");
        // Commit the open batch first: its callers are waiting for that commit.
        if (this.batch) this.flush();
        if (this.sqlite.open) this.sqlite.close();
      },
    };
    // Only the connection's own Db: a WeakMap entry per transaction is GC work on the hot path.
    if (!tx) connections.set(self, this);
    return self;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The outside drizzle instance runs synchronously and cannot wait: between bodies it commits
   * the open batch first; while a body runs (another request's code interleaving with it at a
   * microtask) its query runs inside that body, as it did without group commit.
   */
  private beforeOutsideQuery(): void {
    if (this.batch && !this.active) this.flush();
  }

  private async acquire(): Promise<void> {
    if (this.locked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.locked = true;
  }

  /** Hands the mutex to the next waiting transaction, or frees it. */
  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }

  /** Group commit off: BEGIN IMMEDIATE, the body, COMMIT, for each transaction on its own. */
  private async alone<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    await this.acquire();
    const state: TxState = { open: true, violated: false };
    const finish = () => {
      if (!state.open) return;
      state.open = false;
      this.release();
    };
    try {
      this.statement("BEGIN IMMEDIATE").run();
    } catch (error) {
      finish();
      throw error;
    }
    const guard = setImmediate(() => {
      if (!state.open) return;
      state.violated = true;
      this.rollback();
      finish();
    });
    try {
      const result = await fn(this.db(state));
      if (state.violated) throw new TransactionViolation();
      this.statement("COMMIT").run();
      this.commits++;
      return result;
    } catch (error) {
      if (state.violated) throw error instanceof TransactionViolation ? error : new TransactionViolation(error);
      this.rollback();
      throw error;
    } finally {
      clearImmediate(guard);
      finish();
    }
  }

  /** Group commit on: the body runs in a SAVEPOINT of the open batch; resolves after the batch's COMMIT. */
  private async grouped<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    await this.acquire();
    let batch: Batch;
    try {
      batch = this.batch ?? this.begin();
      this.statement("SAVEPOINT body").run();
    } catch (error) {
      this.release();
      throw error;
    }
    const state: TxState = { open: true, violated: false };
    this.active = state;
    const guard = setImmediate(() => this.violate(state));
    let result: T;
    try {
      result = await fn(this.db(state));
    } catch (error) {
      clearImmediate(guard);
      if (state.violated) throw error instanceof TransactionViolation ? error : new TransactionViolation(error);
      this.endBody(state, batch, error);
      throw error;
    }
    clearImmediate(guard);
    if (state.violated) throw new TransactionViolation();
    this.endBody(state, batch, null);
    // The result goes back only once the COMMIT holding it succeeded (a failed COMMIT rejects).
    await batch.done;
    return result;
  }

  /** BEGIN IMMEDIATE for a new batch, whose COMMIT runs at the end of the next event-loop turn (GROUP_COMMIT_TURNS). */
  private begin(): Batch {
    this.statement("BEGIN IMMEDIATE").run();
    let commit!: () => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      commit = resolve;
      fail = reject;
    });
    // Bodies that failed do not await it: a failed COMMIT with no body waiting is not unhandled.
    done.catch(noop);
    let turns = GROUP_COMMIT_TURNS;
    const tick = () => {
      if (--turns > 0) batch.timer = setImmediate(tick);
      else this.flush();
    };
    const batch: Batch = { bodies: 0, done, commit, fail, timer: setImmediate(tick) };
    this.batch = batch;
    return batch;
  }

  /**
   * A body has returned (`error` null: release its savepoint, its writes join the batch) or
   * thrown (roll back to its savepoint). The mutex goes to the next waiting transaction, which
   * joins the batch; a full batch commits first.
   */
  private endBody(state: TxState, batch: Batch, error: unknown): void {
    state.open = false;
    this.active = null;
    try {
      if (error !== null) this.statement("ROLLBACK TO body").run();
      this.statement("RELEASE body").run();
      batch.bodies++;
      if (batch.bodies >= GROUP_COMMIT_MAX_BODIES) this.flush();
    } catch (failure) {
      this.abort(batch, error ?? failure);
    }
    // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) roll back the whole transaction by themselves:
    // the batch's earlier bodies are lost with it, and their callers must hear so.
    if (this.batch === batch && !this.sqlite.inTransaction) this.abort(batch, error);
    this.release();
  }

  /**
   * The body awaited I/O (its guard, or the batch's COMMIT, came round while it still ran): its
   * writes are rolled back now, the batch goes on without it.
   */
  private violate(state: TxState): void {
    if (!state.open) return;
    state.violated = true;
    state.open = false;
    this.active = null;
    const batch = this.batch;
    if (batch) {
      try {
        this.statement("ROLLBACK TO body").run();
        this.statement("RELEASE body").run();
        batch.bodies++;
      } catch (failure) {
        this.abort(batch, failure);
      }
    }
    this.release();
  }

  /** The batch's COMMIT: resolves every body of the batch, or rejects them all. */
  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    if (this.active) this.violate(this.active);
    this.batch = null;
    clearImmediate(batch.timer);
    try {
      this.statement("COMMIT").run();
      this.commits++;
    } catch (error) {
      this.rollback();
      batch.fail(error);
      return;
    }
    batch.commit();
  }

  /** The batch's transaction is lost (or cannot go on): rolled back, every waiting caller rejects. */
  private abort(batch: Batch, error: unknown): void {
    if (this.batch !== batch) return;
    this.batch = null;
    clearImmediate(batch.timer);
    this.rollback();
    batch.fail(error instanceof Error ? error : new Error("the group commit's transaction was rolled back by SQLite"));
  }

  private rollback(): void {
    if (this.sqlite.open && this.sqlite.inTransaction) this.statement("ROLLBACK").run();
  }
}

function noop(): void {}
