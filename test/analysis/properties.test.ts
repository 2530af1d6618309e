import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  aggregateWeights,
  analyzeStudy,
  customerValueScore,
  headToHead,
  meanOfRatios,
  meanScores,
  priceProfile,
  qualityProfile,
  valueMap,
} from "../../analysis";
import type { AttributeDef, OfferDef, RespondentInput, RespondentOutcome, StudyAnalysisInput } from "../../analysis";
import { parseAnalysisInput } from "../../surveys/analysis-input";
import { ok } from "./helpers";

/**
 * Invariants of method.md, checked with fast-check on generated studies. Fixed seed and a
 * bounded number of runs keep every run identical and fast in CI; a failure prints the
 * counterexample and the seed.
 */
const RUNS = { seed: 20250311, numRuns: 60 };

/** |a - b| <= 1e-9 relative to max(1, |b|). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** Paths where two values differ: numbers beyond `close`, anything else by identity. */
function differences(a: unknown, b: unknown, path = "report"): string[] {
  if (typeof a === "number" && typeof b === "number") return close(a, b) ? [] : [`${path}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: length ${a.length} vs ${b.length}`];
    return a.flatMap((x, k) => differences(x, b[k], `${path}[${k}]`));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

interface Study {
  offers: OfferDef[];
  attributes: AttributeDef[];
  respondents: RespondentOutcome[];
}

/**
 * A study: 1-4 quality and 1-3 price attributes (some lower-is-better), 2-4 offers (the first
 * is own), 1-8 respondents with weights 0..50, an optional quality share, ratings 1..10 (each
 * offer unknown to a respondent with `missing` probability, never the own offer), overall
 * ratings and a choice.
 */
function studyArbitrary(options: { missing: boolean; respondents?: { min: number; max: number } }): fc.Arbitrary<Study> {
  const { min, max } = options.respondents ?? { min: 1, max: 8 };
  return fc
    .record({
      quality: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
      price: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
      offers: fc.integer({ min: 2, max: 4 }),
      respondents: fc.integer({ min, max }),
    })
    .chain((shape) => {
      const attributes: AttributeDef[] = [
        ...shape.quality.map((lower, k): AttributeDef => ({ id: `q${k}`, kind: "quality", ...(lower ? { lowerIsBetter: true } : {}) })),
        ...shape.price.map((_, k): AttributeDef => ({ id: `p${k}`, kind: "price" })),
      ];
      const offers: OfferDef[] = Array.from({ length: shape.offers }, (_, k) => ({ id: `o${k}`, own: k === 0 }));
      const ratingsOfOffer = fc.tuple(
        options.missing && shape.offers > 2 ? fc.boolean() : fc.constant(true),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: attributes.length, maxLength: attributes.length }),
      );
      const respondent = fc.record({
        weights: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: attributes.length, maxLength: attributes.length }),
        qualityShare: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        ratings: fc.array(ratingsOfOffer, { minLength: shape.offers, maxLength: shape.offers }),
        overall: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: shape.offers, maxLength: shape.offers }),
        chose: fc.integer({ min: 0, max: shape.offers - 1 }),
      });
      return fc.array(respondent, { minLength: shape.respondents, maxLength: shape.respondents }).map(
        (list): Study => ({
          offers,
          attributes,
          respondents: list.map((r, index) => {
            const ratings: RespondentInput["ratings"] = {};
            const overall: Record<string, number> = {};
            r.ratings.forEach(([known, scores], o) => {
              if (!known && o !== 0) return;
              ratings[`o${o}`] = Object.fromEntries(attributes.map((a, k) => [a.id, scores[k] as number]));
              overall[`o${o}`] = r.overall[o] as number;
            });
            return {
              id: `r${index}`,
              weights: Object.fromEntries(attributes.map((a, k) => [a.id, r.weights[k] as number])),
              ...(r.qualityShare !== undefined ? { qualityShare: r.qualityShare } : {}),
              ratings,
              overall,
              chose: `o${r.chose}`,
              considered: offers.map((o) => o.id),
            };
          }),
        }),
      );
    });
}

/** Every respondent rates every offer as it rates the own offer: all offers identical. */
function identicalOffers(study: Study): Study {
  return {
    ...study,
    respondents: study.respondents.map((r) => ({
      ...r,
      ratings: Object.fromEntries(study.offers.map((o) => [o.id, { ...(r.ratings.o0 as Record<string, number>) }])),
    })),
  };
}

