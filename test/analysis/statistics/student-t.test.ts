import { describe, it, expect } from "vitest";
import { logGamma, regularizedIncompleteBeta, studentTCdf } from "../../../analysis";

describe("logGamma", () => {
  it("gives ln Γ(5) = ln 24, ln Γ(0.5) = ln sqrt(pi), ln Γ(1) = 0", () => {
    expect([logGamma(5), logGamma(0.5), logGamma(1)]).toEqual([
      expect.closeTo(Math.log(24), 13),
      expect.closeTo(0.5 * Math.log(Math.PI), 13),
      expect.closeTo(0, 13),
    ]);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("gives I_0.4(2, 3) = 0.5248", () => {
    // For whole a, b: I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j)
    // = 6 * .16 * .36 + 4 * .064 * .6 + .0256 = .3456 + .1536 + .0256 = .5248.
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 13);
  });

  it("gives I_x(1, 1) = x and the ends 0 and 1", () => {
    expect([regularizedIncompleteBeta(0.3, 1, 1), regularizedIncompleteBeta(0, 2, 2), regularizedIncompleteBeta(1, 2, 2)]).toEqual([
      expect.closeTo(0.3, 13),
      0,
      1,
    ]);
  });
});

describe("studentTCdf against table and closed forms", () => {
  it("gives 0.975 at the table value t(0.975, 10) = 2.228", () => {
    // Student's t table: t_{0.975, 10} = 2.228 (2.2281389 to more places).
    expect(studentTCdf(2.2281389, 10)).toBeCloseTo(0.975, 7);
  });

  it("gives 0.95 at t(0.95, 1) = 6.314 and 0.995 at t(0.995, 30) = 2.750", () => {
    // Table: t_{0.95, 1} = 6.3137515, t_{0.995, 30} = 2.7499957.
    expect([studentTCdf(6.3137515, 1), studentTCdf(2.7499957, 30)]).toEqual([expect.closeTo(0.95, 7), expect.closeTo(0.995, 7)]);
  });

  it("matches the closed form of 1 df: 1/2 + atan(t) / pi (t = 1 -> 0.75)", () => {
    expect([studentTCdf(1, 1), studentTCdf(-3, 1)]).toEqual([expect.closeTo(0.75, 13), expect.closeTo(0.5 + Math.atan(-3) / Math.PI, 13)]);
  });

  it("matches the closed form of 2 df: 1/2 + t / (2 sqrt(2 + t²)) (t = 2 -> 0.908248)", () => {
    expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 2 / (2 * Math.sqrt(6)), 13);
  });

  it("handles a non-whole df (3.5) and the tails", () => {
    // scipy.stats.t.cdf(1.5, 3.5) = 0.8910909; symmetric: F(-t) = 1 - F(t).
    expect(studentTCdf(1.5, 3.5)).toBeCloseTo(0.8910909, 7);
    expect(studentTCdf(-1.5, 3.5) + studentTCdf(1.5, 3.5)).toBeCloseTo(1, 13);
    expect([studentTCdf(Infinity, 5), studentTCdf(-Infinity, 5), studentTCdf(0, 5)]).toEqual([1, 0, 0.5]);
  });

  it("approaches the normal for a large df: t(0.975, 1e6) = 1.959966", () => {
    expect(studentTCdf(1.959966, 1e6)).toBeCloseTo(0.975, 6);
  });
});
