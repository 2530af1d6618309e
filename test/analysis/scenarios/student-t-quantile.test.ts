import { describe, it, expect } from "vitest";
import { studentTQuantile } from "../../../analysis";
import { ok } from "../helpers";

/**
 * Expected values: printed t tables (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2, "Critical
 * values of the Student's t distribution", which prints 3 decimals; more digits from the
 * closed forms or from R's qt, cited per case).
 */
describe("studentTQuantile", () => {
  it.each([
    // [p, df, table value]
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 10, 2.228],
    [0.975, 20, 2.086],
    [0.975, 30, 2.042],
    [0.975, 100, 1.984],
    [0.95, 1, 6.314],
    [0.95, 10, 1.812],
    [0.99, 5, 3.365],
    [0.995, 4, 4.604],
    [0.999, 10, 4.144],
    [0.9, 7, 1.415],
  ])("P(T <= t) = %s with %s degrees of freedom: t = %s (table, 3 decimals)", (p, df, table) => {
    expect(ok(studentTQuantile(p, df)).value).toBeCloseTo(table, 3);
  });

  it("matches the closed form for 1 degree of freedom, tan(π (p − ½)), to 1e-10 relative", () => {
    for (const p of [0.6, 0.75, 0.9, 0.975, 0.9995]) {
      const exact = Math.tan(Math.PI * (p - 0.5));
      expect(Math.abs(ok(studentTQuantile(p, 1)).value - exact) / exact).toBeLessThan(1e-10);
    }
  });

  it("matches the closed form for 2 degrees of freedom, (2p − 1) / sqrt(2 p (1 − p)), to 1e-10 relative", () => {
    for (const p of [0.55, 0.8, 0.975, 0.999]) {
      const exact = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(ok(studentTQuantile(p, 2)).value - exact) / exact).toBeLessThan(1e-10);
    }
  });

  it("gives R's qt(0.975, df) to 9 digits: 2.228138852 (10), 2.042272456 (30), 1.979930405 (120)", () => {
    expect(ok(studentTQuantile(0.975, 10)).value).toBeCloseTo(2.228138852, 9);
    expect(ok(studentTQuantile(0.975, 30)).value).toBeCloseTo(2.042272456, 9);
    expect(ok(studentTQuantile(0.975, 120)).value).toBeCloseTo(1.979930405, 9);
  });

  it("tends to the normal quantile 1.959964 for many degrees of freedom", () => {
    expect(ok(studentTQuantile(0.975, 1e6)).value).toBeCloseTo(1.959964, 5);
  });

  it("is symmetric (t_p = −t_{1−p}) and 0 at p = ½", () => {
    expect(ok(studentTQuantile(0.025, 7)).value).toBeCloseTo(-ok(studentTQuantile(0.975, 7)).value, 12);
    expect(ok(studentTQuantile(0.5, 3)).value).toBe(0);
  });

  it("accepts a fractional degree of freedom between its neighbours", () => {
    const t = ok(studentTQuantile(0.975, 2.5)).value;
    expect(t).toBeLessThan(4.303);
    expect(t).toBeGreaterThan(3.182);
  });

  it("says when the quantile is beyond the floating-point range (ν = 0.001: t ≈ (c / 0.025)^1000)", () => {
    expect(studentTQuantile(0.975, 1e-3)).toEqual({ ok: false, reason: "not-finite" });
  });

  it("reaches far tails: ν = 1, 1 − p = 9.992e-16 (1 − (1 − 1e-15) in doubles): t = 1 / tan(π (1 − p)) = 3.1856e14", () => {
    const alpha = 1 - (1 - 1e-15);
    expect(ok(studentTQuantile(1 - 1e-15, 1)).value / (1 / Math.tan(Math.PI * alpha))).toBeCloseTo(1, 9);
  });

  it("refuses p outside (0, 1) and degrees of freedom not > 0", () => {
    for (const [p, df] of [[0, 3], [1, 3], [0.5, 0], [0.9, -1], [0.9, Number.NaN], [Number.NaN, 3], [0.9, Infinity]]) {
      expect(studentTQuantile(p as number, df as number)).toEqual({ ok: false, reason: "invalid-option" });
    }
  });
});