function profiles(study: Study, offerId: string) {
  const aggregated = aggregateWeights(study.respondents, study.attributes);
  const scores = meanScores(study.respondents, study.offers, study.attributes);
  const input = { attributes: study.attributes, weights: aggregated.weights, scores, offerId, offers: study.offers };
  return { aggregated, scores, quality: qualityProfile(input), price: priceProfile(input) };
}

function scaleRatings(respondent: RespondentOutcome, factor: number): RespondentOutcome {
  return {
    ...respondent,
    ratings: Object.fromEntries(
      Object.entries(respondent.ratings).map(([offer, byAttribute]) => [
        offer,
        Object.fromEntries(Object.entries(byAttribute).map(([a, s]) => [a, s * factor])),
      ]),
    ),
  };
}

const factor = fc.double({ min: 0.05, max: 20, noNaN: true, noDefaultInfinity: true });

describe("invariants (fast-check)", () => {
  it("identical offers give Q = 100, S = 100, RP = 100, V = 100 for every offer", () => {
    fc.assert(
      fc.property(studyArbitrary({ missing: false }).map(identicalOffers), (study) => {
        for (const offer of study.offers) {
          const { aggregated, quality, price } = profiles(study, offer.id);
          expect(ok(quality).score).toBeCloseTo(100, 9);
          expect(ok(quality).rows.every((row) => close(row.ratio, 1))).toBe(true);
          expect(ok(price).satisfaction).toBeCloseTo(100, 9);
          expect(ok(price).relativePrice).toBeCloseTo(100, 9);
          if (aggregated.qualityShare !== null) {
            expect(ok(customerValueScore(ok(quality).score, ok(price).satisfaction, aggregated.qualityShare)).value).toBeCloseTo(100, 9);
          }
        }
      }),
      RUNS,
    );
  });

  it("identical offers all sit on the fair-value line: vertical and perpendicular value 0, zone fair", () => {
    // Lines through (100, 100): weights (slope q / (100 - q)), parity, a given slope. The
    // regression line is undefined here (zero variance in Q) and says so.
    const line = fc.oneof(
      fc.constant({ type: "weights" as const }),
      fc.constant({ type: "parity" as const }),
      fc.double({ min: -5, max: 5, noNaN: true }).map((slope) => ({ type: "slope" as const, slope })),
    );
    fc.assert(
      fc.property(studyArbitrary({ missing: false }).map(identicalOffers), line, (study, spec) => {
        const aggregated = aggregateWeights(study.respondents, study.attributes);
        const map = valueMap({
          offers: study.offers,
          attributes: study.attributes,
          weights: aggregated.weights,
          scores: meanScores(study.respondents, study.offers, study.attributes),
          qualityShare: aggregated.qualityShare ?? 60,
          line: spec,
        });
        const points = ok(map).points;
        expect(points).toHaveLength(study.offers.length);
        for (const point of points) {
          expect(Math.abs(point.value)).toBeLessThan(1e-9);
          expect(Math.abs(point.perpendicular)).toBeLessThan(1e-9);
          expect(point.zone).toBe("fair");
        }
      }),
      RUNS,
    );
  });

  it("relabelling respondents (new ids, any order) changes no figure of the report", () => {
    // The bootstrap is left out (the intervals, and derived importance's bootstrap): its draws
    // pick respondents by position, so a permutation changes which respondents a seed draws (the
    // intervals' distribution does not change).
    const permuted = studyArbitrary({ missing: true, respondents: { min: 1, max: 8 } }).chain((study) =>
      fc
        .shuffledSubarray(study.respondents, { minLength: study.respondents.length, maxLength: study.respondents.length })
        .map((order): [Study, Study] => [study, { ...study, respondents: order.map((r, k) => ({ ...r, id: `x${k}` })) }]),
    );
    const report = (study: Study) => {
      const input: StudyAnalysisInput = { ...study, options: { bootstrap: { replicates: 1 } } };
      const { intervals, derivedImportance, ...rest } = analyzeStudy(input);
      const derived = derivedImportance.ok
        ? { ...derivedImportance, bootstrap: null, rows: derivedImportance.rows.map((row) => ({ ...row, interval: null })) }
        : derivedImportance;
      return { ...rest, derived, delta: intervals.delta };
    };
    fc.assert(
      fc.property(permuted, ([study, relabelled]) => {
        expect(differences(report(relabelled), report(study))).toEqual([]);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it("scaling all ratings of one respondent by a constant changes none of the mean-of-ratios ratios", () => {
    // Precisely: the mean-of-ratios diagnostic averages per-respondent ratios
    // s_{r,j,i} / s_{r,R,i}; multiplying every rating of respondent r (all offers, all
    // attributes) by c > 0 multiplies numerator and denominator by c, so each of r's ratios and
    // hence every mean of ratios is unchanged. (The ratio of means is not invariant to this; see
    // the next two tests.)
    const input = fc.tuple(studyArbitrary({ missing: true }), fc.nat(), factor);
    fc.assert(
      fc.property(input, ([study, pick, c]) => {
        const who = pick % study.respondents.length;
        const scaled = study.respondents.map((r, k) => (k === who ? scaleRatings(r, c) : r));
        const references = study.offers.filter((o) => !o.own).map((o) => o.id);
        const before = ok(meanOfRatios(study.respondents, "o0", references, study.attributes)).rows;
        const after = ok(meanOfRatios(scaled, "o0", references, study.attributes)).rows;
        expect(after.map((row) => row.n)).toEqual(before.map((row) => row.n));
        expect(differences(after, before)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("scaling all ratings of all respondents by the same constant changes no ratio of means, Q, S, RP or V", () => {
    // Precisely: with the ratio of means, m_{j,i} and m_{R,i} are linear in the ratings, so a
    // common factor c > 0 on every rating of every respondent cancels in r_i = m_{j,i} / m_{R,i};
    // Q = sum_i w_i r_i, S, RP = 10000 / S and V follow. Weights and q are not ratings.
    fc.assert(
      fc.property(studyArbitrary({ missing: true }), factor, (study, c) => {
        const scaled = { ...study, respondents: study.respondents.map((r) => scaleRatings(r, c)) };
        for (const offer of study.offers) {
          const before = profiles(study, offer.id);
          const after = profiles(scaled, offer.id);
          expect(after.quality.ok).toBe(before.quality.ok);
          if (!before.quality.ok || !after.quality.ok || !before.price.ok || !after.price.ok) continue;
          expect(differences(after.quality.rows.map((r) => r.ratio), before.quality.rows.map((r) => r.ratio))).toEqual([]);
          expect(differences(after.price.rows.map((r) => r.ratio), before.price.rows.map((r) => r.ratio))).toEqual([]);
          expect(differences([after.quality.score, after.price.satisfaction, after.price.relativePrice], [
            before.quality.score,
            before.price.satisfaction,
            before.price.relativePrice,
          ])).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it("scaling one respondent's ratings can change a ratio of means (so the invariance above needs all respondents)", () => {
    // Hand calculation, one quality attribute, own vs c: r1 rates own 8, c 4; r2 own 4, c 8.
    // Ratio of means (8 + 4) / (4 + 8) = 1. Doubling r1: (16 + 4) / (8 + 8) = 1.25. The mean
    // of ratios stays (2 + 0.5) / 2 = 1.25 either way.
    const attributes: AttributeDef[] = [{ id: "a", kind: "quality" }];
    const offers: OfferDef[] = [{ id: "own", own: true }, { id: "c", own: false }];
    const r1: RespondentInput = { id: "r1", weights: { a: 1 }, ratings: { own: { a: 8 }, c: { a: 4 } } };
    const r2: RespondentInput = { id: "r2", weights: { a: 1 }, ratings: { own: { a: 4 }, c: { a: 8 } } };
    const q = (list: RespondentInput[]) =>
      ok(qualityProfile({ attributes, weights: { a: 100 }, scores: meanScores(list, offers, attributes), offerId: "own" })).score;
    expect([q([r1, r2]), q([scaleRatings(r1, 2), r2])]).toEqual([100, 125]);
    const mor = (list: RespondentInput[]) => ok(meanOfRatios(list, "own", ["c"], attributes)).rows[0]?.value;
    expect([mor([r1, r2]), mor([scaleRatings(r1, 2), r2])]).toEqual([1.25, 1.25]);
  });

  it("head-to-head areas sum to Q - 100 (quality) and S - 100 (price) of the offer against that competitor", () => {
    fc.assert(
      fc.property(studyArbitrary({ missing: true }), (study) => {
        const aggregated = aggregateWeights(study.respondents, study.attributes);
        const scores = meanScores(study.respondents, study.offers, study.attributes);
        for (const competitor of study.offers.filter((o) => !o.own)) {
          for (const kind of ["quality", "price"] as const) {
            const base = { attributes: study.attributes, weights: aggregated.weights, scores, offerId: "o0" };
            const chart = headToHead({ ...base, competitorId: competitor.id, kind });
            const profile = (kind === "quality" ? qualityProfile : priceProfile)({ ...base, referenceIds: [competitor.id] });
            expect(chart.ok).toBe(profile.ok);
            if (!chart.ok || !profile.ok) continue;
            const score = "satisfaction" in profile ? profile.satisfaction : profile.score;
            const areas = chart.rows.reduce((s, row) => s + row.weight * (row.ratio - 1), 0);
            expect(Math.abs(areas - (score - 100))).toBeLessThan(1e-9 * Math.max(1, Math.abs(score)));
            expect(chart.check.holds).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

describe("input schema invariants (fast-check)", () => {
  /** A valid summary input for `quality` and `price` weights given per attribute. */
  function summaryInput(quality: number[], price: number[]) {
    const attributes = [
      ...quality.map((_, k) => ({ id: `q${k}`, kind: "quality" })),
      ...price.map((_, k) => ({ id: `p${k}`, kind: "price" })),
    ];
    const weights = Object.fromEntries([...quality.map((w, k) => [`q${k}`, w]), ...price.map((w, k) => [`p${k}`, w])]);
    const means = Object.fromEntries(["own", "c"].map((o) => [o, Object.fromEntries(attributes.map((a) => [a.id, 5]))]));
    return {
      offers: [{ id: "own", own: true }, { id: "c" }],
      attributes,
      summary: { weights, qualityShare: 60, means },
    };
  }

  /** k non-negative integer points rescaled to sum 100 (up to rounding). */
  const hundred = (k: { min: number; max: number }) =>
    fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: k.min, maxLength: k.max })
      .filter((points) => points.some((p) => p > 0))
      .map((points) => {
        const total = points.reduce((s, p) => s + p, 0);
        return points.map((p) => (100 * p) / total);
      });
  /** k non-negative integers whose sum is not 100. */
  const notHundred = (k: { min: number; max: number }) =>
    fc
      .array(fc.integer({ min: 0, max: 90 }), { minLength: k.min, maxLength: k.max })
      .filter((w) => w.reduce((s, x) => s + x, 0) !== 100);

  it("accepts summary weights that sum to 100 within each kind", () => {
    fc.assert(
      fc.property(hundred({ min: 1, max: 6 }), hundred({ min: 1, max: 4 }), (quality, price) => {
        expect(parseAnalysisInput(summaryInput(quality, price))).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it("rejects summary weights whose quality or price set does not sum to 100, naming the set and the sum", () => {
    const badSet = fc.oneof(
      fc.tuple(notHundred({ min: 1, max: 6 }), hundred({ min: 1, max: 4 })).map(([q, p]) => ({ q, p, bad: "quality" as const })),
      fc.tuple(hundred({ min: 1, max: 6 }), notHundred({ min: 1, max: 4 })).map(([q, p]) => ({ q, p, bad: "price" as const })),
    );
    fc.assert(
      fc.property(badSet, ({ q, p, bad }) => {
        const parsed = parseAnalysisInput(summaryInput(q, p));
        const sum = (bad === "quality" ? q : p).reduce((s, w) => s + w, 0);
        expect(parsed).toEqual({
          ok: false,
          problems: [`summary.weights of the ${bad} attributes require a sum of 100 (got ${sum})`],
        });
      }),
      RUNS,
    );
  });

  it("rejects group weights whose quality groups do not sum to 100", () => {
    fc.assert(
      fc.property(notHundred({ min: 1, max: 4 }), (groupWeights) => {
        const input = summaryInput([50, 50], [100]);
        const withGroups = {
          ...input,
          attributes: input.attributes.map((a, k) => ({ ...a, group: a.kind === "price" ? "money" : `g${k % groupWeights.length}` })),
          groups: [
            ...groupWeights.map((weight, k) => ({ id: `g${k}`, kind: "quality", weight })),
            { id: "money", kind: "price", weight: 100 },
          ],
        };
        const parsed = parseAnalysisInput(withGroups);
        const sum = groupWeights.reduce((s, w) => s + w, 0);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.problems).toContain(`groups weights of the quality groups require a sum of 100 (got ${sum})`);
      }),
      RUNS,
    );
  });
});
