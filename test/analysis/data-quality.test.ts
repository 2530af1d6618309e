import { describe, expect, it } from "vitest";
import { flagResponses, isIncluded, type QualityInput } from "../../analysis/data-quality";

const row = (id: string, over: Partial<QualityInput> = {}): QualityInput => ({
  id,
  durationMs: 300_000,
  completedAt: Number(id.replace(/\D/g, "")) || 1,
  ratings: { own: { a: 7, b: 5, c: 8 }, rival: { a: 6, b: 6, c: 4 } },
  known: ["own", "rival"],
  ...over,
});
const options = { ownId: "own" };

describe("flagResponses", () => {
  it("flags a completion under its absolute floor even when every response is as fast (the stuffer sets the median)", () => {
    // 150 scripted completes of 3 s each: median 3 s, a third is 1 s, so the relative rule flags
    // none. Each answered 6 pages at a floor of 3 s a page: 18 s, and 3 s is under it.
    const stuffed = Array.from({ length: 150 }, (_, i) => row(`s${i + 1}`, { durationMs: 3_000, minDurationMs: 18_000 }));
    const flags = flagResponses(stuffed, options);
    expect([...flags.values()].every((f) => f.includes("speeder"))).toBe(true);
    expect(flagResponses(stuffed.map((r) => ({ ...r, minDurationMs: null })), options).get("s1")).toEqual([]);
    // Exactly at the floor is not under it.
    expect(flagResponses([row("r1", { durationMs: 18_000, minDurationMs: 18_000 })], options).get("r1")).toEqual([]);
  });

  it("flags a completion under a third of the median time, not one just above it", () => {
    // durations 90, 120, 300, 300, 600 s: median 300 s, a third is 100 s.
    const rows = [
      row("r1", { durationMs: 90_000 }),
      row("r2", { durationMs: 120_000 }),
      row("r3"),
      row("r4"),
      row("r5", { durationMs: 600_000 }),
    ];
    const flags = flagResponses(rows, options);
    expect(flags.get("r1")).toEqual(["speeder"]);
    expect(flags.get("r2")).toEqual([]);
    expect(flags.get("r5")).toEqual([]);
  });

  it("uses the mean of the middle two as the median of an even count; unknown durations are left out", () => {
    // 99, 100, 500, 600 s: median (100 + 500) / 2 = 300 s, a third is 100 s: 99 s is fast, 100 s is not.
    const rows = [
      row("r1", { durationMs: 99_000 }),
      row("r2", { durationMs: 100_000 }),
      row("r3", { durationMs: 500_000 }),
      row("r4", { durationMs: 600_000 }),
      row("r5", { durationMs: null }),
    ];
    const flags = flagResponses(rows, options);
    expect(flags.get("r1")).toEqual(["speeder"]);
    expect(flags.get("r2")).toEqual([]);
    expect(flags.get("r5")).toEqual([]);
  });

  it("flags straight-lining when every offer's row is flat, even at different levels", () => {
    const flat = { own: { a: 7, b: 7, c: 7 }, rival: { a: 5, b: 5, c: 5 } };
    const oneFlat = { own: { a: 8, b: 8, c: 8 }, rival: { a: 5, b: 6, c: 4 } };
    const short = { own: { a: 7, b: 7 }, rival: { a: 5, b: 5 } };
    const flags = flagResponses([row("r1", { ratings: flat }), row("r2", { ratings: oneFlat }), row("r3", { ratings: short })], options);
    expect(flags.get("r1")).toEqual(["straight_liner"]);
    expect(flags.get("r2")).toEqual([]);
    // Rows of two ratings are too short to tell.
    expect(flags.get("r3")).toEqual([]);
  });

  it("flags the later responses from one device or one invitation as duplicates, never the first", () => {
    const rows = [
      row("r3", { deviceId: "dev-1" }),
      row("r1", { deviceId: "dev-1" }),
      row("r2", { deviceId: "dev-2", invitationId: 7 }),
      row("r4", { deviceId: "dev-3", invitationId: 7 }),
      row("r5", { deviceId: null }),
      row("r6", { deviceId: null }),
    ];
    const flags = flagResponses(rows, options);
    expect(flags.get("r1")).toEqual([]);
    expect(flags.get("r3")).toEqual(["duplicate"]);
    expect(flags.get("r2")).toEqual([]);
    expect(flags.get("r4")).toEqual(["duplicate"]);
    // No cookie is no evidence.
    expect(flags.get("r5")).toEqual([]);
    expect(flags.get("r6")).toEqual([]);
  });

  it("flags a respondent who knows no competitor, and lists several flags in a fixed order", () => {
    const rows = [
      row("r1", { known: ["own"], ratings: { own: { a: 6, b: 6, c: 6 } }, durationMs: 10_000 }),
      row("r2", { known: [] }),
      row("r3"),
      row("r4"),
    ];
    const flags = flagResponses(rows, options);
    expect(flags.get("r1")).toEqual(["speeder", "straight_liner", "no_competitor"]);
    expect(flags.get("r2")).toEqual(["no_competitor"]);
    expect(flags.get("r3")).toEqual([]);
  });
});

describe("isIncluded", () => {
  it("follows the researcher's decision first, then keeps flagged responses only when asked", () => {
    expect(isIncluded(["speeder"], "include", "out")).toBe(true);
    expect(isIncluded([], "exclude", "in")).toBe(false);
    expect(isIncluded(["speeder"], null, "out")).toBe(false);
    expect(isIncluded(["speeder"], null, "in")).toBe(true);
    expect(isIncluded([], null, "out")).toBe(true);
  });
});
