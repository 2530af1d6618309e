import { describe, it, expect } from "vitest";
import { fitBetaToShares, fitLogitBeta, shareOfPreference } from "../../../analysis";
import type { AttributeDef, OfferDef, RespondentOutcome } from "../../../analysis";
import { ok } from "../helpers";
import { simulatedAttributes, simulatedOffers, simulateMarket } from "./simulated-market";

/**
 * Hand case: one quality attribute, q = 100, so u = the rating. Each respondent knows a (6)
 * and b (5); two chose a, one chose b. With d = u_chosen − u_other = +1, +1, −1:
 * ℓ(β) = 2 log σ(β) + log σ(−β); ℓ'(β) = 2 (1 − σ(β)) − σ(β) = 0 ⇔ σ(β) = 2/3 ⇔ β = ln 2 = 0.693147.
 * −ℓ''(β) = 3 σ (1 − σ) = 3 * 2/3 * 1/3 = 2/3, se = sqrt(3/2) = 1.224745.
 * ℓ(β) = 2 ln(2/3) + ln(1/3) = −1.909543; ℓ(0) = 3 ln(1/2) = −2.079442; pseudo-R² = 1 − 1.909543 / 2.079442 = 0.081704.
 * LR = 2 (−1.909543 + 2.079442) = 0.3398 < 3.8415: poor fit; n = 3 < 30: small n. Hit rate 2/3, chance 1/2.
 */
const two: OfferDef[] = [
  { id: "a", own: true },
  { id: "b", own: false },
];
const one: AttributeDef[] = [{ id: "q1", kind: "quality" }];
const person = (id: string, a: number, b: number, chose?: string): RespondentOutcome => ({
  id,
  weights: { q1: 1 },
  qualityShare: 100,
  ratings: { a: { q1: a }, b: { q1: b } },
  ...(chose !== undefined ? { chose } : {}),
});
const hand = [person("r1", 6, 5, "a"), person("r2", 6, 5, "a"), person("r3", 6, 5, "b")];

describe("fitLogitBeta on a hand case", () => {
  const fit = ok(fitLogitBeta(hand, { offers: two, attributes: one }));

  it("finds β = ln 2 = 0.693147 with se sqrt(3/2) = 1.224745", () => {
    expect(fit.beta).toBeCloseTo(Math.LN2, 10);
    expect(fit.standardError).toBeCloseTo(1.2247449, 6);
  });

  it("reports ℓ = −1.909543, ℓ(0) = −2.079442, pseudo-R² 0.081704, hit rate 2/3, chance 1/2, n 3", () => {
    expect(fit.logLikelihood).toBeCloseTo(-1.909543, 6);
    expect(fit.nullLogLikelihood).toBeCloseTo(-2.079442, 6);
    expect(fit.pseudoRSquared).toBeCloseTo(0.081704, 6);
    expect(fit.hitRate).toBeCloseTo(2 / 3, 12);
    expect(fit.chanceHitRate).toBe(0.5);
    expect(fit.n).toBe(3);
  });

  it("warns small-n and poor-fit (LR 0.34 < 3.84)", () => {
    expect(fit.warnings).toEqual(["small-n", "poor-fit"]);
  });

  it("counts respondents who cannot inform β: no choice, an offer they do not know, one known offer", () => {
    const extra = [
      ...hand,
      person("r4", 6, 5),
      { ...person("r5", 6, 5), chose: "c" },
      { id: "r6", weights: { q1: 1 }, qualityShare: 100, ratings: { a: { q1: 7 } }, chose: "a" },
    ];
    const counted = ok(fitLogitBeta(extra, { offers: two, attributes: one }));
    expect(counted.n).toBe(3);
    expect(counted.skipped).toEqual({ noChoice: 1, choseUnknown: 1, singleOffer: 1 });
    expect(counted.beta).toBeCloseTo(Math.LN2, 10);
  });

  it("puts β on the bound when every choice is the higher u (perfect separation)", () => {
    const separated = ok(fitLogitBeta([person("r1", 6, 5, "a"), person("r2", 4, 7, "b")], { offers: two, attributes: one, bound: 20 }));
    expect(separated.beta).toBe(20);
    expect(separated.warnings).toContain("at-bound");
  });

  it("says when β cannot be fitted: no choices, equal utilities, a bad bound", () => {
    expect(fitLogitBeta([person("r1", 6, 5)], { offers: two, attributes: one })).toEqual({ ok: false, reason: "no-choices" });
    expect(fitLogitBeta([person("r1", 5, 5, "a"), person("r2", 7, 7, "b")], { offers: two, attributes: one })).toEqual({
      ok: false,
      reason: "zero-variance",
    });
    expect(fitLogitBeta(hand, { offers: two, attributes: one, bound: 0 })).toEqual({ ok: false, reason: "invalid-option" });
  });
});

