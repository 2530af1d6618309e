import { describe, it, expect } from "vitest";
import { twoLevelWeights } from "../../analysis";
import { ok } from "./helpers";

const groups = [
  { id: "product", weight: 60 },
  { id: "people", weight: 40 },
];

describe("twoLevelWeights", () => {
  it("gives group weight x within-group weight / 100 (method.md Terms)", () => {
    // Hand calculation: 60 * 75 / 100 = 45, 60 * 25 / 100 = 15, 40 * 60 / 100 = 24, 40 * 40 / 100 = 16.
    const result = ok(
      twoLevelWeights(groups, {
        reliability: { group: "product", weight: 75 },
        styling: { group: "product", weight: 25 },
        comfort: { group: "people", weight: 60 },
        service: { group: "people", weight: 40 },
      }),
    );
    expect(result.weights).toEqual({ reliability: 45, styling: 15, comfort: 24, service: 16 });
  });

  it("rescales within-group weights to 100 per group", () => {
    // Hand calculation: 3 : 1 within product -> 75, 25 -> 60 * 75 / 100 = 45 and 15.
    const result = ok(
      twoLevelWeights(groups, {
        reliability: { group: "product", weight: 3 },
        styling: { group: "product", weight: 1 },
        comfort: { group: "people", weight: 1 },
      }),
    );
    expect(result.weights).toEqual({ reliability: 45, styling: 15, comfort: 40 });
  });

  it("gives one attribute in one group the group's weight (n = 1)", () => {
    expect(twoLevelWeights([{ id: "g", weight: 100 }], { a: { group: "g", weight: 7 } })).toEqual({
      ok: true,
      weights: { a: 100 },
    });
  });

  it("splits a group evenly between tied attributes", () => {
    expect(
      twoLevelWeights([{ id: "g", weight: 100 }], { a: { group: "g", weight: 50 }, b: { group: "g", weight: 50 } }),
    ).toEqual({ ok: true, weights: { a: 50, b: 50 } });
  });

  it("gives 0 to the attributes of a group weighted 0", () => {
    const result = ok(
      twoLevelWeights(
        [
          { id: "g", weight: 100 },
          { id: "h", weight: 0 },
        ],
        { a: { group: "g", weight: 1 }, b: { group: "h", weight: 0 } },
      ),
    );
    expect(result.weights).toEqual({ a: 100, b: 0 });
  });

  it("returns unknown-group for an attribute in an undefined group", () => {
    expect(twoLevelWeights(groups, { a: { group: "image", weight: 100 } })).toEqual({ ok: false, reason: "unknown-group" });
  });

  it("returns duplicate-group when a group is listed twice", () => {
    expect(twoLevelWeights([...groups, { id: "product", weight: 10 }], {})).toEqual({ ok: false, reason: "duplicate-group" });
  });

  it("returns negative-weight for a negative weight", () => {
    expect(twoLevelWeights(groups, { a: { group: "product", weight: -1 } })).toEqual({ ok: false, reason: "negative-weight" });
  });

  it("returns not-finite for a NaN weight", () => {
    expect(twoLevelWeights([{ id: "g", weight: Number.NaN }], {})).toEqual({ ok: false, reason: "not-finite" });
  });

  it("returns empty-group for a weighted group without weighted attributes", () => {
    expect(twoLevelWeights(groups, { a: { group: "product", weight: 100 } })).toEqual({ ok: false, reason: "empty-group" });
  });
});
