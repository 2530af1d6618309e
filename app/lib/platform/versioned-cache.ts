/**
 * A per-key cache for slow figures that depend on a cheap "version" (e.g. the set of complete
 * responses): the cached value is reused while the version is unchanged, and also for
 * `maxStaleMs` after it changed, so a page polled every few seconds recomputes at most that
 * often. Pure (the clock is given), so it is tested without waiting.
 */
export function createVersionedCache<T>(options: { maxStaleMs: number; now?: () => number; maxKeys?: number }) {
  const entries = new Map<string, { at: number; version: string; value: T }>();
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 1000;
  const fresh = (key: string, version: string, at: number) => {
    const entry = entries.get(key);
    return entry && (entry.version === version || at - entry.at < options.maxStaleMs) ? entry : undefined;
  };
  const store = (key: string, version: string, at: number, value: T) => {
    entries.delete(key);
    if (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
    entries.set(key, { at, version, value });
  };
  return {
    get(key: string, version: string, compute: () => T): T {
      const at = now();
      const entry = fresh(key, version, at);
      if (entry) return entry.value;
      const value = compute();
      store(key, version, at, value);
      return value;
    },
    /** The same with a computation that reads the database (a failed one caches nothing). */
    async getAsync(key: string, version: string, compute: () => Promise<T>): Promise<T> {
      const at = now();
      const entry = fresh(key, version, at);
      if (entry) return entry.value;
      const value = await compute();
      store(key, version, at, value);
      return value;
    },
  };
}
