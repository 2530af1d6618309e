import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { respondentUtilities, shareOfPreference } from "../../../analysis";
import type { AttributeDef, OfferDef, RespondentOutcome } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { ok } from "../helpers";

/**
 * Utilities of the worked example (method.md), u = (q A^Q + (100 - q) A^P) / 100:
 * r1 (weights 40 30 20 10 / 70 30, q 60):
 *   aster A^Q = (40*9 + 30*7 + 20*8 + 10*6) / 100 = 7.9, A^P = (70*6 + 30*8) / 100 = 6.6, u = 0.6*7.9 + 0.4*6.6 = 7.38
 *   birch A^Q = (280 + 240 + 120 + 70) / 100 = 7.1, A^P = (490 + 180) / 100 = 6.7, u = 4.26 + 2.68 = 6.94
 *   cedar A^Q = (240 + 150 + 140 + 80) / 100 = 6.1, A^P = (560 + 210) / 100 = 7.7, u = 3.66 + 3.08 = 6.74
 * r3 (weights 30 30 25 15 / 80 20, q 50; does not know cedar):
 *   aster A^Q = (270 + 180 + 200 + 75) / 100 = 7.25, A^P = (480 + 180) / 100 = 6.6, u = 6.925
 *   birch A^Q = (240 + 270 + 150 + 120) / 100 = 7.8, A^P = (480 + 100) / 100 = 5.8, u = 6.8
 * β = 1: r1 P = e^u / Σ e^u = 0.460547, 0.296609, 0.242843; r3 P = 1 / (1 + e^-0.125) = 0.531209, 0.468791.
 * Shares = mean over r1, r3: aster 49.5878, birch 38.2700, cedar 12.1422 (sum 100).
 */
const pair = respondents.filter((r) => r.id === "r1" || r.id === "r3");

describe("respondentUtilities", () => {
  it("forms u = (q A^Q + (100 - q) A^P) / 100 per known offer (hand calculation above)", () => {
    const result = ok(respondentUtilities(pair, { offers, attributes }));
    expect(result.rows.map((r) => r.known)).toEqual([[0, 1, 2], [0, 1]]);
    expect(result.rows[0]?.base[0]).toBeCloseTo(7.38, 12);
    expect(result.rows[0]?.base[1]).toBeCloseTo(6.94, 12);
    expect(result.rows[0]?.base[2]).toBeCloseTo(6.74, 12);
    expect(result.rows[1]?.base).toEqual([expect.closeTo(6.925, 12), expect.closeTo(6.8, 12)]);
  });

  it("reweights over the attributes rated: r1 without aster comfort, A^Q = (360 + 160 + 60) / 70 = 8.2857, u = 7.6114", () => {
    const [r1] = pair as [RespondentOutcome];
    const { comfort: _comfort, ...rated } = r1.ratings.aster as Record<string, number>;
    const missing = { ...r1, ratings: { ...r1.ratings, aster: rated } };
    expect(ok(respondentUtilities([missing], { offers, attributes })).rows[0]?.base[0]).toBeCloseTo(7.6114286, 6);
  });

  it("uses the other kind alone when one kind is not rated: r1 rates cedar on price only, u = A^P = 7.7", () => {
    const [r1] = pair as [RespondentOutcome];
    const priceOnly = { ...r1, ratings: { ...r1.ratings, cedar: { purchase: 8, running: 7 } } };
    expect(ok(respondentUtilities([priceOnly], { offers, attributes })).rows[0]?.base[2]).toBeCloseTo(7.7, 12);
  });

  it("falls back to the mean weights for a kind the respondent did not weight, and to the mean q", () => {
    // r1 without price points and q: price weights = mean over the respondents who gave price points, r3
    // alone: 80/20; q = mean of the q given = r3's 50. aster A^P = (80*6 + 20*8) / 100 = 6.4, A^Q 7.9:
    // u = 0.5 * 7.9 + 0.5 * 6.4 = 7.15.
    const [r1, r3] = pair as [RespondentOutcome, RespondentOutcome];
    const bare: RespondentOutcome = {
      id: r1.id,
      weights: { reliability: 40, comfort: 30, service: 20, styling: 10 },
      ratings: r1.ratings,
    };
    const result = ok(respondentUtilities([bare, r3], { offers, attributes }));
    expect(result.rows[0]?.base[0]).toBeCloseTo(7.15, 12);
  });

  it("leaves out respondents who know no offer, and says when nobody can be used", () => {
    const stranger: RespondentOutcome = { id: "x", weights: {}, qualityShare: 50, ratings: {} };
    expect(ok(respondentUtilities([...pair, stranger], { offers, attributes })).skipped).toEqual({ noKnownOffer: 1 });
    expect(respondentUtilities([stranger], { offers, attributes })).toEqual({ ok: false, reason: "no-respondents" });
    expect(respondentUtilities([], { offers, attributes })).toEqual({ ok: false, reason: "no-respondents" });
    expect(respondentUtilities(pair, { offers: [], attributes })).toEqual({ ok: false, reason: "no-offers" });
    const noQ = pair.map(({ qualityShare: _q, ...r }) => r);
    expect(respondentUtilities(noQ, { offers, attributes })).toEqual({ ok: false, reason: "no-quality-share" });
  });

  it("keeps the last purchase when the respondent knows it", () => {
    const [r1, r3] = pair as [RespondentOutcome, RespondentOutcome];
    const result = ok(respondentUtilities([{ ...r1, chose: "birch" }, { ...r3, chose: "cedar" }], { offers, attributes }));
    expect(result.rows.map((r) => [r.chose, r.choseUnknown])).toEqual([
      [1, false],
      [null, true],
    ]);
  });
});

