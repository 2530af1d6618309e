import { describe, it, expect } from "vitest";
import { whatWho } from "../../analysis";
import type { AttributeDef, WhatWhoCell, WhatWhoInput } from "../../analysis";
import { attributes } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const quality = attributes.filter((a) => a.kind === "quality");

/**
 * Aster's head-to-head ratios against birch from method.md's means: reliability 8.25 / 7,
 * comfort 7 / 8 = 0.875, service 8.5 / 6.3333, styling 6 / 7.
 */
const ratios = { reliability: 8.25 / 7, comfort: 0.875, service: 8.5 / (19 / 3), styling: 6 / 7 };

const input: WhatWhoInput = {
  attributes: quality,
  weights,
  ratios,
  functions: ["design", "service", "sales"],
  cells: {
    reliability: { design: 9, service: 1 },
    comfort: { design: 9, sales: 1 },
    service: { service: 9, sales: 3 },
    styling: { design: 3, sales: 9 },
  },
};

const single: AttributeDef[] = [{ id: "a", kind: "quality" }];

describe("whatWho", () => {
  const result = ok(whatWho(input));

  it("gives each function's priority sum_i cell * w_i * max(0, 1 - r_i)", () => {
    // Hand calculation: only comfort (shortfall 0.125, w 25) and styling (shortfall 1/7, w 11.25)
    // fall short. design = 9 * 25 * 0.125 + 3 * 11.25 / 7 = 28.125 + 4.821429 = 32.946429;
    // sales = 1 * 25 * 0.125 + 9 * 11.25 / 7 = 3.125 + 14.464286 = 17.589286; service = 0.
    expect(result.functions).toEqual([
      { id: "design", priority: expect.closeTo(32.946429, 5), rank: 1 },
      { id: "sales", priority: expect.closeTo(17.589286, 5), rank: 2 },
      { id: "service", priority: 0, rank: 3 },
    ]);
  });

  it("gives the gap per cell", () => {
    // Hand calculation: comfort x design = 9 * 25 * 0.125 = 28.125.
    const cell = result.cells.find((c) => c.attributeId === "comfort" && c.functionId === "design");
    expect(cell?.gap).toBeCloseTo(28.125, 10);
  });

  it("gives no gap where own is ahead (r_i > 1)", () => {
    const cell = result.cells.find((c) => c.attributeId === "reliability" && c.functionId === "design");
    expect(cell).toEqual({ attributeId: "reliability", functionId: "design", cell: 9, gap: 0 });
  });

  it("counts a missing cell as 0", () => {
    const cell = result.cells.find((c) => c.attributeId === "comfort" && c.functionId === "service");
    expect(cell?.cell).toBe(0);
  });

  it("reports the shortfall per attribute", () => {
    // Hand calculation: max(0, 1 - 0.875) = 0.125.
    expect(result.attributes[1]).toEqual({ id: "comfort", weight: 25, ratio: 0.875, shortfall: 0.125 });
  });

  it("gives tied functions the same rank", () => {
    // Hand calculation: a and b both 9 * 100 * 0.5 = 450, c = 0; ranks 1, 1, 3.
    const tied = ok(
      whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.5 }, functions: ["a", "b", "c"], cells: { a: { a: 9, b: 9 } } }),
    );
    expect(tied.functions.map((f) => [f.id, f.rank])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 3],
    ]);
  });

  it("works with one attribute and one function", () => {
    // Hand calculation: 3 * 100 * (1 - 0.9) = 30.
    const one = ok(whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.9 }, functions: ["f"], cells: { a: { f: 3 } } }));
    expect(one.functions[0]?.priority).toBeCloseTo(30, 10);
  });

  it("gives all functions priority 0 at parity (r_i = 1)", () => {
    const parity = ok(whatWho({ ...input, ratios: { reliability: 1, comfort: 1, service: 1, styling: 1 } }));
    expect(parity.functions.map((f) => [f.priority, f.rank])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it("returns invalid-cell for a cell outside 0, 1, 3, 9", () => {
    const cells = { a: { f: 2 as unknown as WhatWhoCell } };
    expect(whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.9 }, functions: ["f"], cells })).toEqual({
      ok: false,
      reason: "invalid-cell",
    });
  });

  it("returns unknown-function for a cell of an unlisted function", () => {
    expect(
      whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.9 }, functions: ["f"], cells: { a: { g: 1 } } }),
    ).toEqual({ ok: false, reason: "unknown-function" });
  });

  it("returns duplicate-function when a function is listed twice", () => {
    expect(whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.9 }, functions: ["f", "f"], cells: {} })).toEqual({
      ok: false,
      reason: "duplicate-function",
    });
  });

  it("returns no-functions without functions", () => {
    expect(whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: 0.9 }, functions: [], cells: {} })).toEqual({
      ok: false,
      reason: "no-functions",
    });
  });

  it("returns invalid-ratio when an attribute has no ratio", () => {
    expect(whatWho({ attributes: single, weights: { a: 100 }, ratios: {}, functions: ["f"], cells: {} })).toEqual({
      ok: false,
      reason: "invalid-ratio",
    });
  });

  it("returns invalid-ratio for a ratio that is not finite", () => {
    expect(
      whatWho({ attributes: single, weights: { a: 100 }, ratios: { a: Number.NaN }, functions: ["f"], cells: {} }),
    ).toEqual({ ok: false, reason: "invalid-ratio" });
  });

  it("returns no-weights when the weights sum to 0", () => {
    expect(whatWho({ attributes: single, weights: { a: 0 }, ratios: { a: 0.9 }, functions: ["f"], cells: {} })).toEqual({
      ok: false,
      reason: "no-weights",
    });
  });

  it("returns no-attributes without attributes", () => {
    expect(whatWho({ attributes: [], weights: {}, ratios: {}, functions: ["f"], cells: {} })).toEqual({
      ok: false,
      reason: "no-attributes",
    });
  });
});
