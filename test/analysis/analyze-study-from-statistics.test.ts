import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRespondent,
  analyzeStudy,
  analyzeStudyFromStatistics,
  emptyStatistics,
  mergeStatistics,
  statisticsLayout,
  studyStatistics,
  type AttributeDef,
  type OfferDef,
  type StudyAnalysisInput,
  type StudyRespondent,
} from "../../analysis";
import { expectClose } from "../helpers/expect-close";

/**
 * Issue 23: the report above the bootstrap threshold analyses sufficient statistics (per cell:
 * counts, sums, sums of squares and the cross-products of the delta method, derived importance's
 * moments, won/lost tallies, the lost reasons' weighted gaps) instead of every respondent. Over
 * random respondents, `analyzeStudyFromStatistics` on a cell built by adding them (with others
 * added and taken out again, and split over cells that are merged) must give `analyzeStudy`'s
 * report on the respondents themselves, every number to 1e-9 (relative past 1): the expected
 * figures are the respondent pass's, not the code under test's. At least 30 respondents: with
 * two or three ratings a difference can equal its standard error exactly in real numbers (5/3
 * against sqrt(25/9)), and which side the last bit falls on differs between any two summation
 * orders; the report takes this path above 1000 respondents only.
 */
const offers: OfferDef[] = [
  { id: "aster", own: true },
  { id: "birch", own: false },
  { id: "cedar", own: false },
];
const attributes: AttributeDef[] = [
  { id: "reliability", kind: "quality" },
  { id: "taste", kind: "quality" },
  { id: "waiting", kind: "quality", lowerIsBetter: true },
  { id: "purchase", kind: "price" },
  { id: "running", kind: "price" },
];
const layout = statisticsLayout(offers.map((o) => o.id), attributes, "aster");

const score = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
const ratingsArb = fc.record(
  Object.fromEntries(attributes.map((a) => [a.id, score])) as Record<string, fc.Arbitrary<number>>,
  { requiredKeys: ["reliability", "purchase"] },
);
const respondentArb = fc
  .record({
    // points per attribute: some respondents give none for a kind (the market's weights are used)
    weights: fc.record(Object.fromEntries(attributes.map((a) => [a.id, fc.integer({ min: 0, max: 60 })])) as Record<string, fc.Arbitrary<number>>, { requiredKeys: [] }),
    qualityShare: fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(130)), { nil: undefined }),
    ratings: fc.record({ aster: ratingsArb, birch: ratingsArb, cedar: ratingsArb }, { requiredKeys: ["aster"] }),
    overall: fc.option(fc.record({ aster: fc.integer({ min: 1, max: 10 }), birch: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: [] }), { nil: undefined }),
    chose: fc.option(fc.constantFrom("aster", "birch", "cedar"), { nil: undefined }),
    considered: fc.option(fc.subarray(["aster", "birch", "cedar"]), { nil: undefined }),
  })
  .map((r) => ({ ...r, id: "" }) as StudyRespondent)

let serial = 0;
const withId = (r: StudyRespondent): StudyRespondent => {
  serial += 1;
  const out: StudyRespondent = { ...r, id: `r${serial}` };
  for (const key of ["qualityShare", "overall", "chose", "considered"] as const) if (out[key] === undefined) delete out[key];
  return out;
};

const optionsArb = fc.record({
  importance: fc.constantFrom("relative-weights" as const, "shapley" as const, "ols" as const),
  shareWeighted: fc.boolean(),
  method: fc.constantFrom("ratio" as const, "difference" as const),
});

describe("analyzeStudyFromStatistics (issue 23)", () => {
  it("gives analyzeStudy's report from cells built by adding, taking out and merging respondents", () => {
    fc.assert(
      fc.property(
        fc.array(respondentArb, { minLength: 30, maxLength: 60 }),
        fc.array(respondentArb, { maxLength: 10 }),
        fc.nat(),
        optionsArb,
        (kept, dropped, cut, options) => {
          const respondents = kept.map(withId);
          const others = dropped.map(withId);
          const input: Omit<StudyAnalysisInput, "respondents"> = {
            offers: offers.map((o, i) => ({ ...o, share: 10 + i })),
            attributes,
            options: { bootstrap: false, importance: options.importance, shareWeighted: options.shareWeighted, method: options.method },
          };
          const expected = analyzeStudy({ ...input, respondents });
          // Two cells: the first part, and the rest with the others added and taken out again.
          const at = respondents.length === 0 ? 0 : cut % (respondents.length + 1);
          const first = studyStatistics(layout, respondents.slice(0, at));
          const second = emptyStatistics(layout);
          for (const r of others) addRespondent(second, r, 1);
          for (const r of respondents.slice(at)) addRespondent(second, r, 1);
          for (const r of others) addRespondent(second, r, -1);
          const actual = analyzeStudyFromStatistics(input, mergeStatistics(layout, [first, second]));
          expect(actual.ok).toBe(true);
          if (actual.ok) expectClose(actual.report, expected);
        },
      ),
      // Seeded, so a run is repeatable (a tie at a boundary once made an unseeded run fail by chance).
      { numRuns: 200, seed: 20261206 },
    );
  });

  it("asks for the respondents when a counted one answered MaxDiff, or for a bootstrap or a filter", () => {
    const base = { offers, attributes, options: { bootstrap: false as const } };
    const plain = withId({ id: "", weights: { reliability: 10 }, ratings: { aster: { reliability: 5 } } });
    const maxDiff = withId({ ...plain, maxDiff: [{ items: ["reliability", "taste", "waiting"], best: "reliability", worst: "taste" }] });
    expect(analyzeStudyFromStatistics(base, studyStatistics(layout, [plain])).ok).toBe(true);
    expect(analyzeStudyFromStatistics(base, studyStatistics(layout, [plain, maxDiff]))).toEqual({ ok: false, reason: "needs-respondents" });
    // taken out again: the cell no longer counts a MaxDiff answer
    const cell = studyStatistics(layout, [plain, maxDiff]);
    addRespondent(cell, maxDiff, -1);
    expect(analyzeStudyFromStatistics(base, cell).ok).toBe(true);
    expect(analyzeStudyFromStatistics({ ...base, options: {} }, cell)).toEqual({ ok: false, reason: "needs-respondents" });
    expect(analyzeStudyFromStatistics({ ...base, options: { bootstrap: false, wave: "1" } }, cell)).toEqual({ ok: false, reason: "needs-respondents" });
    expect(analyzeStudyFromStatistics({ ...base, offers: [...offers].reverse() }, cell)).toEqual({ ok: false, reason: "needs-respondents" });
  });
});
