import { describe, it, expect } from "vitest";
import { applyScenario, meanScores } from "../../../analysis";
import type { Movement, ScenarioBase, ScenarioOfferComparison } from "../../../analysis";
import { attributes, offers, respondents } from "../fixtures/worked-example";
import { qualityShare, weights } from "../fixtures/worked-example-weights";
import { ok } from "../helpers";

/**
 * The worked example of method.md. Means (n): aster 8.25 7 8.5 6 / 6 8; birch 7 8 6.3333 7 /
 * 6.6667 6; cedar 6 5.6667 6.3333 8 / 8.3333 7. Weights 40 25 23.75 11.25 / 70 30, q = 60,
 * weights line slope 1.5. Map: aster (117.254, 107.6159), birch (102.4081, 112.2129), cedar
 * (84.4914, 81.8966); v = +18.2651, -8.6008, -5.1595.
 * Actual prices added for the price tests: aster 120, birch 100, cedar 80.
 */
const scores = meanScores(respondents, offers, attributes);
const base: ScenarioBase = {
  offers: offers.map((o) => ({ ...o, price: { aster: 120, birch: 100, cedar: 80 }[o.id] as number })),
  attributes,
  weights,
  scores,
  qualityShare,
};

function row(rows: ScenarioOfferComparison[], offer: string) {
  const found = rows.find((r) => r.offer === offer);
  if (found === undefined || !found.base.ok || !found.scenario.ok) throw new Error(`no figures for ${offer}`);
  return { base: found.base, scenario: found.scenario };
}

function movement(movements: Movement[], offer: string, code: string) {
  return movements.find((m) => m.offer === offer && m.code === code);
}

describe("applyScenario: one change on one attribute (aster reliability +0.5)", () => {
  const result = ok(applyScenario(base, { name: "reliability", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }] }));
  const rows = result.comparison;

  it("moves aster's Q by w_i Δ / m_ref,i = 40 * 0.5 / 6.5 = 3.0769 (reference birch and cedar: (7 + 6) / 2 = 6.5)", () => {
    const aster = row(rows, "aster");
    expect(aster.scenario.quality - aster.base.quality).toBeCloseTo(3.0769231, 6);
    // 117.2540 (method.md 117.254) + 3.0769 = 120.3309
    expect(aster.scenario.quality).toBeCloseTo(120.3309, 4);
  });

  it("moves birch's Q as its reference moves: 40 * 7 / 7.375 - 40 * 7 / 7.125 = -1.3321", () => {
    // birch's reference reliability (aster 8.25 -> 8.75, cedar 6) / 2: 7.125 -> 7.375.
    const birch = row(rows, "birch");
    expect(birch.scenario.quality - birch.base.quality).toBeCloseTo(-1.3321439, 6);
    expect(birch.scenario.quality).toBeCloseTo(102.4081 - 1.3321, 3);
  });

  it("moves cedar's Q as its reference moves: 40 * 6 / 7.875 - 40 * 6 / 7.625 = -0.9992", () => {
    // cedar's reference reliability (aster 8.25 -> 8.75, birch 7) / 2: 7.625 -> 7.875.
    const cedar = row(rows, "cedar");
    expect(cedar.scenario.quality - cedar.base.quality).toBeCloseTo(-0.9992194, 6);
  });

  it("leaves every RP in place (no price attribute or price changed)", () => {
    for (const offer of ["aster", "birch", "cedar"]) {
      const r = row(rows, offer);
      expect(r.scenario.relativePrice).toBeCloseTo(r.base.relativePrice, 10);
    }
    expect(row(rows, "aster").scenario.relativePrice).toBeCloseTo(107.6159, 4);
  });

  it("moves the vertical values by 1.5 ΔQ on the unmoved weights line: 22.8805, -10.5990, -6.6584", () => {
    // 18.2651 + 1.5 * 3.0769; -8.6008 + 1.5 * -1.3321; -5.1595 + 1.5 * -0.9992
    expect(row(rows, "aster").scenario.verticalValue).toBeCloseTo(22.8805, 3);
    expect(row(rows, "birch").scenario.verticalValue).toBeCloseTo(-10.5990, 3);
    expect(row(rows, "cedar").scenario.verticalValue).toBeCloseTo(-6.6584, 3);
    expect(result.line.scenario.slope).toBe(result.line.base.slope);
    expect(result.line.scenario.intercept).toBe(result.line.base.intercept);
  });

  it("moves aster's V by q ΔQ / 100 = 0.6 * 3.0769: 107.5216 -> 109.3678", () => {
    const aster = row(rows, "aster");
    expect(ok(aster.base.customerValue).value).toBeCloseTo(107.5216, 4);
    expect(ok(aster.scenario.customerValue).value).toBeCloseTo(109.3678, 4);
  });

  it("reports the change as applied from 8.25 to 8.75, unclamped", () => {
    expect(result.changes).toEqual([
      { offer: "aster", attribute: "reliability", delta: 0.5, source: "change", applied: true, from: 8.25, to: 8.75, clamped: 0 },
    ]);
    expect(result.scores.means.aster?.reliability).toBe(8.75);
    expect(scores.means.aster?.reliability).toBe(8.25);
  });

  it("lists the movements as codes and numbers, and no zone, frontier, line or price movement", () => {
    const codes = result.movements.map((m) => `${m.offer}:${m.code}`);
    expect(codes).toEqual([
      "aster:quality",
      "aster:customer-value",
      "aster:vertical-value",
      "birch:quality",
      "birch:customer-value",
      "birch:vertical-value",
      "cedar:quality",
      "cedar:customer-value",
      "cedar:vertical-value",
    ]);
    const quality = movement(result.movements, "aster", "quality");
    expect(quality).toMatchObject({ from: expect.closeTo(117.25399, 4), to: expect.closeTo(120.33091, 4) });
    expect(quality && "change" in quality ? quality.change : null).toBeCloseTo(3.0769231, 6);
  });
});

