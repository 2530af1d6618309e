import { describe, it, expect } from "vitest";
import { aggregateWeights } from "../../analysis";
import type { AttributeDef } from "../../analysis";
import { attributes, respondents } from "./fixtures/worked-example";

describe("aggregateWeights", () => {
  it("averages the worked example's quality weights to 40, 25, 23.75, 11.25 (method.md worked example)", () => {
    const { weights } = aggregateWeights(respondents, attributes);
    expect(weights.reliability).toBeCloseTo(40, 4);
    expect(weights.comfort).toBeCloseTo(25, 4);
    expect(weights.service).toBeCloseTo(23.75, 4);
    expect(weights.styling).toBeCloseTo(11.25, 4);
  });

  it("averages the worked example's price weights to 70, 30 (method.md worked example)", () => {
    const { weights } = aggregateWeights(respondents, attributes);
    expect(weights.purchase).toBeCloseTo(70, 4);
    expect(weights.running).toBeCloseTo(30, 4);
  });

  it("averages the quality share to q = 60 over 4 respondents (method.md worked example)", () => {
    const result = aggregateWeights(respondents, attributes);
    expect(result.qualityShare).toBeCloseTo(60, 4);
    expect(result.nQualityShare).toBe(4);
    expect(result.n).toEqual({ quality: 4, price: 4 });
  });

  it("normalises each respondent's points to 100 before averaging", () => {
    // Hand calculation: r1 gives 3/1 -> 75/25, r2 gives 1/1 -> 50/50; means 62.5/37.5.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const { weights } = aggregateWeights(
      [
        { id: "r1", weights: { a: 3, b: 1 }, ratings: {} },
        { id: "r2", weights: { a: 10, b: 10 }, ratings: {} },
      ],
      attrs,
    );
    expect(weights.a).toBeCloseTo(62.5, 4);
    expect(weights.b).toBeCloseTo(37.5, 4);
  });

  it("counts a missing attribute as 0 points", () => {
    // Hand calculation: r1 gives a 5 only -> 100/0; r2 gives 1/3 -> 25/75; means 62.5/37.5.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const { weights } = aggregateWeights(
      [
        { id: "r1", weights: { a: 5 }, ratings: {} },
        { id: "r2", weights: { a: 1, b: 3 }, ratings: {} },
      ],
      attrs,
    );
    expect(weights.a).toBeCloseTo(62.5, 4);
    expect(weights.b).toBeCloseTo(37.5, 4);
  });

  it("leaves out respondents whose points for a kind sum to 0", () => {
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const result = aggregateWeights(
      [
        { id: "r1", weights: { a: 0, b: 0 }, ratings: {} },
        { id: "r2", weights: { a: 1, b: 3 }, ratings: {} },
      ],
      attrs,
    );
    expect(result.n.quality).toBe(1);
    expect(result.weights.a).toBeCloseTo(25, 4);
  });

  it("uses equal shares with n = 0 when nobody weighted a kind", () => {
    // Hand calculation: 3 price attributes, 100 / 3 = 33.3333 each.
    const attrs: AttributeDef[] = [
      { id: "p1", kind: "price" },
      { id: "p2", kind: "price" },
      { id: "p3", kind: "price" },
    ];
    const result = aggregateWeights([{ id: "r1", weights: {}, ratings: {} }], attrs);
    expect(result.n.price).toBe(0);
    expect(result.weights.p1).toBeCloseTo(33.3333, 4);
    expect(result.weights.p3).toBeCloseTo(33.3333, 4);
  });

  it("gives a single unweighted attribute of a kind the weight 100", () => {
    const attrs: AttributeDef[] = [{ id: "price", kind: "price" }];
    const result = aggregateWeights([{ id: "r1", weights: {}, ratings: {} }], attrs);
    expect(result.weights.price).toBe(100);
  });

  it("returns a null quality share when nobody gave one", () => {
    const result = aggregateWeights([{ id: "r1", weights: {}, ratings: {} }], attributes);
    expect(result.qualityShare).toBeNull();
    expect(result.nQualityShare).toBe(0);
  });
});
