import { describe, it, expect } from "vitest";
import { deltaMethodIntervals } from "../../analysis";
import type { AttributeDef, DeltaInterval, OfferDef, RespondentInput } from "../../analysis";
import { attributes as workedAttributes, offers as workedOffers, respondents as workedRespondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

/**
 * Hand case: own "a" and competitor "b", quality attribute x and price attribute p, weights
 * 100 each, q = 60. Respondents 1-3 know only a, respondents 4-6 know only b, so the means of
 * a and b are independent.
 *   a: x = 6, 8, 10 (mean 8, s^2 = 4, Var(mean) = 4/3); p = 4, 5, 6 (mean 5, s^2 = 1, Var = 1/3)
 *   b: x = 3, 4, 5  (mean 4, s^2 = 1, Var = 1/3);       p = 9, 10, 8 (mean 9, s^2 = 1, Var = 1/3)
 */
const offers: OfferDef[] = [
  { id: "a", own: true },
  { id: "b", own: false },
];
const attributes: AttributeDef[] = [
  { id: "x", kind: "quality" },
  { id: "p", kind: "price" },
];
const rated = (id: string, offer: string, x: number, p: number): RespondentInput => ({
  id,
  weights: { x: 100, p: 100 },
  qualityShare: 60,
  ratings: { [offer]: { x, p } },
});
const respondents: RespondentInput[] = [
  rated("1", "a", 6, 4),
  rated("2", "a", 8, 5),
  rated("3", "a", 10, 6),
  rated("4", "b", 3, 9),
  rated("5", "b", 4, 10),
  rated("6", "b", 5, 8),
];
const result = ok(deltaMethodIntervals({ respondents, offers, attributes }));

describe("deltaMethodIntervals", () => {
  it("gives the SE of a ratio of independent means: r = 8/4 = 2, se = 2 sqrt((4/3)/64 + (1/3)/16) = sqrt(1/6)", () => {
    const ratio = ok(result.own.ratios.x as DeltaInterval);
    expect(ratio.estimate).toBe(2);
    expect(ratio.se).toBeCloseTo(Math.sqrt(1 / 6), 10);
  });

  it("gives Q = 100 r = 200 with se = 100 sqrt(1/6) = 40.8248", () => {
    const q = ok(result.own.quality);
    expect(q.estimate).toBeCloseTo(200, 10);
    expect(q.se).toBeCloseTo(40.8248, 4);
  });

  it("puts the 95 % bounds at Q ± 1.959964 se = 200 ± 80.0152", () => {
    const q = ok(result.own.quality);
    expect(q.lower).toBeCloseTo(200 - 80.0152, 3);
    expect(q.upper).toBeCloseTo(200 + 80.0152, 3);
    expect(result.z).toBeCloseTo(1.959964, 6);
  });

  it("gives S = 100 * 5/9 with se = 100 (5/9) sqrt((1/3)/25 + (1/3)/81) = 7.3385", () => {
    const s = ok(result.own.satisfaction);
    expect(s.estimate).toBeCloseTo(500 / 9, 10);
    expect(s.se).toBeCloseTo(7.3385, 4);
  });

  it("gives RP = 10000 / S = 180 with se = 180 sqrt(1/243 + 1/75) = 23.7767", () => {
    const rp = ok(result.own.relativePrice);
    expect(rp.estimate).toBeCloseTo(180, 10);
    expect(rp.se).toBeCloseTo(23.7767, 4);
  });

  it("combines the gradients of Q and S for V, with the covariance of means rated by the same respondents", () => {
    // V = 0.6 * 200 + 0.4 * 500/9 = 142.2222. Gradient: dV/dm_ax = 0.6*100/4 = 15,
    // dV/dm_bx = -0.6*100*8/16 = -30, dV/dm_ap = 0.4*100/9 = 4.4444, dV/dm_bp = -0.4*100*5/81 = -2.4691.
    // Cov(m_ax, m_ap) = 3 * 2 / 9 = 2/3 (deviations -2,0,2 and -1,0,1: s = 4/2 = 2);
    // Cov(m_bx, m_bp) = 3 * (-0.5) / 9 = -1/6 (deviations -1,0,1 and 0,1,-1: s = -1/2).
    // Var = 225*4/3 + 900/3 + 4.4444^2/3 + 2.4691^2/3 + 2*15*4.4444*(2/3) + 2*(-30)*(-2.4691)*(-1/6)
    //     = 300 + 300 + 6.5844 + 2.0322 + 88.8889 - 24.6914 = 672.8141; se = 25.9387.
    const v = ok(result.own.value);
    expect(v.estimate).toBeCloseTo(142.2222, 4);
    expect(v.se).toBeCloseTo(25.9387, 4);
  });

  it("reports n = 3 ratings behind the means and flags it as a small sample (n < 30)", () => {
    const q = ok(result.own.quality);
    expect([q.n, q.smallSample]).toEqual([3, true]);
  });

  it("says too-few-ratings when a mean rests on one rating", () => {
    const single = ok(deltaMethodIntervals({ respondents: [respondents[0], respondents[1], respondents[3]] as RespondentInput[], offers, attributes }));
    expect(single.own.quality).toEqual({ ok: false, reason: "too-few-ratings" });
  });

  it("says zero-variance when every rating is the same", () => {
    const flat = ["1", "2", "3", "4", "5", "6"].map((id, k) => rated(id, k < 3 ? "a" : "b", 7, 7));
    const same = ok(deltaMethodIntervals({ respondents: flat, offers, attributes }));
    expect(same.own.quality).toEqual({ ok: false, reason: "zero-variance" });
  });

  it("says no-quality-share for V when nobody gave a quality share", () => {
    const noShare = respondents.map(({ qualityShare: _q, ...r }) => r);
    expect(ok(deltaMethodIntervals({ respondents: noShare, offers, attributes })).own.value).toEqual({ ok: false, reason: "no-quality-share" });
  });

  it("gives the estimate's reason when the figure cannot be computed", () => {
    const quality = attributes.filter((a) => a.kind === "quality");
    expect(ok(deltaMethodIntervals({ respondents, offers, attributes: quality })).own.satisfaction).toEqual({ ok: false, reason: "no-attributes" });
  });

  it("refuses a level outside (0, 1)", () => {
    expect(deltaMethodIntervals({ respondents, offers, attributes, level: 0 })).toEqual({ ok: false, reason: "invalid-level" });
  });

  it("says unknown-offer for a reference that is not an offer", () => {
    expect(deltaMethodIntervals({ respondents, offers, attributes, referenceIds: ["zz"] })).toEqual({ ok: false, reason: "unknown-offer" });
  });

  it("centres the worked example's interval on Q = 117.254 (method.md worked example)", () => {
    const worked = ok(deltaMethodIntervals({ respondents: workedRespondents, offers: workedOffers, attributes: workedAttributes }));
    const q = ok(worked.own.quality);
    expect(q.estimate).toBeCloseTo(117.254, 4);
    expect((q.lower + q.upper) / 2).toBeCloseTo(117.254, 4);
  });

  it("gives each offer's figures against the rest of the market", () => {
    // b against a: r = 4/8 = 0.5, se = 0.5 sqrt((1/3)/16 + (4/3)/64) = 0.5 sqrt(1/24) = 0.10206; Q se = 10.206.
    const q = ok(result.offers.b?.quality as DeltaInterval);
    expect(q.estimate).toBeCloseTo(50, 10);
    expect(q.se).toBeCloseTo(10.206, 3);
  });

  it("contains no NaN or Infinity", () => {
    const text = JSON.stringify(result, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? "BAD" : v));
    expect(text).not.toContain("BAD");
  });
  describe("with the respondents' weights and quality shares varying", () => {
    /*
     * Hand case: every respondent rates a (x 8, y 6, p 5) and b (x 4, y 6, p 5), so the rating
     * means have no variance: r_x = 2, r_y = 1, S = 100. Points and quality shares vary:
     *   1: x 60 y 40, q 50;  2: x 40 y 60, q 70;  3: x 50 y 50, q 60.
     * Mean weights 50/50, Q = 50*2 + 50*1 = 150; q = 60, V = (60*150 + 40*100)/100 = 130.
     * dQ/dw_x = r_x - Q/100 = 0.5, dQ/dw_y = -0.5; w_x deviations +10, -10, 0 (s^2 = 100,
     * Var(mean) = 100/3), w_y the opposite: Var(Q) = 0.25*(100/3)*4 = 100/3, se = 5.7735.
     * V: dV/dw = 0.6 * (0.5, -0.5), dV/dq = (150 - 100)/100 = 0.5. Per respondent the linear term
     * is 0.6*dw_x + 0.5*dq = 6 - 5, -6 + 5, 0 = 1, -1, 0: s^2 = 1, Var(V) = 1/3, se = 0.57735.
     */
    const attributesXY: AttributeDef[] = [
      { id: "x", kind: "quality" },
      { id: "y", kind: "quality" },
      { id: "p", kind: "price" },
    ];
    const both = (id: string, x: number, y: number, q: number): RespondentInput => ({
      id,
      weights: { x, y, p: 10 },
      qualityShare: q,
      ratings: { a: { x: 8, y: 6, p: 5 }, b: { x: 4, y: 6, p: 5 } },
    });
    const varying = ok(
      deltaMethodIntervals({ respondents: [both("1", 60, 40, 50), both("2", 40, 60, 70), both("3", 50, 50, 60)], offers, attributes: attributesXY }),
    );

    it("propagates the sampling error of the mean weights into Q: 150 ± 1.959964 * 5.7735", () => {
      const q = ok(varying.own.quality);
      expect(q.estimate).toBeCloseTo(150, 10);
      expect(q.se).toBeCloseTo(5.7735, 4);
      expect(q.lower).toBeCloseTo(138.6841, 3);
      expect(q.upper).toBeCloseTo(161.3159, 3);
    });

    it("propagates the quality share into V with its covariance with the weights: se = sqrt(1/3)", () => {
      const v = ok(varying.own.value);
      expect(v.estimate).toBeCloseTo(130, 10);
      expect(v.se).toBeCloseTo(0.57735, 4);
    });

    it("keeps the ratios free of the weights (zero variance here) and n = the ratings behind the means", () => {
      expect(varying.own.ratios.x).toEqual({ ok: false, reason: "zero-variance" });
      expect(ok(varying.own.quality).n).toBe(3);
    });

    it("treats two-level (group) weights as fixed, from the study", () => {
      const grouped = ok(
        deltaMethodIntervals({
          respondents: [both("1", 60, 40, 50), both("2", 40, 60, 70), both("3", 50, 50, 60)],
          offers,
          attributes: attributesXY.map((a) => ({ ...a, group: a.kind === "quality" ? "g" : "h" })),
          groups: [
            { id: "g", weight: 100 },
            { id: "h", weight: 100 },
          ],
        }),
      );
      expect(grouped.own.quality).toEqual({ ok: false, reason: "zero-variance" });
    });
  });
});
