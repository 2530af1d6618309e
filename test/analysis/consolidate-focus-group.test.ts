import { describe, expect, it } from "vitest";
import { consolidateFocusGroup } from "../../analysis/consolidate-focus-group";

const attributes = [
  { code: "taste", kind: "quality" as const },
  { code: "speed", kind: "quality" as const },
  { code: "noise", kind: "quality" as const },
  { code: "purchase", kind: "price" as const },
  { code: "upkeep", kind: "price" as const },
];

// Three focus-group respondents (points within each kind sum to 100; 0 = does not matter).
const answers = [
  { qualityShare: 60, points: { taste: 50, speed: 30, noise: 20, purchase: 80, upkeep: 20 } },
  { qualityShare: 70, points: { taste: 70, speed: 30, noise: 0, purchase: 60, upkeep: 40 } },
  { qualityShare: 80, points: { taste: 30, speed: 60, noise: 10, purchase: 70, upkeep: 30 } },
];

describe("consolidateFocusGroup", () => {
  it("gives each attribute's mean, sample standard deviation, n and share who say it matters", () => {
    const { attributes: rows, n } = consolidateFocusGroup(answers, attributes);
    expect(n).toBe(3);
    const taste = rows.find((r) => r.code === "taste")!;
    // Hand: taste 50, 70, 30 -> mean 50; deviations 0, 20, -20 -> squares 0 + 400 + 400 = 800; / (3 - 1) = 400; sd 20.
    expect(taste.mean).toBeCloseTo(50, 10);
    expect(taste.sd).toBeCloseTo(20, 10);
    expect(taste.n).toBe(3);
    expect(taste.mattersShare).toBe(1);
    const noise = rows.find((r) => r.code === "noise")!;
    // Hand: noise 20, 0, 10 -> mean 10; squares 100 + 100 + 0 = 200; / 2 = 100; sd 10; 2 of 3 give it points.
    expect(noise.mean).toBeCloseTo(10, 10);
    expect(noise.sd).toBeCloseTo(10, 10);
    expect(noise.mattersShare).toBeCloseTo(2 / 3, 10);
    const speed = rows.find((r) => r.code === "speed")!;
    // Hand: speed 30, 30, 60 -> mean 40; squares 100 + 100 + 400 = 600; / 2 = 300; sd sqrt(300) = 17.3205.
    expect(speed.mean).toBeCloseTo(40, 10);
    expect(speed.sd).toBeCloseTo(17.3205, 4);
  });

  it("gives the quality/price split's mean, standard deviation and n", () => {
    const { split } = consolidateFocusGroup(answers, attributes);
    // Hand: 60, 70, 80 -> mean 70; squares 100 + 0 + 100 = 200; / 2 = 100; sd 10.
    expect(split).toEqual({ n: 3, mean: 70, sd: 10 });
  });

  it("renormalises the means within each kind to 100 for the stated weights", () => {
    const { stated } = consolidateFocusGroup(answers, attributes);
    expect(stated.ok).toBe(true);
    if (!stated.ok) return;
    // Quality means 50, 40, 10 already sum to 100; price means 70, 30 too.
    expect(stated.weights).toEqual({ taste: 50, speed: 40, noise: 10, purchase: 70, upkeep: 30 });
    expect(stated.qualityShare).toBe(70);
  });

  it("renormalises means that do not sum to 100 (an attribute nobody was asked about gets 0)", () => {
    // Only two answered about taste/speed (a newly merged attribute `design` has no answers).
    // Hand: taste 60, 20 -> mean 40; speed 40, 20 -> mean 30; total 70 -> 57.142857, 42.857143, design 0.
    const result = consolidateFocusGroup(
      [
        { qualityShare: 50, points: { taste: 60, speed: 40, purchase: 100 } },
        { qualityShare: null, points: { taste: 20, speed: 20, purchase: 100 } },
      ],
      [
        { code: "taste", kind: "quality" },
        { code: "speed", kind: "quality" },
        { code: "design", kind: "quality" },
        { code: "purchase", kind: "price" },
      ],
    );
    const design = result.attributes.find((a) => a.code === "design")!;
    expect(design).toEqual({ code: "design", kind: "quality", n: 0, mean: null, sd: null, mattersShare: null });
    expect(result.split).toEqual({ n: 1, mean: 50, sd: null });
    expect(result.stated.ok).toBe(true);
    if (!result.stated.ok) return;
    expect(result.stated.weights.taste).toBeCloseTo(57.142857, 5);
    expect(result.stated.weights.speed).toBeCloseTo(42.857143, 5);
    expect(result.stated.weights.design).toBe(0);
    expect(result.stated.weights.purchase).toBe(100);
  });

  it("has no spread for a single respondent and no mean for none, never NaN", () => {
    const one = consolidateFocusGroup([answers[0]!], attributes);
    expect(one.attributes[0]).toMatchObject({ n: 1, mean: 50, sd: null });
    const none = consolidateFocusGroup([], attributes);
    expect(none.attributes.every((a) => a.mean === null && a.sd === null)).toBe(true);
    expect(none.stated).toEqual({ ok: false, reason: "no-responses" });
  });

  it("refuses to adopt weights without a quality/price split or without points in a kind", () => {
    const noSplit = consolidateFocusGroup([{ ...answers[0]!, qualityShare: null }], attributes);
    expect(noSplit.stated).toEqual({ ok: false, reason: "no-quality-share" });
    const noPrice = consolidateFocusGroup([{ qualityShare: 50, points: { taste: 100, speed: 0, noise: 0, purchase: 0, upkeep: 0 } }], attributes);
    expect(noPrice.stated).toEqual({ ok: false, reason: "no-price-points" });
  });
});
