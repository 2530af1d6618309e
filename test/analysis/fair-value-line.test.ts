import { describe, it, expect } from "vitest";
import { fairValueLine } from "../../analysis";
import { ok } from "./helpers";

// Hand-made points: mean Q = 100, mean RP = 105.
const points = [
  { quality: 90, relativePrice: 95 },
  { quality: 100, relativePrice: 100 },
  { quality: 110, relativePrice: 120 },
];

describe("fairValueLine", () => {
  it("draws the parity line RP = Q through (100, 100)", () => {
    expect(fairValueLine({ type: "parity" }, [], null)).toEqual({
      ok: true,
      type: "parity",
      slope: 1,
      intercept: 0,
      through: { quality: 100, relativePrice: 100 },
    });
  });

  it("gives the weights line slope 1.5 for q = 60 (method.md 'The tools' (c))", () => {
    const line = ok(fairValueLine({ type: "weights" }, [], 60));
    expect(line.slope).toBeCloseTo(1.5, 4);
  });

  it("passes the weights line through (100, 100)", () => {
    // Hand calculation: intercept = 100 - 1.5 * 100 = -50.
    const line = ok(fairValueLine({ type: "weights" }, [], 60));
    expect(line.intercept).toBeCloseTo(-50, 4);
    expect(line.through).toEqual({ quality: 100, relativePrice: 100 });
  });

  it("returns no-quality-share for the weights line without q", () => {
    expect(fairValueLine({ type: "weights" }, points, null)).toEqual({ ok: false, reason: "no-quality-share" });
  });

  it("returns quality-share-100 for the weights line with q = 100", () => {
    expect(fairValueLine({ type: "weights" }, points, 100)).toEqual({ ok: false, reason: "quality-share-100" });
  });

  it("fits the regression slope by least squares", () => {
    // Hand calculation: Sxy = (-10)(-10) + 0 + (10)(15) = 250, Sxx = 200, slope 1.25.
    const line = ok(fairValueLine({ type: "regression" }, points, null));
    expect(line.slope).toBeCloseTo(1.25, 4);
  });

  it("passes the regression line through the means", () => {
    // Hand calculation: intercept = 105 - 1.25 * 100 = -20.
    const line = ok(fairValueLine({ type: "regression" }, points, null));
    expect(line.intercept).toBeCloseTo(-20, 4);
    expect(line.through.quality).toBeCloseTo(100, 4);
    expect(line.through.relativePrice).toBeCloseTo(105, 4);
  });

  it("returns too-few-offers for a regression on 2 points", () => {
    expect(fairValueLine({ type: "regression" }, points.slice(0, 2), null)).toEqual({
      ok: false,
      reason: "too-few-offers",
    });
  });

  it("returns zero-variance for a regression where every Q is equal", () => {
    const flat = [
      { quality: 100, relativePrice: 90 },
      { quality: 100, relativePrice: 100 },
      { quality: 100, relativePrice: 110 },
    ];
    expect(fairValueLine({ type: "regression" }, flat, null)).toEqual({ ok: false, reason: "zero-variance" });
  });

  it("draws a given slope through the market means", () => {
    // Hand calculation: means (100, 105); intercept = 105 - 2 * 100 = -95.
    const line = ok(fairValueLine({ type: "slope", slope: 2 }, points, null));
    expect(line.slope).toBe(2);
    expect(line.intercept).toBeCloseTo(-95, 4);
  });

  it("returns no-points for a given slope without points", () => {
    expect(fairValueLine({ type: "slope", slope: 2 }, [], null)).toEqual({ ok: false, reason: "no-points" });
  });

  it("returns invalid-slope for a non-finite slope", () => {
    expect(fairValueLine({ type: "slope", slope: Number.POSITIVE_INFINITY }, points, null)).toEqual({
      ok: false,
      reason: "invalid-slope",
    });
  });
});
