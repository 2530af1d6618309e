import { describe, expect, it } from "vitest";
import { readRatingResponse, type ReadResult } from "../../surveys/read-rating-response";
import { singlePriceStudy, study, validAnswers } from "./fixtures";

function value(result: ReadResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
}
function errors(result: ReadResult): string[] {
  if (result.ok) throw new Error("expected errors, got ok");
  return result.errors;
}

describe("readRatingResponse: complete answers", () => {
  it("reads status, known offers and quality share", () => {
    const v = value(readRatingResponse(study, validAnswers()));
    expect([v.status, v.known, v.qualityShare]).toEqual(["complete", ["alpha", "beta"], 70]);
  });

  it("reads the weights, quality then price, in attribute order", () => {
    expect(value(readRatingResponse(study, validAnswers())).weights).toEqual([
      { attribute: "speed", weight: 50 },
      { attribute: "comfort", weight: 30 },
      { attribute: "safety", weight: 20 },
      { attribute: "fare", weight: 80 },
      { attribute: "fees", weight: 20 },
    ]);
  });

  it("reads one rating per known offer and attribute", () => {
    expect(value(readRatingResponse(study, validAnswers())).ratings).toEqual([
      { offer: "alpha", attribute: "speed", score: 9 },
      { offer: "alpha", attribute: "comfort", score: 7 },
      { offer: "alpha", attribute: "safety", score: 8 },
      { offer: "alpha", attribute: "fare", score: 4 },
      { offer: "alpha", attribute: "fees", score: 6 },
      { offer: "beta", attribute: "speed", score: 5 },
      { offer: "beta", attribute: "comfort", score: 6 },
      { offer: "beta", attribute: "safety", score: 7 },
      { offer: "beta", attribute: "fare", score: 9 },
      { offer: "beta", attribute: "fees", score: 8 },
    ]);
  });

  it("reads the per-offer answers for every offer of the study", () => {
    expect(value(readRatingResponse(study, validAnswers())).offers).toEqual([
      { offer: "alpha", known: true, worth: 6, overall: 8, chose: false, considered: true },
      { offer: "beta", known: true, worth: 8, overall: 6, chose: true, considered: true },
      { offer: "gamma", known: false, worth: null, overall: null, chose: false, considered: false },
    ]);
  });

  it("marks no offer as chosen when the last purchase is none", () => {
    const v = value(readRatingResponse(study, { ...validAnswers(), last_purchase: "none" }));
    expect(v.offers.map((o) => o.chose)).toEqual([false, false, false]);
  });

  it("ignores computed keys such as weights_quality_total and price_share", () => {
    const withComputed = { ...validAnswers(), weights_quality_total: 90, weights_price_total: 100, price_share: 30 };
    expect(readRatingResponse(study, withComputed)).toEqual(readRatingResponse(study, validAnswers()));
  });

  it("ignores ratings of offers the respondent does not know", () => {
    const withUnknown = { ...validAnswers(), rating_gamma_speed: 3, overall_gamma: 4, worth_gamma: 5 };
    expect(readRatingResponse(study, withUnknown)).toEqual(readRatingResponse(study, validAnswers()));
  });

  it("ignores even invalid ratings of offers the respondent does not know", () => {
    const withUnknown = { ...validAnswers(), rating_gamma_speed: 42 };
    expect(readRatingResponse(study, withUnknown).ok).toBe(true);
  });

  it("reads a repeated known offer once", () => {
    const v = value(readRatingResponse(study, { ...validAnswers(), known_offers: ["alpha", "beta", "alpha"] }));
    expect(v.known).toEqual(["alpha", "beta"]);
  });
});

describe("readRatingResponse: single price attribute", () => {
  it("gives the single price attribute weight 100 without a price weights answer", () => {
    const answers = {
      known_offers: ["alpha", "gamma"],
      weights_quality: { speed: 60, comfort: 40 },
      quality_share: 55,
      rating_alpha_speed: 8,
    };
    expect(value(readRatingResponse(singlePriceStudy, answers)).weights).toEqual([
      { attribute: "speed", weight: 60 },
      { attribute: "comfort", weight: 40 },
      { attribute: "fare", weight: 100 },
    ]);
  });
});