describe("applyScenario: a price factor (actual prices aster 120, birch 100, cedar 80)", () => {
  const result = ok(applyScenario(base, { name: "price up", changes: [{ offer: "aster", priceFactor: 1.1 }] }));
  const rows = result.comparison;

  it("moves aster's RP from prices proportionally: 100 * 120 / 90 = 133.3333 -> 100 * 132 / 90 = 146.6667 (x 1.1)", () => {
    const aster = row(rows, "aster");
    expect(ok(aster.base.relativePriceFromPrices).relativePrice).toBeCloseTo(133.3333, 4);
    expect(ok(aster.scenario.relativePriceFromPrices).relativePrice).toBeCloseTo(146.6667, 4);
    expect(aster.scenario.price).toBeCloseTo(132, 10);
  });

  it("moves the competitors' RP as their reference price moves: birch 100 -> 100 * 100 / 106, cedar 100 * 80 / 110 -> 100 * 80 / 116", () => {
    // birch's reference (132 + 80) / 2 = 106; cedar's (132 + 100) / 2 = 116.
    expect(ok(row(rows, "birch").scenario.relativePriceFromPrices).relativePrice).toBeCloseTo(94.3396, 4);
    expect(ok(row(rows, "cedar").base.relativePriceFromPrices).relativePrice).toBeCloseTo(72.7273, 4);
    expect(ok(row(rows, "cedar").scenario.relativePriceFromPrices).relativePrice).toBeCloseTo(68.9655, 4);
  });

  it("leaves the perceived map (Q, S) in place and reports only the price movements", () => {
    expect(result.movements.map((m) => `${m.offer}:${m.code}`)).toEqual([
      "aster:price",
      "aster:relative-price-from-prices",
      "birch:relative-price-from-prices",
      "cedar:relative-price-from-prices",
    ]);
    expect(result.changes[0]).toMatchObject({ applied: true, from: 120, to: expect.closeTo(132, 10) });
  });

  it("skips a price factor on an offer without a price", () => {
    const unpriced = { ...base, offers: base.offers.map((o) => (o.id === "birch" ? { id: o.id, own: o.own } : o)) };
    const skipped = ok(applyScenario(unpriced, { name: "s", changes: [{ offer: "birch", priceFactor: 0.9 }] }));
    expect(skipped.changes[0]).toMatchObject({ applied: false, skipped: "no-price" });
    expect(skipped.movements).toEqual([]);
  });
});

