import { describe, expect, it } from "vitest";
import { createVersionedCache } from "../../app/lib/platform/versioned-cache";

describe("createVersionedCache", () => {
  it("reuses the value while the version is unchanged, however old", () => {
    let clock = 0;
    let computed = 0;
    const cache = createVersionedCache<number>({ maxStaleMs: 30_000, now: () => clock });
    expect(cache.get("study-1", "v1", () => ++computed)).toBe(1);
    clock = 10 * 60_000;
    expect(cache.get("study-1", "v1", () => ++computed)).toBe(1);
    expect(computed).toBe(1);
  });

  it("serves a stale value for at most maxStaleMs after the version changed, then recomputes", () => {
    let clock = 0;
    let computed = 0;
    const cache = createVersionedCache<number>({ maxStaleMs: 30_000, now: () => clock });
    cache.get("study-1", "v1", () => ++computed);
    clock = 29_999;
    expect(cache.get("study-1", "v2", () => ++computed)).toBe(1);
    clock = 30_000;
    expect(cache.get("study-1", "v2", () => ++computed)).toBe(2);
    // Now cached under v2 from 30 000: v3 is served stale until 60 000.
    clock = 59_999;
    expect(cache.get("study-1", "v3", () => ++computed)).toBe(2);
    clock = 60_000;
    expect(cache.get("study-1", "v3", () => ++computed)).toBe(3);
  });

  it("keeps keys apart and drops the oldest key beyond maxKeys", () => {
    let computed = 0;
    const cache = createVersionedCache<string>({ maxStaleMs: 0, now: () => 0, maxKeys: 2 });
    cache.get("a", "v", () => `a${++computed}`);
    cache.get("b", "v", () => `b${++computed}`);
    expect(cache.get("a", "v", () => "never")).toBe("a1");
    cache.get("c", "v", () => `c${++computed}`);
    expect(cache.get("a", "v", () => `a${++computed}`)).toBe("a4");
  });
});
