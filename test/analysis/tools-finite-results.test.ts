import { describe, it, expect } from "vitest";
import {
  derivedImportance,
  differenceMethod,
  headToHead,
  keyAccountMatrix,
  keyEventsTimeline,
  meanDifference,
  meanOfRatios,
  meanScores,
  twoLevelWeights,
  whatWho,
  wonLost,
} from "../../analysis";
import type { MeanScores, RespondentOutcome } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { numbers } from "./helpers";
import { weights } from "./fixtures/worked-example-weights";

const scores = meanScores(respondents, offers, attributes);
const zeros: MeanScores = {
  means: { own: { q: 0, p: 0 }, comp: { q: 0, p: 0 } },
  n: { own: { q: 1, p: 1 }, comp: { q: 1, p: 1 } },
  nOffer: { own: 1, comp: 1 },
};
const twoKinds = [
  { id: "q", kind: "quality" as const },
  { id: "p", kind: "price" as const },
];
const constant: RespondentOutcome[] = [1, 2, 3, 4, 5, 6].map((i) => ({
  id: `r${i}`,
  weights: {},
  ratings: { own: { q: 5 } },
  overall: { own: 5 },
}));

const results: Record<string, unknown> = {
  twoLevelZero: twoLevelWeights([{ id: "g", weight: 0 }], { a: { group: "g", weight: 0 } }),
  ratiosEmpty: meanOfRatios([], "aster", ["birch"], attributes),
  ratiosZeros: meanOfRatios([{ id: "r", weights: {}, ratings: { own: { q: 0 }, comp: { q: 0 } } }], "own", ["comp"], twoKinds),
  differenceEmpty: meanDifference([], "aster", ["birch"], attributes),
  headToHeadWorked: headToHead({ attributes, weights, scores, offerId: "aster", competitorId: "cedar", kind: "quality" }),
  headToHeadZeros: headToHead({ attributes: twoKinds, weights: { q: 1, p: 1 }, scores: zeros, offerId: "own", competitorId: "comp", kind: "quality" }),
  wonLostEmpty: wonLost({ respondents: [], offers, attributes, weights, ownId: "aster" }),
  timelineEmptyEvents: keyEventsTimeline({ waves: [{ wave: "w", date: "2024-01-01", points: [] }], events: [] }),
  whatWhoZero: whatWho({ attributes: twoKinds, weights: { q: 0, p: 0 }, ratios: { q: 0, p: 0 }, functions: ["f"], cells: {} }),
  whatWhoZeroRatio: whatWho({ attributes: twoKinds, weights: { q: 1, p: 1 }, ratios: { q: 0, p: 0 }, functions: ["f"], cells: { q: { f: 9 } } }),
  derivedConstant: derivedImportance({ respondents: constant, attributes: twoKinds, weights: { q: 1 } }),
  derivedEmpty: derivedImportance({ respondents: [], attributes, weights }),
  differenceZeros: differenceMethod({ attributes: twoKinds, weights: { q: 0, p: 0 }, scores: zeros, ownId: "own", competitorIds: ["comp"] }),
  differenceWorked: differenceMethod({ attributes, weights, scores, ownId: "aster", competitorIds: ["birch", "cedar"] }),
  accountsEmpty: keyAccountMatrix({ accounts: [] }),
  accountsInfinite: keyAccountMatrix({ accounts: [{ id: "x", value: Number.POSITIVE_INFINITY, attractiveness: 1 }] }),
};

describe("finite results of the tools", () => {
  it.each(Object.keys(results))("%s contains no NaN or Infinity", (name) => {
    const bad = numbers(results[name]).filter(([, v]) => !Number.isFinite(v));
    expect(bad).toEqual([]);
  });
});