describe("fitBetaToShares on a hand case", () => {
  // One respondent, u_a = 6, u_b = 5: share_a = 100 σ(β). Entered 3 : 1 = 75 % : 25 % ⇒ σ(β) = 0.75 ⇒ β = ln 3 = 1.098612.
  const single = [person("r1", 6, 5)];

  it("finds β = ln 3 = 1.098612 for entered shares 3 : 1 and reports the fit", () => {
    const fit = ok(fitBetaToShares(single, { a: 3, b: 1 }, { offers: two, attributes: one }));
    expect(fit.beta).toBeCloseTo(Math.log(3), 8);
    expect(fit.fit).toEqual([
      { offer: "a", entered: 75, predicted: expect.closeTo(75, 6), error: expect.closeTo(0, 6) },
      { offer: "b", entered: 25, predicted: expect.closeTo(25, 6), error: expect.closeTo(0, 6) },
    ]);
    expect(fit.rmse).toBeLessThan(1e-6);
    expect(fit.warnings).toEqual(["small-n"]);
  });

  it("stops at β = 0 when the lower-value offer has the larger share (20 : 80), with at-bound and poor-fit", () => {
    // Any β > 0 moves a's share above 50 and further from 20: the best is β = 0, shares 50/50, 30 points off.
    const fit = ok(fitBetaToShares(single, { a: 20, b: 80 }, { offers: two, attributes: one }));
    expect(fit.beta).toBe(0);
    expect(fit.maxAbsError).toBeCloseTo(30, 10);
    expect(fit.warnings).toEqual(["small-n", "at-bound", "poor-fit"]);
  });

  it("needs a share for every offer and a positive total", () => {
    expect(fitBetaToShares(single, { a: 1 }, { offers: two, attributes: one })).toEqual({
      ok: false,
      reason: "missing-share",
      offers: ["b"],
    });
    expect(fitBetaToShares(single, { a: 0, b: 0 }, { offers: two, attributes: one })).toEqual({
      ok: false,
      reason: "no-market-share",
    });
  });
});

/**
 * Simulated market (simulated-market.ts): 500 respondents choosing by a logit with β = 1.5.
 * At this n the standard error of β is about 0.10 (6.8 % of β; checked over 200 seeds: the
 * spread of the fitted β is 0.103), so "within 10 %" is about 1.5 standard errors: the test
 * runs one fixed seed, and the coverage test below checks the estimator over many seeds.
 */
describe("β recovery on a simulated market (500 respondents, true β = 1.5, seed 7)", () => {
  const TRUE_BETA = 1.5;
  const { respondents, trueShares } = simulateMarket(500, TRUE_BETA, 7);
  const input = { offers: simulatedOffers, attributes: simulatedAttributes };

  it("fits β by maximum likelihood within 10 % of 1.5, with no warning", () => {
    const fit = ok(fitLogitBeta(respondents, input));
    expect(Math.abs(fit.beta - TRUE_BETA) / TRUE_BETA).toBeLessThan(0.1);
    expect(fit.n).toBe(500);
    expect(fit.warnings).toEqual([]);
    expect(fit.standardError).toBeGreaterThan(0.05);
    expect(fit.standardError).toBeLessThan(0.15);
    expect(fit.hitRate).toBeGreaterThan(fit.chanceHitRate);
  });

  it("predicts each offer's share within 2 points of the model's true share", () => {
    const fit = ok(fitLogitBeta(respondents, input));
    const shares = ok(shareOfPreference(respondents, { ...input, beta: fit.beta }));
    shares.shares.forEach((s, j) => {
      expect(Math.abs(s.base - (trueShares[j] as number))).toBeLessThan(2);
    });
  });

  it("recovers β = 1.5 from the model's true shares by least squares (to 1e-6)", () => {
    const marketShares = Object.fromEntries(simulatedOffers.map((o, j) => [o.id, trueShares[j] as number]));
    const fit = ok(fitBetaToShares(respondents, marketShares, input));
    expect(fit.beta).toBeCloseTo(TRUE_BETA, 6);
    expect(fit.maxAbsError).toBeLessThan(1e-6);
    expect(fit.warnings).toEqual([]);
  });
});

describe("the maximum-likelihood β over 100 simulated markets (seeds 101..200, 500 respondents each)", () => {
  const TRUE_BETA = 1.5;
  const fits = Array.from({ length: 100 }, (_, k) => {
    const { respondents } = simulateMarket(500, TRUE_BETA, 101 + k);
    return ok(fitLogitBeta(respondents, { offers: simulatedOffers, attributes: simulatedAttributes }));
  });

  it("is unbiased: the mean fitted β is within 2 % of 1.5 (its standard error over 100 fits is about 0.7 %)", () => {
    const mean = fits.reduce((s, f) => s + f.beta, 0) / fits.length;
    expect(Math.abs(mean - TRUE_BETA) / TRUE_BETA).toBeLessThan(0.02);
  });

  it("has honest standard errors: β ± 1.96 se covers 1.5 in 88..100 of 100 markets (binomial 95 %: 91..99)", () => {
    const covered = fits.filter((f) => Math.abs(f.beta - TRUE_BETA) <= 1.96 * (f.standardError as number)).length;
    expect(covered).toBeGreaterThanOrEqual(88);
  });
});
