import { describe, it, expect } from "vitest";
import { maxDiffDesign } from "../../../analysis";
import { ok } from "../helpers";

const eight = ["a", "b", "c", "d", "e", "f", "g", "h"];

describe("maxDiffDesign", () => {
  it("makes ceil(3 * 8 / 4) = 6 tasks of 4 different items by default", () => {
    const design = ok(maxDiffDesign({ items: eight }));
    expect([design.perTask, design.tasks.length]).toEqual([4, 6]);
    for (const task of design.tasks) expect(new Set(task).size).toBe(4);
  });

  it("shows each of 8 items exactly 3 times (24 slots / 8)", () => {
    expect(Object.values(ok(maxDiffDesign({ items: eight })).appearances)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it("shows each of 10 items 3 or 4 times (ceil(30 / 4) = 8 tasks, 32 slots)", () => {
    const ten = [...eight, "i", "j"];
    const design = ok(maxDiffDesign({ items: ten, seed: 5 }));
    const counts = Object.values(design.appearances);
    expect([design.tasks.length, counts.reduce((s, c) => s + c, 0), Math.min(...counts), Math.max(...counts)]).toEqual([8, 32, 3, 4]);
  });

  it("keeps pair counts within 0..2 for 8 items in 6 tasks (36 pairs shown among 28 possible)", () => {
    // 6 tasks x C(4, 2) = 36 pairings over 28 pairs: a perfectly even design has each pair 1 or 2 times.
    const design = ok(maxDiffDesign({ items: eight }));
    expect(design.pairs.max - design.pairs.min).toBeLessThanOrEqual(2);
  });

  it("gives the same design for the same seed and another for another seed", () => {
    expect(maxDiffDesign({ items: eight, seed: 9 })).toEqual(maxDiffDesign({ items: eight, seed: 9 }));
    expect(ok(maxDiffDesign({ items: eight, seed: 9 })).tasks).not.toEqual(ok(maxDiffDesign({ items: eight, seed: 10 })).tasks);
  });

  it("shuffles positions: the first item is not always the least-shown one", () => {
    const firsts = new Set(ok(maxDiffDesign({ items: eight })).tasks.map((task) => task[0]));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it("uses all items per task when there are fewer items than perTask", () => {
    const design = ok(maxDiffDesign({ items: ["a", "b", "c"] }));
    expect([design.perTask, design.tasks.length]).toEqual([3, 3]);
  });

  it("honours the given tasks and items per task", () => {
    const design = ok(maxDiffDesign({ items: eight, perTask: 3, tasks: 8 }));
    expect([design.perTask, design.tasks.length, ...Object.values(design.appearances)]).toEqual([3, 8, 3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it("refuses one item, a repeated item and one item per task", () => {
    expect([
      maxDiffDesign({ items: ["a"] }),
      maxDiffDesign({ items: ["a", "a", "b"] }),
      maxDiffDesign({ items: eight, perTask: 1 }),
      maxDiffDesign({ items: eight, tasks: 0 }),
    ]).toEqual([
      { ok: false, reason: "too-few-items" },
      { ok: false, reason: "duplicate-item" },
      { ok: false, reason: "invalid-design" },
      { ok: false, reason: "invalid-design" },
    ]);
  });
});
