import { describe, it, expect } from "vitest";
import { wonLost } from "../../analysis";
import type { AttributeDef, OfferDef, RespondentOutcome } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { weights } from "./fixtures/worked-example-weights";
import { ok } from "./helpers";

/**
 * The worked example with choices: r1 chose aster (won); r2 chose birch after considering
 * aster (lost); r3 chose birch without considering aster (bought a competitor without
 * considering own); r4 chose cedar after considering aster (lost).
 */
const choices: Record<string, Pick<RespondentOutcome, "chose" | "considered">> = {
  r1: { chose: "aster", considered: ["aster", "birch"] },
  r2: { chose: "birch", considered: ["aster", "birch", "cedar"] },
  r3: { chose: "birch", considered: ["birch"] },
  r4: { chose: "cedar", considered: ["aster", "cedar"] },
};
const outcomes: RespondentOutcome[] = respondents.map((r) => ({ ...r, ...choices[r.id] }));

const twoOffers: OfferDef[] = [
  { id: "own", own: true },
  { id: "comp", own: false },
];
const oneAttribute: AttributeDef[] = [{ id: "a", kind: "quality" }];

describe("wonLost", () => {
  const result = ok(wonLost({ respondents: outcomes, offers, attributes, weights, ownId: "aster" }));

  it("counts won 1, lost 2, bought a competitor without considering own 1, unknown 0, other 0", () => {
    expect([result.won, result.lost, result.boughtCompetitorWithoutConsideringOwn, result.boughtCompetitorConsiderationUnknown, result.other]).toEqual([
      1, 2, 1, 0, 0,
    ]);
  });

  it("gives the win rate won / (won + lost) = 1 / 3", () => {
    expect(result.winRate).toEqual({ ok: true, rate: 1 / 3 });
  });

  it("breaks lost respondents down by the offer they chose, ties by id", () => {
    expect(result.lostTo).toEqual([
      { offerId: "birch", count: 1 },
      { offerId: "cedar", count: 1 },
    ]);
  });

  it("gives the attributes where the winner out-scored own among lost respondents", () => {
    // Hand calculation, winner - aster per lost respondent (method.md table):
    // r2 birch: reliability -2, comfort -1, service -2, styling -1, purchase +2, running 0;
    // r4 cedar: reliability -2, comfort -1, service -3, styling +3, purchase +1, running 0.
    // purchase: count 2, mean gap (2 + 1) / 2 = 1.5; styling: count 1, mean gap (-1 + 3) / 2 = 1.
    expect(result.reasons).toEqual([
      { id: "purchase", kind: "price", count: 2, n: 2, meanGap: 1.5 },
      { id: "styling", kind: "quality", count: 1, n: 2, meanGap: 1 },
    ]);
  });

  it("limits the reasons to topReasons", () => {
    const top = ok(wonLost({ respondents: outcomes, offers, attributes, weights, ownId: "aster", topReasons: 1 }));
    expect(top.reasons.map((r) => r.id)).toEqual(["purchase"]);
  });

  it("orders reasons with equal counts by mean gap", () => {
    // Hand calculation: one lost respondent, winner - own: a +1, b +3 -> both count 1; b first.
    const attrs: AttributeDef[] = [
      { id: "a", kind: "quality" },
      { id: "b", kind: "quality" },
    ];
    const lost: RespondentOutcome = {
      id: "x",
      weights: {},
      chose: "comp",
      considered: ["own"],
      ratings: { own: { a: 5, b: 5 }, comp: { a: 6, b: 8 } },
    };
    const r = ok(wonLost({ respondents: [lost], offers: twoOffers, attributes: attrs, weights: { a: 50, b: 50 }, ownId: "own" }));
    expect(r.reasons.map((x) => x.id)).toEqual(["b", "a"]);
  });

  it("gives the won group's quality profile Q = 120.5385", () => {
    // Hand calculation, won = r1 only: reference = mean(birch, cedar) = 6.5, 6.5, 6.5, 7.5;
    // Q = (40 * 9 + 25 * 7 + 23.75 * 8) / 6.5 + 11.25 * 6 / 7.5 = 725 / 6.5 + 9 = 120.538462.
    const quality = ok(result.profiles.won.quality);
    expect(result.profiles.won.n).toBe(1);
    expect(quality.score).toBeCloseTo(120.538462, 5);
  });

  it("gives the lost group's quality profile Q = 122.1772", () => {
    // Hand calculation, lost = r2, r4: aster 7.5, 7.5, 9, 6.5; birch (r2) 6, 7, 7, 6;
    // cedar (r2, r4) 6, 6, 6, 8; reference 6, 6.5, 6.5, 7;
    // Q = 300 / 6 + 187.5 / 6.5 + 213.75 / 6.5 + 73.125 / 7
    //   = 50 + 28.846154 + 32.884615 + 10.446429 = 122.177198.
    const quality = ok(result.profiles.lost.quality);
    expect(result.profiles.lost.n).toBe(2);
    expect(quality.score).toBeCloseTo(122.177198, 5);
  });

  it("gives the lost group's price profile S = 86.3364, RP = 115.826", () => {
    // Hand calculation: aster purchase (5 + 7) / 2 = 6, running (7 + 8) / 2 = 7.5;
    // birch (r2) 7, 7; cedar (r2, r4) 8.5, 7; reference purchase 7.75, running 7;
    // S = 70 * 6 / 7.75 + 30 * 7.5 / 7 = 54.193548 + 32.142857 = 86.336406;
    // RP = 10000 / 86.336406 = 115.825994.
    const price = ok(result.profiles.lost.price);
    expect(price.satisfaction).toBeCloseTo(86.336406, 5);
    expect(price.relativePrice).toBeCloseTo(115.825994, 5);
  });

  it("counts a single won respondent as a win rate of 1 (n = 1)", () => {
    const one: RespondentOutcome = { id: "x", weights: {}, chose: "own", ratings: { own: { a: 5 }, comp: { a: 5 } } };
    const r = ok(wonLost({ respondents: [one], offers: twoOffers, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect(r.winRate).toEqual({ ok: true, rate: 1 });
  });

  it("gives an unavailable lost profile when nobody was lost", () => {
    const one: RespondentOutcome = { id: "x", weights: {}, chose: "own", ratings: { own: { a: 5 }, comp: { a: 5 } } };
    const r = ok(wonLost({ respondents: [one], offers: twoOffers, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect(r.profiles.lost.quality).toEqual({ ok: false, reason: "offer-not-rated" });
  });

  it("does not count a tie between winner and own as a reason", () => {
    const tie: RespondentOutcome = {
      id: "x",
      weights: {},
      chose: "comp",
      considered: ["own", "comp"],
      ratings: { own: { a: 6 }, comp: { a: 6 } },
    };
    const r = ok(wonLost({ respondents: [tie], offers: twoOffers, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect(r.reasons).toEqual([]);
  });

  it("leaves lost respondents who did not rate the winner out of the reasons", () => {
    const missing: RespondentOutcome = {
      id: "x",
      weights: {},
      chose: "comp",
      considered: ["own"],
      ratings: { own: { a: 6 } },
    };
    const r = ok(wonLost({ respondents: [missing], offers: twoOffers, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect([r.lost, r.reasons.length]).toEqual([1, 0]);
  });

  it("returns no-decisions for the win rate when nobody was won or lost", () => {
    const none: RespondentOutcome = { id: "x", weights: {}, ratings: { own: { a: 5 } } };
    const r = ok(wonLost({ respondents: [none], offers: twoOffers, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect(r.winRate).toEqual({ ok: false, reason: "no-decisions" });
  });

  it("returns unknown-offer when the own offer is not in the market", () => {
    expect(wonLost({ respondents: outcomes, offers, attributes, weights, ownId: "nobody" })).toEqual({
      ok: false,
      reason: "unknown-offer",
    });
  });
});

/**
 * Issue 13's case: 12 respondents, 3 bought own, 6 bought a competitor, 3 gave no purchase. The
 * old report said "Win rate 100 % (won 3, lost 0, other 9)" because "lost" also needed the
 * optional "considered" tick. Now the considered set comes with the purchase (the bought offer
 * in it): of the 6 competitor buyers, 4 considered own (lost), 2 did not.
 * Hand count: won 3 (a1-a3); lost 4 (b1, b2 bought comp1; b3, b4 bought comp2, each with own in
 * the set); without considering own 2 (b5 only what was bought, b6 comp1 and comp2); other 3
 * (n1-n3, no purchase; n3 ticked considered offers but bought nothing). 3 + 4 + 2 + 3 = 12.
 * Win rate = 3 / (3 + 4) = 0.428571.
 */
describe("wonLost: every competitor buyer is lost or bought without considering own", () => {
  const offers3: OfferDef[] = [
    { id: "own", own: true },
    { id: "comp1", own: false },
    { id: "comp2", own: false },
  ];
  const rated = { own: { a: 6 }, comp1: { a: 7 }, comp2: { a: 5 } };
  const r = (id: string, chose: string | undefined, considered: string[] | undefined): RespondentOutcome => ({
    id,
    weights: { a: 100 },
    ratings: rated,
    ...(chose !== undefined ? { chose } : {}),
    ...(considered !== undefined ? { considered } : {}),
  });
  const twelve: RespondentOutcome[] = [
    r("a1", "own", ["own"]),
    r("a2", "own", ["own", "comp1"]),
    r("a3", "own", ["own", "comp2"]),
    r("b1", "comp1", ["comp1", "own"]),
    r("b2", "comp1", ["comp1", "own", "comp2"]),
    r("b3", "comp2", ["comp2", "own"]),
    r("b4", "comp2", ["comp2", "own"]),
    r("b5", "comp1", ["comp1"]),
    r("b6", "comp2", ["comp2", "comp1"]),
    r("n1", undefined, undefined),
    r("n2", undefined, []),
    r("n3", undefined, ["own", "comp1"]),
  ];
  const result = ok(wonLost({ respondents: twelve, offers: offers3, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));

  it("counts won 3, lost 4, without considering own 2, unknown 0, other 3 (sum 12)", () => {
    expect([result.won, result.lost, result.boughtCompetitorWithoutConsideringOwn, result.boughtCompetitorConsiderationUnknown, result.other]).toEqual([
      3, 4, 2, 0, 3,
    ]);
  });

  it("gives the win rate 3 / 7 = 0.428571", () => {
    expect(result.winRate.ok && result.winRate.rate).toBeCloseTo(0.428571, 6);
  });

  it("lists the lost by the offer bought: comp1 2, comp2 2 (ties by id)", () => {
    expect(result.lostTo).toEqual([
      { offerId: "comp1", count: 2 },
      { offerId: "comp2", count: 2 },
    ]);
  });

  // Answers from questionnaires where the considered set was optional: a competitor buyer who
  // left it empty cannot be called lost nor "did not consider us".
  it("counts a competitor bought with no considered set as consideration unknown, not lost", () => {
    const old = [r("o1", "comp1", undefined), r("o2", "comp2", []), r("o3", "comp1", ["own"])];
    const counts = ok(wonLost({ respondents: old, offers: offers3, attributes: oneAttribute, weights: { a: 100 }, ownId: "own" }));
    expect([counts.won, counts.lost, counts.boughtCompetitorWithoutConsideringOwn, counts.boughtCompetitorConsiderationUnknown, counts.other]).toEqual([
      0, 1, 0, 2, 0,
    ]);
    expect(counts.winRate).toEqual({ ok: true, rate: 0 });
  });
});
