import { describe, it, expect } from "vitest";
import {
  applyScenario,
  fairPrice,
  fitBetaToShares,
  fitLogitBeta,
  meanScores,
  shareIntervals,
  shareOfPreference,
  studentTQuantile,
  valueLeadsShare,
  valueMap,
} from "../../../analysis";
import type { RespondentOutcome } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { qualityShare, weights } from "../fixtures/worked-example-weights";
import { numbers } from "../helpers";

/** Edge inputs of every strategy tool: each result holds only finite numbers (never NaN or ±Infinity). */
const scores = meanScores(respondents, offers, attributes);
const priced = offers.map((o, k) => ({ ...o, price: [120, 0, 80][k] as number }));
const chosen: RespondentOutcome[] = respondents.map((r, k) => ({ ...r, chose: ["aster", "birch", "aster", "cedar"][k] as string }));
const separated: RespondentOutcome[] = respondents.map((r) => ({ ...r, chose: "aster" }));
const base = { offers: priced, attributes, weights, scores, qualityShare };

const results: Record<string, unknown> = {
  extremeScenario: applyScenario(base, {
    name: "extreme",
    changes: [
      { offer: "aster", attribute: "reliability", delta: 1e6 },
      { offer: "birch", attribute: "comfort", value: -1e6 },
      { offer: "cedar", priceFactor: 1e-300 },
      { offer: "birch", priceFactor: 1e300 },
    ],
    respond: [{ competitor: "cedar", copies: "aster" }],
  }),
  fairPriceZeroPrices: fairPrice(valueMap(base), priced.map((o) => ({ ...o, price: 0 }))),
  fairPriceHuge: fairPrice(valueMap(base), priced.map((o) => ({ ...o, price: 1e300 }))),
  sharesBetaZero: shareOfPreference(chosen, { offers, attributes, beta: 0 }),
  sharesBetaHuge: shareOfPreference(chosen, { offers, attributes, beta: 1e6 }),
  sharesBetaNegative: shareOfPreference(chosen, { offers, attributes, beta: -1e6 }),
  fitSeparated: fitLogitBeta(separated, { offers, attributes }),
  fitSmall: fitLogitBeta(chosen, { offers, attributes, bound: 1e-9 }),
  shareFitOneOffer: fitBetaToShares(chosen, { aster: 1, birch: 0, cedar: 0 }, { offers, attributes }),
  intervalsSeparated: shareIntervals(separated, { offers, attributes, fit: { type: "choices" }, replicates: 20 }),
  leadsSteady: valueLeadsShare([
    { wave: "1", shares: { a: 10, b: 20, c: 30 }, values: { a: 1, b: 2, c: 3 } },
    { wave: "2", shares: { a: 10, b: 20, c: 30 }, values: { a: 1, b: 2, c: 3 } },
    { wave: "3", shares: { a: 10, b: 20, c: 30 }, values: { a: 1, b: 2, c: 3 } },
  ]),
  leadsExact: valueLeadsShare([
    { wave: "1", shares: { a: 10, b: 20, c: 30 }, values: { a: 1, b: 2, c: 3 } },
    { wave: "2", shares: { a: 11, b: 22, c: 33 }, values: { a: 1, b: 2, c: 3 } },
    { wave: "3", shares: { a: 12, b: 24, c: 36 }, values: { a: 1, b: 2, c: 3 } },
  ]),
  tTiny: studentTQuantile(1 - 1e-15, 1),
  tTinyDf: studentTQuantile(0.975, 1e-3),
};

describe("strategy tools give finite numbers on edge inputs", () => {
  it.each(Object.keys(results))("%s", (name) => {
    const bad = numbers(results[name]).filter(([, v]) => !Number.isFinite(v));
    expect(bad).toEqual([]);
  });
});
