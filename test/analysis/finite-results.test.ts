import { describe, it, expect } from "vitest";
import {
  aggregateWeights,
  attributeProfile,
  customerValueScore,
  fairValueLine,
  meanScores,
  priceProfile,
  qualityProfile,
  referenceScores,
  relativePriceFromPrices,
  valueMap,
} from "../../analysis";
import type { MeanScores } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { numbers } from "./helpers";
import { qualityShare, weights } from "./fixtures/worked-example-weights";

const scores = meanScores(respondents, offers, attributes);
const empty: MeanScores = {
  means: { own: { a: null }, comp: { a: null } },
  n: { own: { a: 0 }, comp: { a: 0 } },
  nOffer: { own: 0, comp: 0 },
};
const zeros: MeanScores = {
  means: { own: { a: 0 }, comp: { a: 0 } },
  n: { own: { a: 1 }, comp: { a: 1 } },
  nOffer: { own: 1, comp: 1 },
};

const results: Record<string, unknown> = {
  aggregateWorked: aggregateWeights(respondents, attributes),
  aggregateEmpty: aggregateWeights([], attributes),
  aggregateZero: aggregateWeights([{ id: "r", weights: { reliability: 0 }, qualityShare: Number.NaN, ratings: {} }], attributes),
  meansWorked: scores,
  meansEmpty: meanScores([], offers, attributes),
  referenceEmpty: referenceScores(empty, ["comp"], [{ id: "a", kind: "quality" }]),
  referenceZeroShares: referenceScores(scores, ["birch"], attributes, { birch: 0 }),
  profileEmpty: attributeProfile({ attributes: [{ id: "a", kind: "quality" }], weights: { a: 100 }, scores: empty, offerId: "own", referenceIds: ["comp"] }),
  profileZeros: attributeProfile({ attributes: [{ id: "a", kind: "quality" }], weights: { a: 100 }, scores: zeros, offerId: "own", referenceIds: ["comp"] }),
  profileZerosLower: attributeProfile({ attributes: [{ id: "a", kind: "quality", lowerIsBetter: true }], weights: { a: 100 }, scores: zeros, offerId: "own", referenceIds: ["comp"] }),
  quality: offers.map((o) => qualityProfile({ attributes, weights, scores, offers, offerId: o.id })),
  price: offers.map((o) => priceProfile({ attributes, weights, scores, offers, offerId: o.id })),
  priceZeros: priceProfile({ attributes: [{ id: "a", kind: "price" }], weights: { a: 100 }, scores: zeros, offerId: "own" }),
  pricesZero: relativePriceFromPrices([{ id: "own", own: true, price: 0 }, { id: "b", own: false, price: 0 }], "own"),
  value: customerValueScore(Number.POSITIVE_INFINITY, 100, 50),
  lineWeights0: fairValueLine({ type: "weights" }, [], 0),
  lineWeights100: fairValueLine({ type: "weights" }, [], 100),
  lineFlat: fairValueLine({ type: "regression" }, [0, 1, 2].map(() => ({ quality: 0.1, relativePrice: 1 })), null),
  mapWorked: valueMap({ offers, attributes, weights, scores, qualityShare }),
  mapRegression: valueMap({ offers, attributes, weights, scores, qualityShare, line: { type: "regression" } }),
  mapBand: valueMap({ offers, attributes, weights, scores, qualityShare, band: Number.NaN }),
};

describe("finite results", () => {
  it.each(Object.keys(results))("%s contains no NaN or Infinity", (name) => {
    const bad = numbers(results[name]).filter(([, v]) => !Number.isFinite(v));
    expect(bad).toEqual([]);
  });
});