describe("applyScenario: a competitor copies the change", () => {
  const result = ok(
    applyScenario(base, {
      name: "copied",
      changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }],
      respond: [{ competitor: "birch", copies: "aster" }],
    }),
  );
  const rows = result.comparison;

  it("applies the same delta to birch after aster's change: birch reliability 7 -> 7.5", () => {
    expect(result.changes).toEqual([
      { offer: "aster", attribute: "reliability", delta: 0.5, source: "change", applied: true, from: 8.25, to: 8.75, clamped: 0 },
      { offer: "birch", attribute: "reliability", delta: 0.5, source: "response", copies: "aster", applied: true, from: 7, to: 7.5, clamped: 0 },
    ]);
  });

  it("gives aster 40 * 8.75 / 6.75 - 40 * 8.25 / 6.5 = +1.0826 (reference (7.5 + 6) / 2 = 6.75)", () => {
    const aster = row(rows, "aster");
    expect(aster.scenario.quality - aster.base.quality).toBeCloseTo(1.0826211, 6);
  });

  it("gives birch 40 * 7.5 / 7.375 - 40 * 7 / 7.125 = +1.3797 and cedar 40 * 6 / 8.125 - 40 * 6 / 7.625 = -1.9369", () => {
    expect(row(rows, "birch").scenario.quality - row(rows, "birch").base.quality).toBeCloseTo(1.3797205, 6);
    expect(row(rows, "cedar").scenario.quality - row(rows, "cedar").base.quality).toBeCloseTo(-1.9369483, 6);
  });

  it("copies a value as the value and a price factor as the factor", () => {
    const copied = ok(
      applyScenario(base, {
        name: "copy all",
        changes: [
          { offer: "aster", attribute: "comfort", value: 9 },
          { offer: "aster", priceFactor: 0.9 },
          { offer: "cedar", attribute: "comfort", delta: 1 },
        ],
        respond: [{ competitor: "birch", copies: "aster" }],
      }),
    );
    // birch comfort 8 -> 9 (the value, not aster's +2); birch price 100 -> 90; cedar's change is not copied.
    expect(copied.changes.slice(3)).toEqual([
      { offer: "birch", attribute: "comfort", value: 9, source: "response", copies: "aster", applied: true, from: 8, to: 9, clamped: 0 },
      { offer: "birch", priceFactor: 0.9, source: "response", copies: "aster", applied: true, from: 100, to: 90, clamped: 0 },
    ]);
    expect(copied.offers.find((o) => o.id === "birch")?.price).toBeCloseTo(90, 10);
    expect(copied.scores.means.birch?.comfort).toBe(9);
  });
});

describe("applyScenario: clamping, skipping and bad scenarios", () => {
  it("clamps a mean to 10 (aster reliability 8.25 + 3 -> 10) and to 1 (cedar comfort value -2 -> 1)", () => {
    const result = ok(
      applyScenario(base, {
        name: "clamp",
        changes: [
          { offer: "aster", attribute: "reliability", delta: 3 },
          { offer: "cedar", attribute: "comfort", value: -2 },
        ],
      }),
    );
    expect(result.changes.map((c) => (c.applied ? [c.from, c.to, c.clamped] : null))).toEqual([
      [8.25, 10, 1],
      [17 / 3, 1, 1],
    ]);
  });

  it("applies two changes on one cell in order: +1 then value 5 gives 5", () => {
    const result = ok(
      applyScenario(base, {
        name: "two",
        changes: [
          { offer: "aster", attribute: "styling", delta: 1 },
          { offer: "aster", attribute: "styling", value: 5 },
        ],
      }),
    );
    expect(result.scores.means.aster?.styling).toBe(5);
  });

  it("skips a change on an attribute nobody rated for the offer", () => {
    const unrated = {
      ...base,
      scores: { ...scores, means: { ...scores.means, cedar: { ...scores.means.cedar, styling: null } } },
    };
    const result = applyScenario(unrated, { name: "s", changes: [{ offer: "cedar", attribute: "styling", delta: 1 }] });
    // cedar is off both maps (offer-not-rated), the change skipped.
    const done = ok(result);
    expect(done.changes[0]).toMatchObject({ applied: false, skipped: "not-rated" });
    expect(done.comparison.find((r) => r.offer === "cedar")?.scenario).toMatchObject({ ok: false, reason: "offer-not-rated" });
  });

  it("rejects unknown ids, non-finite amounts, bad price factors and self-copies with where they are", () => {
    const bad = (scenario: Parameters<typeof applyScenario>[1]) => applyScenario(base, scenario);
    expect(bad({ name: "s", changes: [{ offer: "elm", attribute: "comfort", delta: 1 }] })).toEqual({
      ok: false,
      reason: "unknown-offer",
      at: { list: "changes", index: 0 },
    });
    expect(bad({ name: "s", changes: [{ offer: "aster", attribute: "comfrot", delta: 1 }] })).toMatchObject({
      reason: "unknown-attribute",
    });
    expect(bad({ name: "s", changes: [{ offer: "aster", attribute: "comfort", delta: Number.NaN }] })).toMatchObject({
      reason: "not-finite",
    });
    expect(bad({ name: "s", changes: [{ offer: "aster", priceFactor: 0 }] })).toMatchObject({ reason: "invalid-price-factor" });
    expect(bad({ name: "s", changes: [], respond: [{ competitor: "birch", copies: "birch" }] })).toEqual({
      ok: false,
      reason: "same-offer",
      at: { list: "respond", index: 0 },
    });
  });

  it("says when the base map cannot be drawn", () => {
    expect(applyScenario({ ...base, qualityShare: null }, { name: "s", changes: [] })).toEqual({
      ok: false,
      reason: "base-map-unavailable",
      cause: "no-quality-share",
      map: "base",
    });
  });

  it("refits a regression line to the scenario's points and reports the line movement", () => {
    const result = ok(
      applyScenario(
        { ...base, line: { type: "regression" } },
        { name: "s", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }] },
      ),
    );
    expect(result.movements[0]).toMatchObject({ offer: null, code: "line" });
  });
});
