import { describe, it, expect } from "vitest";
import { derivedImportance, importanceQuadrant, meanScores, qualityProfile } from "../../../analysis";
import type { AttributeDef, RespondentOutcome } from "../../../analysis";
import { ok } from "../helpers";

const attributes: AttributeDef[] = [
  { id: "a", kind: "quality" },
  { id: "b", kind: "quality" },
];
const offers = [
  { id: "own", own: true },
  { id: "comp", own: false },
];

/**
 * The orthogonal design of derived-importance-default.test.ts: (a, b, overall) rows
 * (6, 6, 7), (6, 4, 7), (4, 6, 1), (4, 4, 5), each twice; overall = 2a - b + e. Relative
 * weights by hand there: derived shares +80 (a) and -20 (b), R² = 0.833333.
 * Here own gets (6, 6) and (4, 6) twice each, comp (6, 4) and (4, 4):
 * own means a 5, b 6; comp a 5, b 4 -> ratios a 5 / 5 = 1, b 6 / 4 = 1.5.
 */
const respondents: RespondentOutcome[] = [
  [[6, 6, 7], [6, 4, 7]],
  [[4, 6, 1], [4, 4, 5]],
  [[6, 6, 7], [6, 4, 7]],
  [[4, 6, 1], [4, 4, 5]],
].map(([own, comp], i) => ({
  id: `r${i + 1}`,
  weights: {},
  ratings: { own: { a: own![0]!, b: own![1]! }, comp: { a: comp![0]!, b: comp![1]! } },
  overall: { own: own![2]!, comp: comp![2]! },
}));
const weights = { a: 30, b: 70 };
const derived = derivedImportance({ respondents, attributes, weights });
const profile = ok(qualityProfile({ attributes, weights, scores: meanScores(respondents, offers, attributes), offerId: "own", referenceIds: ["comp"] }));
const ratios = Object.fromEntries(profile.rows.map((r) => [r.id, r.ratio]));

describe("importanceQuadrant: stated or derived importance (docs/method.md §6)", () => {
  it("has the ratios a 1 and b 1.5", () => {
    expect(ratios).toEqual({ a: expect.closeTo(1, 12), b: expect.closeTo(1.5, 12) });
  });

  it("from stated weights 30 / 70 (cut 50): a over-invested, b keep", () => {
    const result = ok(importanceQuadrant({ from: "stated", attributes, weights, derived, ratios }));
    expect([result.from, result.importanceCut, result.attributes.map((x) => [x.id, x.importance, x.quadrant])]).toEqual([
      "stated",
      50,
      [
        ["a", 30, "over-invested"],
        ["b", 70, "keep"],
      ],
    ]);
  });

  it("from derived shares +80 / -20 (cut (80 - 20) / 2 = 30): a keep, b over-invested", () => {
    const result = ok(importanceQuadrant({ from: "derived", attributes, weights, derived, ratios }));
    expect([result.from, result.importanceCut, result.attributes.map((x) => [x.id, x.importance, x.quadrant])]).toEqual([
      "derived",
      expect.closeTo(30, 9),
      [
        ["a", expect.closeTo(80, 9), "keep"],
        ["b", expect.closeTo(-20, 9), "over-invested"],
      ],
    ]);
  });

  it("gives derived importance's reason when it could not be computed, no-quality-profile without ratios", () => {
    const none = derivedImportance({ respondents: [], attributes, weights });
    expect([
      importanceQuadrant({ from: "derived", attributes, weights, derived: none, ratios }),
      importanceQuadrant({ from: "stated", attributes, weights, derived, ratios: null }),
    ]).toEqual([none, { ok: false, reason: "no-quality-profile" }]);
  });
});
