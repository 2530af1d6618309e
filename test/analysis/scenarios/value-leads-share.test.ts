import { describe, it, expect } from "vitest";
import { valueLeadsShare } from "../../../analysis";
import type { ShareWave } from "../../../analysis";
import { ok } from "../helpers";

/**
 * Hand case, offers A and B over waves w1, w2, w3:
 *   v:      w1 A 10, B −10;   w2 A 5, B 0   (w3's values are not used: no later wave)
 *   shares: A 30 → 34 → 36;   B 50 → 46 → 44
 * Pairs (x = v_{j,t}, y = share_{j,t+1} − share_{j,t}): (10, 4), (−10, −4), (5, 2), (0, −2); n = 4.
 * x̄ = 5/4 = 1.25, ȳ = 0; Sxx = 100 + 100 + 25 + 0 − 4 * 1.25² = 218.75; Sxy = 40 + 40 + 10 + 0 = 90;
 * Syy = 16 + 16 + 4 + 4 = 40.
 * slope = 90 / 218.75 = 0.4114286; intercept = 0 − 0.4114286 * 1.25 = −0.5142857;
 * SSE = Syy − slope Sxy = 40 − 37.0285714 = 2.9714286; R² = 1 − 2.9714286 / 40 = 0.9257143;
 * se = sqrt(2.9714286 / 2 / 218.75) = 0.0824126; t(0.975, 2) = 4.3026527 (tables: 4.303);
 * interval 0.4114286 ∓ 4.3026527 * 0.0824126 = 0.0568358 .. 0.7660214.
 */
const waves: ShareWave[] = [
  { wave: "w1", shares: { A: 30, B: 50 }, values: { A: 10, B: -10 } },
  { wave: "w2", shares: { A: 34, B: 46 }, values: { A: 5, B: 0 } },
  { wave: "w3", shares: { A: 36, B: 44 }, values: { A: 3, B: 1 } },
];

describe("valueLeadsShare", () => {
  it("regresses the share change on the vertical value: slope 0.4114286, intercept −0.5142857, n 4", () => {
    const result = ok(valueLeadsShare(waves));
    expect(result.slope).toBeCloseTo(0.4114286, 7);
    expect(result.intercept).toBeCloseTo(-0.5142857, 7);
    expect(result.n).toBe(4);
    expect(result.skipped).toEqual([]);
  });

  it("gives R² 0.9257143 and the 95 % t-interval 0.0568358 .. 0.7660214 (se 0.0824126, t 4.3026527, df 2)", () => {
    const result = ok(valueLeadsShare(waves));
    expect(result.rSquared).toBeCloseTo(0.9257143, 7);
    expect(result.slopeInterval.standardError).toBeCloseTo(0.0824126, 7);
    expect(result.slopeInterval.t).toBeCloseTo(4.3026527, 7);
    expect(result.slopeInterval.df).toBe(2);
    expect(result.slopeInterval.lower).toBeCloseTo(0.0568358, 6);
    expect(result.slopeInterval.upper).toBeCloseTo(0.7660214, 6);
  });

  it("leaves out a pair with a missing share or value and lists it", () => {
    // C appears in w2 only: (C, w1) lacks v and share_1, (C, w2) lacks share_3.
    const withC = waves.map((w) => (w.wave === "w2" ? { ...w, shares: { ...w.shares, C: 20 }, values: { ...w.values, C: 2 } } : w));
    const result = ok(valueLeadsShare(withC));
    expect(result.n).toBe(4);
    expect(result.skipped).toEqual([
      { offer: "C", wave: "w1" },
      { offer: "C", wave: "w2" },
    ]);
    expect(result.slope).toBeCloseTo(0.4114286, 7);
  });

  it("needs 3 waves and says how many it has", () => {
    expect(valueLeadsShare(waves.slice(0, 2))).toEqual({ ok: false, reason: "too-few-waves", have: 2, need: 3 });
    expect(valueLeadsShare([])).toEqual({ ok: false, reason: "too-few-waves", have: 0, need: 3 });
  });

  it("needs 3 pairs, different values and distinct waves", () => {
    const lonely = waves.map((w) => ({ ...w, shares: { A: w.shares.A as number }, values: { A: w.values.A as number } }));
    expect(valueLeadsShare(lonely)).toEqual({ ok: false, reason: "too-few-observations", have: 2, need: 3 });
    const flat = waves.map((w) => ({ ...w, values: { A: 1, B: 1 } }));
    expect(valueLeadsShare(flat)).toEqual({ ok: false, reason: "zero-variance" });
    expect(valueLeadsShare([waves[0] as ShareWave, waves[1] as ShareWave, waves[0] as ShareWave])).toEqual({
      ok: false,
      reason: "duplicate-wave",
    });
  });

  it("reports R² as null when the share changes do not vary", () => {
    const steady = waves.map((w) => ({ ...w, shares: { A: 30, B: 50 } }));
    const result = ok(valueLeadsShare(steady));
    expect(result.slope).toBe(0);
    expect(result.rSquared).toBeNull();
  });
});
