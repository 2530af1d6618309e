import { describe, it, expect } from "vitest";
import { maxDiffCounts, maxDiffShares } from "../../../analysis";

describe("maxDiffCounts", () => {
  const result = maxDiffCounts(
    ["a", "b", "c", "d"],
    [
      {
        respondentId: "r1",
        tasks: [
          { items: ["a", "b", "c"], best: "a", worst: "c" },
          { items: ["b", "c", "d"], best: "b", worst: "d" },
        ],
      },
      {
        respondentId: "r2",
        tasks: [
          { items: ["a", "c", "d"], best: "a", worst: "d" },
          { items: ["a", "b", "x"], best: "a", worst: "b" },
          { items: ["a", "b", "c"], best: "b", worst: "b" },
        ],
      },
    ],
  );

  it("gives (best - worst) / appearances per item", () => {
    // usable tasks 1-3: a shown 2, best 2 -> 1; b shown 2, best 1 -> 0.5; c shown 3, worst 1
    // -> -1/3; d shown 2, worst 2 -> -1.
    expect(result.items).toEqual([
      { id: "a", appearances: 2, best: 2, worst: 0, score: 1 },
      { id: "b", appearances: 2, best: 1, worst: 0, score: 0.5 },
      { id: "c", appearances: 3, best: 0, worst: 1, score: -1 / 3 },
      { id: "d", appearances: 2, best: 0, worst: 2, score: -1 },
    ]);
  });

  it("skips a task with an unknown item and one with best = worst", () => {
    expect([result.tasks, result.skipped]).toEqual([3, 2]);
  });

  it("gives null for an item never shown", () => {
    expect(maxDiffCounts(["a", "b", "z"], [{ respondentId: "r", tasks: [{ items: ["a", "b"], best: "a", worst: "b" }] }]).items[2]?.score).toBeNull();
  });
});

describe("maxDiffShares", () => {
  it("rescales utilities 1, 0, -1 with k = 3 to shares 54.1050, 31.3044, 14.5906", () => {
    // P = e / (e + 2) = 0.576117, 1 / 3, e^-1 / (e^-1 + 2) = 0.155362; sum 1.064812;
    // shares 100 P / sum = 54.105001, 31.304412, 14.590586.
    expect(maxDiffShares([1, 0, -1], 3)).toEqual([expect.closeTo(54.105001, 5), expect.closeTo(31.304412, 5), expect.closeTo(14.590586, 5)]);
  });

  it("gives equal shares for equal utilities", () => {
    expect(maxDiffShares([0, 0, 0, 0], 4)).toEqual([25, 25, 25, 25]);
  });
});
