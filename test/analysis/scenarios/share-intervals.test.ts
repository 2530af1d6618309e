import { describe, it, expect } from "vitest";
import { fitLogitBeta, shareIntervals, shareOfPreference } from "../../../analysis";
import type { Scenario } from "../../../analysis";
import { ok } from "../helpers";
import { simulatedAttributes, simulatedOffers, simulateMarket } from "./simulated-market";

/** Simulated market (simulated-market.ts): 300 respondents, true β = 1.5, seed 11. */
const TRUE_BETA = 1.5;
const { respondents, trueShares } = simulateMarket(300, TRUE_BETA, 11);
const scenario: Scenario = { name: "d better", changes: [{ offer: "d", attribute: "q1", delta: 1 }] };
const input = { offers: simulatedOffers, attributes: simulatedAttributes, scenario };

describe("shareIntervals", () => {
  const result = ok(shareIntervals(respondents, { ...input, fit: { type: "choices" }, replicates: 200, seed: 5 }));

  it("gives the full sample's β and shares as the estimates", () => {
    const fit = ok(fitLogitBeta(respondents, input));
    const shares = ok(shareOfPreference(respondents, { ...input, beta: fit.beta }));
    expect(result.beta.estimate).toBe(fit.beta);
    result.offers.forEach((o, j) => {
      expect(o.base.estimate).toBeCloseTo(shares.shares[j]?.base as number, 12);
      expect(o.scenario.estimate).toBeCloseTo(shares.shares[j]?.scenario as number, 12);
    });
  });

  it("brackets each estimate and covers the true β and the model's true shares", () => {
    expect(result.beta.lower).toBeLessThan(TRUE_BETA);
    expect(result.beta.upper).toBeGreaterThan(TRUE_BETA);
    result.offers.forEach((o, j) => {
      for (const side of [o.base, o.scenario, o.change]) {
        expect(side.lower).toBeLessThanOrEqual(side.estimate);
        expect(side.upper).toBeGreaterThanOrEqual(side.estimate);
      }
      expect(o.base.lower).toBeLessThan(trueShares[j] as number);
      expect(o.base.upper).toBeGreaterThan(trueShares[j] as number);
    });
  });

  it("puts d's gain from a better q1 above 0 and the others' changes below 0", () => {
    const d = result.offers.find((o) => o.offer === "d");
    expect(d?.change.lower).toBeGreaterThan(0);
    for (const o of result.offers.filter((x) => x.offer !== "d")) expect(o.change.upper).toBeLessThan(0);
  });

  it("is reproducible from its seed and reports replicates, level and n", () => {
    const again = ok(shareIntervals(respondents, { ...input, fit: { type: "choices" }, replicates: 200, seed: 5 }));
    expect(again).toEqual(result);
    expect(result).toMatchObject({ method: "percentile-bootstrap", replicates: 200, failed: 0, seed: 5, level: 0.95, n: 300 });
    const other = ok(shareIntervals(respondents, { ...input, fit: { type: "choices" }, replicates: 200, seed: 6 }));
    expect(other.beta.lower).not.toBe(result.beta.lower);
  });

  it("refits β to entered market shares in each replicate", () => {
    const marketShares = Object.fromEntries(simulatedOffers.map((o, j) => [o.id, trueShares[j] as number]));
    const fromShares = ok(shareIntervals(respondents, { ...input, fit: { type: "shares", marketShares }, replicates: 50 }));
    expect(fromShares.beta.lower).toBeLessThanOrEqual(fromShares.beta.estimate);
    expect(fromShares.beta.upper).toBeGreaterThanOrEqual(fromShares.beta.estimate);
    expect(fromShares.seed).toBe(1);
  });

  it("counts replicates where β cannot be refitted and gives up below 90 %", () => {
    // One chooser among 40: most replicates draw nobody who chose, so β cannot be fitted.
    const sparse = respondents.slice(0, 40).map((r, k) => (k === 0 ? r : { ...r, chose: undefined }));
    expect(shareIntervals(sparse, { ...input, fit: { type: "choices" }, replicates: 50 })).toEqual({
      ok: false,
      reason: "too-few-replicates",
    });
  });

  it("refuses bad options and passes the fit's reasons on", () => {
    const bad = (options: { replicates?: number; level?: number }) =>
      shareIntervals(respondents, { ...input, fit: { type: "choices" }, ...options });
    expect(bad({ replicates: 1 })).toEqual({ ok: false, reason: "invalid-option" });
    expect(bad({ replicates: 2.5 })).toEqual({ ok: false, reason: "invalid-option" });
    expect(bad({ level: 1 })).toEqual({ ok: false, reason: "invalid-option" });
    const noChoices = respondents.map(({ chose: _chose, ...r }) => r);
    expect(shareIntervals(noChoices, { ...input, fit: { type: "choices" } })).toEqual({ ok: false, reason: "no-choices" });
    expect(shareIntervals(respondents, { ...input, fit: { type: "shares", marketShares: { a: 1 } } })).toEqual({
      ok: false,
      reason: "missing-share",
      offers: ["b", "c", "d"],
    });
  });
});
