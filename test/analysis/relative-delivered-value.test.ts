import { describe, it, expect } from "vitest";
import { meanScores, relativeDeliveredValue } from "../../analysis";
import type { GroupedAttributeDef } from "../../analysis";
import { offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

/** method.md's attributes in Kotler groups: product (reliability, styling), personnel (comfort, service); cost groups money (purchase), time (running). */
const grouped: GroupedAttributeDef[] = [
  { id: "reliability", kind: "quality", group: "product" },
  { id: "comfort", kind: "quality", group: "personnel" },
  { id: "service", kind: "quality", group: "personnel" },
  { id: "styling", kind: "quality", group: "product" },
  { id: "purchase", kind: "price", costGroup: "money" },
  { id: "running", kind: "price", costGroup: "time" },
];
const scores = meanScores(respondents, offers, grouped);
const result = ok(relativeDeliveredValue({ attributes: grouped, weights, scores, offerId: "aster" }));

describe("relativeDeliveredValue (Kotler, relative to competitors)", () => {
  it("gives total value Q = 117.254 and total cost RP = 107.6159 (method.md worked example)", () => {
    expect([result.totalValue, result.totalCost]).toEqual([expect.closeTo(117.254, 3), expect.closeTo(107.6159, 4)]);
  });

  it("gives delivered value 117.2540 - 107.6159 = 9.6381 and ratio 108.956", () => {
    // 117.253987 - 107.615894 = 9.638093; 100 * 117.253987 / 107.615894 = 108.956012.
    expect([result.deliveredValue, result.deliveredValueRatio]).toEqual([expect.closeTo(9.638093, 5), expect.closeTo(108.956012, 5)]);
  });

  it("gives the value groups: product 116.6229 (weight 51.25), personnel 117.9174 (48.75)", () => {
    // ratios 1.269231, 1.024390, 1.342105, 0.8 (method.md); product (40 * 1.269231 + 11.25 * 0.8)
    // / 51.25 = 1.166229; personnel (25 * 1.024390 + 23.75 * 1.342105) / 48.75 = 1.179174.
    expect(result.valueGroups).toEqual([
      { id: "product", weight: expect.closeTo(51.25, 10), index: expect.closeTo(116.622889, 5), attributes: ["reliability", "styling"] },
      { id: "personnel", weight: expect.closeTo(48.75, 10), index: expect.closeTo(117.917448, 5), attributes: ["comfort", "service"] },
    ]);
  });

  it("gives the total customer cost per cost group: money 125 (own costs more), time 81.25 (less)", () => {
    // purchase ratio 6 / 7.5 = 0.8 -> 100 / 0.8 = 125; running 8 / 6.5 = 1.230769 -> 81.25.
    expect(result.costGroups.map((g) => [g.id, g.weight, g.index])).toEqual([
      ["money", expect.closeTo(70, 10), expect.closeTo(125, 10)],
      ["time", expect.closeTo(30, 10), expect.closeTo(81.25, 10)],
    ]);
  });

  it("makes the total cost the weighted harmonic mean of the group costs: 100 / (0.7 / 125 + 0.3 / 81.25) * 100 = 107.6159 = RP", () => {
    // 0.7 / 125 + 0.3 / 81.25 = 0.0056 + 0.00369231 = 0.00929231; 1 / 0.00929231 = 107.6159.
    const harmonic = 1 / result.costGroups.reduce((s, g) => s + g.weight / 100 / g.index, 0);
    expect([harmonic, result.totalCost]).toEqual([expect.closeTo(107.6159, 4), expect.closeTo(107.6159, 4)]);
  });

  it("puts a price attribute without a cost group in money: one group costing RP = 107.6159", () => {
    const plain = grouped.map(({ costGroup: _dropped, ...a }) => a);
    const money = ok(relativeDeliveredValue({ attributes: plain, weights, scores, offerId: "aster" }));
    expect(money.costGroups.map((g) => [g.id, g.weight, g.index])).toEqual([["money", expect.closeTo(100, 10), expect.closeTo(107.6159, 4)]]);
  });

  it("lists the cost groups in the order money, time, energy, psychic, leaving out empty ones", () => {
    // purchase psychic (ratio 0.8 -> 125), running energy (1.230769 -> 81.25): energy first.
    const moved = grouped.map((a) => (a.id === "purchase" ? { ...a, costGroup: "psychic" as const } : a.id === "running" ? { ...a, costGroup: "energy" as const } : a));
    const result2 = ok(relativeDeliveredValue({ attributes: moved, weights, scores: meanScores(respondents, offers, moved), offerId: "aster" }));
    expect(result2.costGroups.map((g) => [g.id, g.index])).toEqual([
      ["energy", expect.closeTo(81.25, 10)],
      ["psychic", expect.closeTo(125, 10)],
    ]);
  });

  it("treats a lowerIsBetter price attribute as an objective cost: own 20 minutes vs 40 costs half", () => {
    // minutes: own 20, competitors 40 -> ratio 40 / 20 = 2 (inverted), relative time cost 50.
    const minutes: GroupedAttributeDef[] = [
      { id: "q", kind: "quality" },
      { id: "wait", kind: "price", costGroup: "time", lowerIsBetter: true },
    ];
    const objective = ok(
      relativeDeliveredValue({
        attributes: minutes,
        weights: { q: 100, wait: 100 },
        scores: { means: { a: { q: 8, wait: 20 }, b: { q: 8, wait: 40 } }, n: { a: { q: 1, wait: 1 }, b: { q: 1, wait: 1 } }, nOffer: { a: 1, b: 1 } },
        offerId: "a",
      }),
    );
    expect([objective.totalCost, objective.deliveredValue]).toEqual([50, 50]);
  });

  it("returns mixed-group for a group in both sides, unknown-offer for an unknown offer", () => {
    const mixed = grouped.map((a) => (a.id === "purchase" ? { ...a, group: "product" } : a));
    expect([
      relativeDeliveredValue({ attributes: mixed, weights, scores, offerId: "aster" }),
      relativeDeliveredValue({ attributes: grouped, weights, scores, offerId: "nope" }),
    ]).toEqual([
      { ok: false, reason: "mixed-group" },
      { ok: false, reason: "unknown-offer" },
    ]);
  });
});