describe("readRatingResponse: screening", () => {
  it("screens out a respondent who does not know the own offer, with no ratings or weights", () => {
    const v = value(readRatingResponse(study, { ...validAnswers(), known_offers: ["beta", "gamma"] }));
    expect(v).toEqual({
      status: "screened_out",
      known: ["beta", "gamma"],
      qualityShare: null,
      weights: [],
      ratings: [],
      offers: [
        { offer: "alpha", known: false, worth: null, overall: null, chose: false, considered: false },
        { offer: "beta", known: true, worth: null, overall: null, chose: false, considered: false },
        { offer: "gamma", known: true, worth: null, overall: null, chose: false, considered: false },
      ],
      profile: [],
    });
  });

  it("screens out a respondent who knows only the own offer", () => {
    const v = value(readRatingResponse(study, { known_offers: ["alpha"] }));
    expect([v.status, v.ratings, v.weights]).toEqual(["screened_out", [], []]);
  });

  it("screens out a respondent with no known offers", () => {
    expect(value(readRatingResponse(study, {})).status).toBe("screened_out");
  });
});

describe("readRatingResponse: errors", () => {
  it("rejects weights summing to 99 with a sum-of-100 message", () => {
    const answers = { ...validAnswers(), weights_quality: { speed: 50, comfort: 30, safety: 19 } };
    expect(errors(readRatingResponse(study, answers))).toEqual(["weights_quality requires a sum of 100 (got 99)"]);
  });

  it("rejects a rating of 11", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), rating_alpha_speed: 11 }))).toEqual([
      "rating_alpha_speed requires a whole number from 1 to 10 or \"dk\"",
    ]);
  });

  it("rejects a rating of 2.5", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), rating_beta_fees: 2.5 }))).toEqual([
      "rating_beta_fees requires a whole number from 1 to 10 or \"dk\"",
    ]);
  });

  it('rejects a rating given as the string "7"', () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), rating_alpha_fare: "7" }))).toEqual([
      "rating_alpha_fare requires a whole number from 1 to 10 or \"dk\"",
    ]);
  });

  it("rejects a worth of 0", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), worth_alpha: 0 }))).toEqual([
      "worth_alpha requires a whole number from 1 to 10 or \"dk\"",
    ]);
  });

  it("rejects an unknown offer code in known_offers", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), known_offers: ["alpha", "delta"] }))).toEqual([
      "known_offers requires a list of offer codes",
    ]);
  });

  it("rejects known_offers that is not a list", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), known_offers: "alpha" }))).toEqual([
      "known_offers requires a list of offer codes",
    ]);
  });

  it("rejects null answers", () => {
    expect(errors(readRatingResponse(study, null))).toEqual(["answers require a JSON object"]);
  });

  it("rejects an array as answers", () => {
    expect(errors(readRatingResponse(study, [validAnswers()]))).toEqual(["answers require a JSON object"]);
  });

  it("rejects a string as answers", () => {
    expect(errors(readRatingResponse(study, JSON.stringify(validAnswers())))).toEqual(["answers require a JSON object"]);
  });

  it("rejects a missing quality share", () => {
    const { quality_share: _dropped, ...answers } = validAnswers();
    expect(errors(readRatingResponse(study, answers))).toEqual(["quality_share requires a number from 0 to 100"]);
  });

  it("rejects a missing weights answer", () => {
    const { weights_price: _dropped, ...answers } = validAnswers();
    expect(errors(readRatingResponse(study, answers))).toEqual(["weights_price requires points for each attribute"]);
  });

  it("rejects a weight above 100", () => {
    const answers = { ...validAnswers(), weights_price: { fare: 120, fees: -20 } };
    expect(errors(readRatingResponse(study, answers))).toEqual([
      "weights_price.fare requires a number from 0 to 100",
      "weights_price.fees requires a number from 0 to 100",
      "weights_price requires a sum of 100 (got 0)",
    ]);
  });

  it("rejects a last purchase that is not an offer or none", () => {
    expect(errors(readRatingResponse(study, { ...validAnswers(), last_purchase: "delta" }))).toEqual([
      'last_purchase requires an offer code or "none"',
    ]);
  });
});

