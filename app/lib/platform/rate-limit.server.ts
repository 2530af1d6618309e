import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts requests per key in fixed windows and answers whether one more fits. */
export interface RateLimiter {
  take(key: string, now?: number): Promise<Take>;
  /** Whether one more would fit, without counting it. */
  peek(key: string, now?: number): Promise<Take>;
}

/**
 * A fixed-window request counter per key, in memory: for SQLite, where one app process owns the
 * database file. `take` answers whether one more request fits in the key's current window, and
 * if not, in how many seconds the window ends.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async take(key: string, now = Date.now()): Promise<Take> {
    if (this.limit <= 0) return { ok: true };
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= 50_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return { ok: false, retryAfterSeconds: Math.ceil((window.start + this.windowMs - now) / 1000) };
    window.count += 1;
    return { ok: true };
  }

  async peek(key: string, now = Date.now()): Promise<Take> {
    if (this.limit <= 0) return { ok: true };
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs || window.count < this.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.ceil((window.start + this.windowMs - now) / 1000) };
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** Windows older than this many window lengths are deleted now and then. */
const KEEP_WINDOWS = 2;
/** One `take` in this many also deletes expired windows (per instance). */
const PRUNE_EVERY = 1000;

/**
 * The same counter in the database, shared by every app instance on one PostgreSQL database:
 * windows are aligned to multiples of the window length, and one atomic upsert counts the
 * request and returns the window's count (`insert ... on conflict do update ... returning`), so
 * two instances never both admit the last request of a window. A request over the limit still
 * counts (it is refused either way).
 */
export class DatabaseRateLimiter implements RateLimiter {
  private takes = 0;

  /**
   * `namespace` keeps this limiter's counters apart from the other limiters' in the one table
   * (they count other things in windows of other lengths): its keys are stored as
   * `<namespace>:<key>`, and its pruning deletes only its own expired windows (a request limiter
   * of minutes pruning every row older than a few minutes deleted the per-address completion
   * counts of the day, and the daily cap began again).
   */
  constructor(
    private readonly db: Db,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly namespace: string,
  ) {
    if (!/^[a-z][a-z-]*$/.test(namespace)) throw new Error(`rate limiter namespace must be lowercase letters and hyphens: ${namespace}`);
  }

  async take(key: string, now = Date.now()): Promise<Take> {
    if (this.limit <= 0) return { ok: true };
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    const [row] = await this.db.rows<{ hits: number }>(
      sql`insert into rate_limit_windows (key, window_start, hits) values (${`${this.namespace}:${key}`}, ${start}, 1)
          on conflict (key, window_start) do update set hits = rate_limit_windows.hits + 1
          returning hits as "hits"`,
    );
    if ((this.takes = (this.takes + 1) % PRUNE_EVERY) === 0) {
      await this.db.run(sql`delete from rate_limit_windows where key like ${`${this.namespace}:%`} and window_start < ${start - KEEP_WINDOWS * this.windowMs}`);
    }
    if (row!.hits > this.limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)) };
    return { ok: true };
  }

  async peek(key: string, now = Date.now()): Promise<Take> {
    if (this.limit <= 0) return { ok: true };
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    const [row] = await this.db.rows<{ hits: number }>(
      sql`select hits as "hits" from rate_limit_windows where key = ${`${this.namespace}:${key}`} and window_start = ${start}`,
    );
    if (Number(row?.hits ?? 0) >= this.limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)) };
    return { ok: true };
  }
}

/** The limiter for the engine: in memory on SQLite (one process), in the database on PostgreSQL (many). */
export function rateLimiterFor(db: Db, limit: number, windowMs: number, namespace: string): RateLimiter {
  return db.engine === "postgres" ? new DatabaseRateLimiter(db, limit, windowMs, namespace) : new MemoryRateLimiter(limit, windowMs);
}
