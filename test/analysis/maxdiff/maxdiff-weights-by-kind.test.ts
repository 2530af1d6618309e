import { describe, it, expect } from "vitest";
import { analyzeStudy, maxDiffWeightsByKind } from "../../../analysis";
import type { StudyRespondent } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { ok } from "../helpers";

/**
 * method.md's four respondents answer MaxDiff for BOTH kinds: three quality tasks of all four
 * quality attributes (respondents 1 and 3: best reliability, worst styling; 2 and 4: best
 * service, worst comfort) and two price tasks of purchase and running (best purchase, worst
 * running, except respondent 4: best running, worst purchase in both).
 * Counts by hand, (best - worst) / appearances:
 * quality: each item shown 3 x 4 = 12 times; reliability 6 best -> 0.5, service 0.5,
 * comfort 6 worst -> -0.5, styling -0.5; price: each shown 8 times; purchase best 6, worst 2
 * -> 4 / 8 = 0.5; running -0.5.
 */
const quality = (best: string, worst: string) => [
  { items: ["reliability", "comfort", "service", "styling"], best, worst },
  { items: ["styling", "service", "comfort", "reliability"], best, worst },
  { items: ["comfort", "reliability", "styling", "service"], best, worst },
];
const price = (best: string, worst: string) => [
  { items: ["purchase", "running"], best, worst },
  { items: ["running", "purchase"], best, worst },
];
const both: StudyRespondent[] = respondents.map((r, k) => ({
  ...r,
  maxDiff: [
    ...(k % 2 === 0 ? quality("reliability", "styling") : quality("service", "comfort")),
    ...(k === 3 ? price("running", "purchase") : price("purchase", "running")),
  ],
}));
const result = maxDiffWeightsByKind(both, attributes, { replace: true, bootstrap: false });

describe("maxDiffWeightsByKind: quality and price importance both asked by MaxDiff (docs/method.md §7)", () => {
  it("counts each kind over its own tasks", () => {
    expect(ok(result.byKind.quality).counts.items.map((c) => [c.id, c.score])).toEqual([
      ["reliability", 0.5],
      ["comfort", -0.5],
      ["service", 0.5],
      ["styling", -0.5],
    ]);
    expect(ok(result.byKind.price).counts.items.map((c) => [c.id, c.score])).toEqual([
      ["purchase", 0.5],
      ["running", -0.5],
    ]);
    expect([ok(result.byKind.quality).kind, ok(result.byKind.price).kind, result.skippedTasks]).toEqual(["quality", "price", 0]);
  });

  it("replaces both kinds' weights by the respondent's shares, each kind summing to 100", () => {
    const r1 = result.respondents[0]!;
    const sum = (ids: string[]) => ids.reduce((s, id) => s + (r1.weights[id] ?? 0), 0);
    expect([sum(["reliability", "comfort", "service", "styling"]), sum(["purchase", "running"])]).toEqual([expect.closeTo(100, 9), expect.closeTo(100, 9)]);
    // respondent 1 chose purchase over running twice: purchase weighs more; stated 70 / 30 replaced
    const utilities = ok(result.byKind.price).utilities;
    if (!utilities.ok) throw new Error("utilities expected");
    expect(r1.weights.purchase).toBeCloseTo(utilities.respondents[0]!.shares.purchase!, 12);
    expect(r1.weights.purchase! > 50).toBe(true);
  });

  it("keeps the stated weights of a kind nobody answered, and leaves out a task mixing kinds", () => {
    const qualityOnly = respondents.map((r, k) => ({
      ...r,
      maxDiff: [...(k % 2 === 0 ? quality("reliability", "styling") : quality("service", "comfort")), { items: ["reliability", "purchase"], best: "reliability", worst: "purchase" }],
    }));
    const partial = maxDiffWeightsByKind(qualityOnly, attributes, { replace: true, bootstrap: false });
    expect([partial.byKind.price, partial.skippedTasks, partial.respondents[0]!.weights.purchase]).toEqual([{ ok: false, reason: "no-maxdiff" }, 4, 70]);
  });
});

describe("analyzeStudy with MaxDiff of both kinds", () => {
  const report = analyzeStudy({ offers, attributes, respondents: both, options: { bootstrap: false, weightsFrom: "maxdiff" } });

  it("reports both kinds in maxDiffByKind and quality's in maxDiff", () => {
    expect([ok(report.maxDiffByKind.quality).kind, ok(report.maxDiffByKind.price).kind, ok(report.maxDiff).kind]).toEqual(["quality", "price", "quality"]);
  });

  it("weights the price profile by the mean of the respondents' price shares", () => {
    const utilities = ok(report.maxDiffByKind.price).utilities;
    if (!utilities.ok) throw new Error("utilities expected");
    const mean = utilities.respondents.reduce((s, r) => s + r.shares.purchase!, 0) / 4;
    const weights = report.weights;
    if ("ok" in weights) throw new Error("weights expected");
    expect(weights.weights.purchase).toBeCloseTo(mean, 9);
  });
});