describe("readRatingResponse: the considered set", () => {
  const consideredOf = (result: ReadResult) =>
    value(result)
      .offers.filter((o) => o.considered)
      .map((o) => o.offer);
  const withSet = (last: unknown, set: unknown) => ({ ...validAnswers(), last_purchase: last, considered_offers: set });
  const withoutSet = (last: unknown) => {
    const answers: Record<string, unknown> = { ...validAnswers(), last_purchase: last };
    delete answers.considered_offers;
    return answers;
  };

  it("counts the offer bought as considered with the others ticked (bought beta, ticked alpha)", () => {
    expect(consideredOf(readRatingResponse(study, withSet("beta", ["alpha"])))).toEqual(["alpha", "beta"]);
  });

  it("reads “I only considered what I bought” as the offer bought alone", () => {
    expect(consideredOf(readRatingResponse(study, withSet("beta", ["only_bought"])))).toEqual(["beta"]);
  });

  it("accepts the bought offer left in the answer next to “only bought” (its choice is hidden, not cleared)", () => {
    expect(consideredOf(readRatingResponse(study, withSet("beta", ["beta", "only_bought"])))).toEqual(["beta"]);
  });

  it("requires the considered set when an offer was bought", () => {
    const required = 'considered_offers requires the other offers considered or "only_bought"';
    expect(errors(readRatingResponse(study, withoutSet("beta")))).toEqual([required]);
    expect(errors(readRatingResponse(study, withSet("beta", [])))).toEqual([required]);
  });

  it("does not require it without a purchase", () => {
    expect(consideredOf(readRatingResponse(study, withoutSet("none")))).toEqual([]);
  });

  it("refuses “only bought” without a purchase, or with another offer", () => {
    expect(errors(readRatingResponse(study, withSet("none", ["only_bought"])))).toEqual([
      'considered_offers "only_bought" requires an offer as last_purchase',
    ]);
    expect(errors(readRatingResponse(study, withSet("beta", ["alpha", "only_bought"])))).toEqual([
      'considered_offers "only_bought" requires no other offer',
    ]);
  });

  it("refuses values that are no offer code", () => {
    expect(errors(readRatingResponse(study, withSet("beta", ["delta"])))).toEqual([
      'considered_offers requires a list of offer codes or "only_bought"',
    ]);
    expect(errors(readRatingResponse(study, withSet("beta", "alpha")))).toEqual([
      'considered_offers requires a list of offer codes or "only_bought"',
    ]);
  });

  // Versions published before asked "which did you consider?" as an optional question.
  it("reads an earlier version's empty answer as no considered set, and a given one with the offer bought", () => {
    const earlier = { consideredSetRequired: false };
    expect(consideredOf(readRatingResponse(study, withoutSet("beta"), earlier))).toEqual([]);
    expect(consideredOf(readRatingResponse(study, withSet("beta", ["alpha"]), earlier))).toEqual(["alpha", "beta"]);
    expect(consideredOf(readRatingResponse(study, withSet("none", ["alpha", "gamma"]), earlier))).toEqual(["alpha", "gamma"]);
  });
});

describe("readRatingResponse: answer keys that are also object properties", () => {
  it("treats a parsed __proto__ answer as data and reads the rest unchanged", () => {
    const answers = JSON.parse(JSON.stringify(validAnswers()).replace(/^\{/, '{"__proto__":{"quality_share":5},')) as Record<string, unknown>;
    expect(Object.hasOwn(answers, "__proto__")).toBe(true);
    expect(readRatingResponse(study, answers)).toEqual(readRatingResponse(study, validAnswers()));
  });

  it("does not take inherited properties for answers", () => {
    const inherited = Object.create({ quality_share: 60 }) as Record<string, unknown>;
    Object.assign(inherited, validAnswers());
    delete inherited.quality_share;
    const result = readRatingResponse(study, inherited);
    expect(result).toEqual({ ok: false, errors: ["quality_share requires a number from 0 to 100"] });
  });
});
