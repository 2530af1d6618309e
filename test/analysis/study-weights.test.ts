import { describe, it, expect } from "vitest";
import { studyWeights } from "../../analysis";
import type { GroupedAttributeDef } from "../../analysis";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

const grouped: GroupedAttributeDef[] = [
  { id: "reliability", kind: "quality", group: "product" },
  { id: "comfort", kind: "quality", group: "product" },
  { id: "service", kind: "quality", group: "care" },
  { id: "styling", kind: "quality", group: "care" },
  { id: "purchase", kind: "price", group: "money" },
  { id: "running", kind: "price", group: "money" },
];
const groups = [
  { id: "product", weight: 60 },
  { id: "care", weight: 40 },
  { id: "money", weight: 100 },
];

describe("studyWeights", () => {
  it("returns the weights unchanged without groups", () => {
    expect(ok(studyWeights(weights, grouped)).weights).toEqual(weights);
  });

  it("multiplies group weight by the within-group share (method.md Terms: two-level weights)", () => {
    // Worked-example weights 40, 25 | 23.75, 11.25 within groups of 60 and 40:
    // 60*40/65 = 36.9231, 60*25/65 = 23.0769, 40*23.75/35 = 27.1429, 40*11.25/35 = 12.8571.
    const flat = ok(studyWeights(weights, grouped, groups)).weights;
    expect(flat.reliability).toBeCloseTo(36.9231, 4);
    expect(flat.comfort).toBeCloseTo(23.0769, 4);
    expect(flat.service).toBeCloseTo(27.1429, 4);
    expect(flat.styling).toBeCloseTo(12.8571, 4);
  });

  it("keeps a single price group's weights (70, 30 within a group of 100)", () => {
    const flat = ok(studyWeights(weights, grouped, groups)).weights;
    expect([flat.purchase, flat.running]).toEqual([70, 30]);
  });

  it("says unknown-group for an attribute without a group", () => {
    const ungrouped = grouped.map((a) => (a.id === "styling" ? { id: a.id, kind: a.kind } : a));
    expect(studyWeights(weights, ungrouped, groups)).toEqual({ ok: false, reason: "unknown-group" });
  });
});
