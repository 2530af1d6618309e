import { describe, it, expect } from "vitest";
import { maxDiffDesign, maxDiffPosterior, maxDiffUtilities, seededRandom } from "../../../analysis";
import type { MaxDiffResponse } from "../../../analysis";
import { ok } from "../helpers";

describe("maxDiffPosterior", () => {
  it("finds the mode of one task (a best, b worst) under a N(0, 1) prior: u_a = -u_b = 0.521298", () => {
    // Two items, d = u_a - u_b: best and worst each give -log(1 + e^-d); with u_a = d / 2 = -u_b
    // the prior gives -d² / 4. Setting the derivative 2 / (1 + e^d) - d / 2 to 0: d (1 + e^d) = 4,
    // solved by bisection: d = 1.042597, u_a = 0.521298.
    const result = maxDiffPosterior([{ shown: [0, 1], best: 0, worst: 1 }], [0, 0], 1);
    expect(result?.mode).toEqual([expect.closeTo(0.521298, 5), expect.closeTo(-0.521298, 5)]);
  });

  it("gives the posterior variances (a + 1) / (2a + 1) = 0.782351 with a = 2 p (1 - p), p = 1 / (1 + e^-d)", () => {
    // p = 0.739335, a = 0.385437: information [[a + 1, -a], [-a, a + 1]], inverse diagonal
    // (a + 1) / ((a + 1)² - a²) = 1.385437 / 1.770874 = 0.782351.
    const result = maxDiffPosterior([{ shown: [0, 1], best: 0, worst: 1 }], [0, 0], 1);
    expect(result?.varianceDiagonal).toEqual([expect.closeTo(0.782351, 5), expect.closeTo(0.782351, 5)]);
  });
});

/** Standard normal draws (Box–Muller) and Gumbel draws from one seeded generator. */
function generators(seed: number) {
  const random = seededRandom(seed);
  return {
    normal: () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
    gumbel: () => -Math.log(-Math.log(1 - random() * 0.999999999 - 1e-12)),
  };
}

/** Spearman rank correlation without ties: 1 - 6 sum d² / (n (n² - 1)). */
function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => v.map((a) => v.filter((b) => b < a).length + 1);
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  return 1 - (6 * rx.reduce((s, r, i) => s + (r - (ry[i] as number)) ** 2, 0)) / (n * (n * n - 1));
}

const items = ["i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"];
/** Known mean utilities (sum 0.3; only their order matters for the rank check). */
const truth = [-1.5, -1, -0.5, 0, 0.3, 0.6, 1, 1.4];

/** 200 simulated respondents: u_r = truth + N(0, 0.5²); best = argmax u + Gumbel, worst = argmin u - Gumbel among the rest. */
function simulate(respondents: number, seed: number): MaxDiffResponse[] {
  const { normal, gumbel } = generators(seed);
  return Array.from({ length: respondents }, (_, r) => {
    const u = truth.map((t) => t + 0.5 * normal());
    const design = ok(maxDiffDesign({ items, seed: 1000 + r }));
    return {
      respondentId: `r${r}`,
      tasks: design.tasks.map((shown) => {
        const value = (id: string) => u[items.indexOf(id)] as number;
        const best = shown.reduce((a, b) => (value(a) + gumbel() > value(b) + gumbel() ? a : b));
        const rest = shown.filter((id) => id !== best);
        const worst = rest.reduce((a, b) => (-value(a) + gumbel() > -value(b) + gumbel() ? a : b));
        return { items: shown, best, worst };
      }),
    };
  });
}

describe("maxDiffUtilities", () => {
  const responses = simulate(200, 42);
  const result = ok(maxDiffUtilities({ items, responses, bootstrap: { replicates: 200, seed: 2 } }));

  it("recovers the order of known utilities from 200 simulated respondents (Spearman >= 0.9)", () => {
    const estimated = result.items.map((x) => x.utility);
    expect(spearman(estimated, truth)).toBeGreaterThanOrEqual(0.9);
  });

  it("estimates the prior from the sample and converges", () => {
    expect(result.prior.converged).toBe(true);
    expect(result.prior.variance).toBeGreaterThan(1e-4);
  });

  it("gives each respondent utilities summing to 0 and shares summing to 100 (their weights)", () => {
    for (const respondent of result.respondents) {
      expect(Object.values(respondent.utilities).reduce((s, u) => s + u, 0)).toBeCloseTo(0, 9);
      expect(Object.values(respondent.shares).reduce((s, w) => s + w, 0)).toBeCloseTo(100, 9);
    }
    expect(result.respondents).toHaveLength(200);
    expect(result.perTask).toBe(4);
  });

  it("gives bootstrap intervals around the mean share, the same for the same seed", () => {
    for (const item of result.items) {
      if (!item.shareInterval.ok) throw new Error("interval expected");
      expect(item.shareInterval.lower).toBeLessThanOrEqual(item.share);
      expect(item.shareInterval.upper).toBeGreaterThanOrEqual(item.share);
    }
    const again = ok(maxDiffUtilities({ items, responses, bootstrap: { replicates: 200, seed: 2 } }));
    expect(again.items.map((x) => x.shareInterval)).toEqual(result.items.map((x) => x.shareInterval));
  });

  it("shrinks a respondent toward the sample: one who always picks i1 best does not get an infinite utility", () => {
    const extreme: MaxDiffResponse = {
      respondentId: "x",
      tasks: ok(maxDiffDesign({ items, seed: 7 })).tasks.map((shown) => ({
        items: shown,
        best: shown.includes("i1") ? "i1" : (shown[0] as string),
        worst: shown.find((id) => id !== "i1" && id !== (shown.includes("i1") ? "i1" : shown[0])) as string,
      })),
    };
    const shrunk = ok(maxDiffUtilities({ items, responses: [...responses, extreme], bootstrap: false }));
    const utility = shrunk.respondents.find((r) => r.respondentId === "x")?.utilities.i1 ?? Infinity;
    expect(Number.isFinite(utility) && utility < 10).toBe(true);
  });

  it("skips unusable tasks and refuses data without a usable task", () => {
    expect(maxDiffUtilities({ items, responses: [{ respondentId: "r", tasks: [{ items: ["i1", "i2"], best: "i1", worst: "i1" }] }] })).toEqual({
      ok: false,
      reason: "no-responses",
    });
    expect(maxDiffUtilities({ items: ["i1"], responses })).toEqual({ ok: false, reason: "too-few-items" });
  });

  it("says the intervals were not requested with bootstrap false", () => {
    const none = ok(maxDiffUtilities({ items, responses: responses.slice(0, 20), bootstrap: false }));
    expect([none.bootstrap, none.items[0]?.utilityInterval]).toEqual([null, { ok: false, reason: "not-requested" }]);
  });
});