describe("shareOfPreference", () => {
  it("gives aster 49.5878, birch 38.2700, cedar 12.1422 at β = 1 (hand calculation above)", () => {
    const result = ok(shareOfPreference(pair, { offers, attributes, beta: 1 }));
    expect(result.n).toBe(2);
    expect(result.shares.map((s) => s.base)).toEqual([
      expect.closeTo(49.5878, 4),
      expect.closeTo(38.27, 4),
      expect.closeTo(12.1422, 4),
    ]);
    expect(result.shares.map((s) => s.change)).toEqual([0, 0, 0]);
  });

  it("adds a scenario's delta to each rating: aster reliability +1 gives 54.4387, 34.7675, 10.7938", () => {
    // r1: A^Q + 40 * 1 / 100 = 8.3, u = 7.38 + 0.6 * 0.4 = 7.62; r3: A^Q + 0.3 = 7.55, u = 6.925 + 0.5 * 0.3 = 7.075.
    // r1 P = softmax(7.62, 6.94, 6.74) = 0.520454, 0.263671, 0.215875; r3 P = 1 / (1 + e^-0.275) = 0.568320.
    // aster (0.520454 + 0.568320) / 2, birch (0.263671 + 0.431680) / 2, cedar 0.215875 / 2.
    const result = ok(
      shareOfPreference(pair, {
        offers,
        attributes,
        beta: 1,
        scenario: { name: "reliability", changes: [{ offer: "aster", attribute: "reliability", delta: 1 }] },
      }),
    );
    expect(result.scenario).toBe("reliability");
    expect(result.shares.map((s) => s.scenario)).toEqual([
      expect.closeTo(54.4387, 4),
      expect.closeTo(34.7675, 4),
      expect.closeTo(10.7938, 4),
    ]);
    expect(result.shares[0]?.change).toBeCloseTo(54.4387 - 49.5878, 3);
  });

  it("clamps each rating to 10: aster reliability +2 moves r1's 9 to 10 (+1) and r3's 9 to 10", () => {
    const result = ok(
      shareOfPreference(pair, {
        offers,
        attributes,
        beta: 1,
        scenario: { name: "s", changes: [{ offer: "aster", attribute: "reliability", delta: 2 }] },
      }),
    );
    // Both aster reliability ratings are 9: both clamp to 10; the mean moves 9 -> 10.
    expect(result.changes).toEqual([
      { offer: "aster", attribute: "reliability", delta: 2, source: "change", applied: true, from: 9, to: 10, clamped: 2 },
    ]);
  });

  it("moves every rating by value - mean: reliability ratings 9 8 9 7 (mean 8.25) to value 10 = +1.75, two clamp, mean 9.625", () => {
    // 9 + 1.75 -> 10 (clamped), 8 + 1.75 = 9.75, 9 + 1.75 -> 10 (clamped), 7 + 1.75 = 8.75: mean 38.5 / 4 = 9.625.
    const result = ok(
      shareOfPreference(respondents, {
        offers,
        attributes,
        beta: 1,
        scenario: { name: "s", changes: [{ offer: "aster", attribute: "reliability", value: 10 }] },
      }),
    );
    expect(result.changes[0]).toMatchObject({ applied: true, from: 8.25, to: 9.625, clamped: 2 });
  });

  it("skips price factors (ratings only) and reports them", () => {
    const result = ok(
      shareOfPreference(pair, {
        offers,
        attributes,
        beta: 1,
        scenario: { name: "s", changes: [{ offer: "aster", priceFactor: 0.9 }] },
      }),
    );
    expect(result.changes).toEqual([
      { offer: "aster", priceFactor: 0.9, source: "change", applied: false, skipped: "price-not-in-ratings" },
    ]);
    expect(result.shares.map((s) => s.change)).toEqual([0, 0, 0]);
  });

  it("leaves lowerIsBetter attributes (objective data) out of u and lists them", () => {
    const withObjective: AttributeDef[] = [...attributes, { id: "weight-kg", kind: "quality", lowerIsBetter: true }];
    const heavy = pair.map((r) => ({
      ...r,
      weights: { ...r.weights, "weight-kg": 50 },
      ratings: Object.fromEntries(Object.entries(r.ratings).map(([o, s]) => [o, { ...s, "weight-kg": 30 }])),
    }));
    const result = ok(shareOfPreference(heavy, { offers, attributes: withObjective, beta: 1 }));
    expect(result.excludedAttributes).toEqual(["weight-kg"]);
    expect(result.shares[0]?.base).toBeCloseTo(49.5878, 4);
  });

  it("refuses a β that is not finite", () => {
    expect(shareOfPreference(pair, { offers, attributes, beta: Number.POSITIVE_INFINITY })).toEqual({
      ok: false,
      reason: "not-finite",
    });
  });
});

