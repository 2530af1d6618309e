import { describe, it, expect } from "vitest";
import { importancePerformance } from "../../../analysis";
import { ok } from "../helpers";

describe("importancePerformance", () => {
  it("puts each attribute in its quadrant against the mean importance and parity", () => {
    // importance 50, 30, 15, 5 -> mean 25; ratios 0.9, 1.1, 1.2, 0.7 against 1:
    // a important and below parity (fix-first), b important and above (keep),
    // c less important and above (over-invested), d less important and below (low-priority).
    const result = ok(importancePerformance({ importance: { a: 50, b: 30, c: 15, d: 5 }, ratios: { a: 0.9, b: 1.1, c: 1.2, d: 0.7 } }));
    expect(result.attributes.map((x) => x.quadrant)).toEqual(["fix-first", "keep", "over-invested", "low-priority"]);
    expect(result.quadrants).toEqual({ "fix-first": ["a"], keep: ["b"], "over-invested": ["c"], "low-priority": ["d"] });
    expect([result.importanceCut, result.performanceCut]).toEqual([25, 1]);
  });

  it("counts an importance at the cut as important and a ratio of 1 as performing (method.md worked example)", () => {
    // Weights 40, 25, 23.75, 11.25 (mean 25); own ratios 1.2692, 1.0244, 1.3421, 0.8:
    // reliability keep, comfort (25, at the cut) keep, service over-invested, styling low-priority.
    const result = ok(
      importancePerformance({
        importance: { reliability: 40, comfort: 25, service: 23.75, styling: 11.25 },
        ratios: { reliability: 1.2692, comfort: 1.0244, service: 1.3421, styling: 0.8 },
      }),
    );
    expect(result.attributes.map((x) => x.quadrant)).toEqual(["keep", "keep", "over-invested", "low-priority"]);
  });

  it("counts an importance at the mean as at the cut whatever the last bit of the mean (0.1, 0.2, 0.3: mean 0.2)", () => {
    // In floating point (0.1 + 0.2 + 0.3) / 3 is 0.20000000000000004, a hair above 0.2: the
    // attribute at the mean is still important, and a ratio within rounding of 1 still performs
    // (the report's two paths sum in different orders and must classify alike).
    const result = ok(
      importancePerformance({
        importance: { a: 0.1, b: 0.2, c: 0.3 },
        ratios: { a: 1, b: 1, c: 1 - 1e-15 },
      }),
    );
    expect(result.attributes.map((x) => x.quadrant)).toEqual(["over-invested", "keep", "keep"]);
  });

  it("uses given cuts, and a negative derived share counts as less important", () => {
    const result = ok(importancePerformance({ importance: { a: 80, b: -20 }, ratios: { a: 1, b: 0.9 }, importanceCut: 10, performanceCut: 1.05 }));
    expect(result.attributes.map((x) => x.quadrant)).toEqual(["fix-first", "low-priority"]);
  });

  it("returns unknown-attribute when an attribute has no ratio, no-attributes for none", () => {
    expect([
      importancePerformance({ importance: { a: 1 }, ratios: {} }),
      importancePerformance({ importance: {}, ratios: {} }),
    ]).toEqual([
      { ok: false, reason: "unknown-attribute" },
      { ok: false, reason: "no-attributes" },
    ]);
  });

  it("returns not-finite for a NaN ratio", () => {
    expect(importancePerformance({ importance: { a: 1 }, ratios: { a: Number.NaN } })).toEqual({ ok: false, reason: "not-finite" });
  });
});