describe("shareOfPreference properties", () => {
  const market: OfferDef[] = ["a", "b", "c", "d"].map((id, k) => ({ id, own: k === 0 }));
  const kinds: AttributeDef[] = [
    { id: "q1", kind: "quality" },
    { id: "q2", kind: "quality" },
    { id: "p1", kind: "price" },
  ];
  const rating = fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined, freq: 4 });
  const respondent = (id: number) =>
    fc.record({
      weights: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)),
      q: fc.integer({ min: 0, max: 100 }),
      ratings: fc.array(fc.option(fc.tuple(rating, rating, rating), { nil: undefined, freq: 5 }), {
        minLength: 4,
        maxLength: 4,
      }),
    }).map(
      ({ weights, q, ratings }): RespondentOutcome => ({
        id: `r${id}`,
        weights: { q1: weights[0], q2: weights[1], p1: weights[2] },
        qualityShare: q,
        ratings: Object.fromEntries(
          ratings.flatMap((r, o) =>
            r === undefined
              ? []
              : [
                  [
                    (market[o] as OfferDef).id,
                    Object.fromEntries(
                      (["q1", "q2", "p1"] as const).flatMap((a, i) => (r[i] === undefined ? [] : [[a, r[i]]])),
                    ),
                  ],
                ],
          ),
        ),
      }),
    );
  const study = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => respondent(k))));
  const RUNS = { seed: 20250320, numRuns: 150 };

  it("gives shares that sum to 100, base and scenario, each within 0..100", () => {
    fc.assert(
      fc.property(study, fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (rs, beta, delta) => {
        const result = shareOfPreference(rs, {
          offers: market,
          attributes: kinds,
          beta,
          scenario: { name: "s", changes: [{ offer: "b", attribute: "q1", delta }] },
        });
        if (!result.ok) return result.reason === "no-respondents" || result.reason === "no-quality-share";
        const sum = (key: "base" | "scenario") => result.shares.reduce((s, x) => s + x[key], 0);
        return (
          Math.abs(sum("base") - 100) < 1e-9 &&
          Math.abs(sum("scenario") - 100) < 1e-9 &&
          result.shares.every((s) => s.base >= 0 && s.base <= 100 && s.scenario >= 0 && s.scenario <= 100)
        );
      }),
      RUNS,
    );
  });

  it("never lowers an offer's share when a change raises its value (β >= 0, delta > 0), nor raises another's", () => {
    fc.assert(
      fc.property(
        study,
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        fc.constantFrom("a", "b", "c", "d"),
        fc.constantFrom("q1", "q2", "p1"),
        (rs, beta, delta, offer, attribute) => {
          const result = shareOfPreference(rs, {
            offers: market,
            attributes: kinds,
            beta,
            scenario: { name: "up", changes: [{ offer, attribute, delta }] },
          });
          if (!result.ok) return true;
          const share = result.shares.find((s) => s.offer === offer);
          const others = result.shares.filter((s) => s.offer !== offer);
          return share !== undefined && share.change >= -1e-9 && others.every((s) => s.change <= 1e-9);
        },
      ),
      RUNS,
    );
  });
});
