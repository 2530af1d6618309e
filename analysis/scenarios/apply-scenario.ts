import type { UnavailableReason } from "../unavailable-reasons";
import { customerValueScore } from "../customer-value-score";
import { relativePriceFromPrices } from "../relative-price-from-prices";
import type { MeanScores, ValueMapPoint } from "../types";
import { valueMap } from "../value-map";
import { ratingBounds } from "./rating-bounds";
import { resolveScenario } from "./resolve-scenario";
import type {
  AppliedChange,
  ApplyScenarioResult,
  Movement,
  MovementFigure,
  OfferFigures,
  OffMap,
  PricedOffer,
  ResolvedChange,
  Scenario,
  ScenarioBase,
  ScenarioOfferComparison,
} from "./types";

/** The scenario's mean scores and prices, and what each change did. */
function applyChanges(
  base: ScenarioBase,
  changes: ResolvedChange[],
): { scores: MeanScores; offers: PricedOffer[]; applied: AppliedChange[] } {
  const means: MeanScores["means"] = Object.fromEntries(
    Object.entries(base.scores.means).map(([offer, byAttribute]) => [offer, { ...byAttribute }]),
  );
  const offers = base.offers.map((o) => ({ ...o }));
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    if ("priceFactor" in change) {
      const offer = offers.find((o) => o.id === change.offer);
      const price = offer?.price;
      if (offer === undefined || price === undefined || !Number.isFinite(price) || price < 0) {
        applied.push({ ...change, applied: false, skipped: "no-price" });
        continue;
      }
      offer.price = price * change.priceFactor;
      applied.push({ ...change, applied: true, from: price, to: offer.price, clamped: 0 });
      continue;
    }
    const byAttribute = means[change.offer] ?? {};
    means[change.offer] = byAttribute;
    const from = byAttribute[change.attribute];
    if (from === undefined || from === null || !Number.isFinite(from)) {
      applied.push({ ...change, applied: false, skipped: "not-rated" });
      continue;
    }
    const [low, high] = ratingBounds(base.attributes.find((a) => a.id === change.attribute));
    const wanted = "delta" in change ? from + change.delta : change.value;
    const to = Math.min(high, Math.max(low, wanted));
    byAttribute[change.attribute] = to;
    applied.push({ ...change, applied: true, from, to, clamped: to === wanted ? 0 : 1 });
  }
  return { scores: { means, n: base.scores.n, nOffer: base.scores.nOffer }, offers, applied };
}

/** An offer's figures on one map. */
function figures(
  offers: PricedOffer[],
  offerId: string,
  point: ValueMapPoint | undefined,
  offMap: UnavailableReason,
  qualityShare: number | null,
): ScenarioOfferComparison["base"] {
  const price = offers.find((o) => o.id === offerId)?.price;
  const priced = {
    price: price !== undefined && Number.isFinite(price) ? price : null,
    relativePriceFromPrices: relativePriceFromPrices(offers, offerId),
  };
  if (point === undefined) return { ok: false, reason: offMap, ...priced } satisfies OffMap;
  const values: OfferFigures = {
    quality: point.quality,
    satisfaction: point.satisfaction,
    relativePrice: point.relativePrice,
    fairRelativePrice: point.fairRelativePrice,
    verticalValue: point.value,
    perpendicular: point.perpendicular,
    zone: point.zone,
    frontier: point.frontier,
    customerValue:
      qualityShare === null
        ? { ok: false, reason: "no-quality-share" }
        : customerValueScore(point.quality, point.satisfaction, qualityShare),
    ...priced,
  };
  return { ok: true, ...values };
}

function moved(from: number, to: number): boolean {
  return Math.abs(to - from) > 1e-9 * Math.max(1, Math.abs(from));
}

/** The movements of one offer, in a fixed order of figures. */
function offerMovements(row: ScenarioOfferComparison): Movement[] {
  const { offer, base, scenario } = row;
  const out: Movement[] = [];
  const number = (code: MovementFigure, from: number | null, to: number | null) => {
    if (from !== null && to !== null && moved(from, to)) out.push({ offer, code, from, to, change: to - from });
  };
  if (base.ok && !scenario.ok) out.push({ offer, code: "left-map", reason: scenario.reason });
  if (!base.ok && scenario.ok) out.push({ offer, code: "joined-map" });
  if (base.ok && scenario.ok) {
    number("quality", base.quality, scenario.quality);
    number("satisfaction", base.satisfaction, scenario.satisfaction);
    number("relative-price", base.relativePrice, scenario.relativePrice);
    number(
      "customer-value",
      base.customerValue.ok ? base.customerValue.value : null,
      scenario.customerValue.ok ? scenario.customerValue.value : null,
    );
    number("vertical-value", base.verticalValue, scenario.verticalValue);
    if (base.zone !== scenario.zone) out.push({ offer, code: "zone", from: base.zone, to: scenario.zone });
    if (!base.frontier && scenario.frontier) out.push({ offer, code: "joined-frontier" });
    if (base.frontier && !scenario.frontier) out.push({ offer, code: "left-frontier" });
  }
  number("price", base.price, scenario.price);
  number(
    "relative-price-from-prices",
    base.relativePriceFromPrices.ok ? base.relativePriceFromPrices.relativePrice : null,
    scenario.relativePriceFromPrices.ok ? scenario.relativePriceFromPrices.relativePrice : null,
  );
  return out;
}

/**
 * What-if scenario on the value map (docs/method.md §9 (a)).
 *
 * The scenario's changes (`resolveScenario`: its own, then the competitor responses) act in
 * order on the base's mean scores and actual prices: `delta` adds rating points to
 * `m_{j,i}`, `value` sets it, each clamped to 1..10 (objective lowerIsBetter data: to >= 0);
 * `priceFactor` multiplies the offer's price. A change where the offer has no mean (nobody
 * rated it) or no price does nothing and is reported as skipped. n is unchanged.
 *
 * Both maps are drawn by `valueMap` from the same input, every option of the base kept
 * (weights, q, line, band, shares, reference): only `scores` and the offers' prices differ.
 * The fair-value line is therefore the same kind; weights and parity lines do not move, a
 * regression or slope-through-the-means line is refitted to the scenario's points (reported
 * as a "line" movement). Per offer, base and scenario side by side: Q, S, RP, RP_fair,
 * vertical value v, zone, frontier, V (`customerValueScore` with the base q), the actual
 * price and the RP from actual prices (`relativePriceFromPrices`, against the rest of the
 * market); then the movements (codes and numbers).
 *
 * Invalid: the reasons of `resolveScenario`; "base-map-unavailable" when `valueMap` cannot
 * draw the base (or, which only a change could cause, the scenario) map.
 */
export function applyScenario(base: ScenarioBase, scenario: Scenario): ApplyScenarioResult {
  const resolved = resolveScenario(scenario, base.offers, base.attributes);
  if (!resolved.ok) return resolved;
  const baseMap = valueMap(base);
  if (!baseMap.ok) return { ok: false, reason: "base-map-unavailable", cause: baseMap.reason, map: "base" };

  const { scores, offers, applied } = applyChanges(base, resolved.changes);
  const scenarioMap = valueMap({ ...base, offers, scores });
  if (!scenarioMap.ok) {
    return { ok: false, reason: "base-map-unavailable", cause: scenarioMap.reason, map: "scenario" };
  }

  const q = base.qualityShare;
  const comparison: ScenarioOfferComparison[] = base.offers.map((offer) => {
    const reasonOff = (map: typeof baseMap) => map.unavailable.find((u) => u.offerId === offer.id)?.reason ?? "no-points";
    return {
      offer: offer.id,
      own: offer.own,
      base: figures(base.offers, offer.id, baseMap.points.find((p) => p.offerId === offer.id), reasonOff(baseMap), q),
      scenario: figures(offers, offer.id, scenarioMap.points.find((p) => p.offerId === offer.id), reasonOff(scenarioMap), q),
    };
  });

  const movements: Movement[] = [];
  const from = { slope: baseMap.line.slope, intercept: baseMap.line.intercept };
  const to = { slope: scenarioMap.line.slope, intercept: scenarioMap.line.intercept };
  if (moved(from.slope, to.slope) || moved(from.intercept, to.intercept)) {
    movements.push({ offer: null, code: "line", from, to });
  }
  for (const row of comparison) movements.push(...offerMovements(row));

  return {
    ok: true,
    name: scenario.name,
    changes: applied,
    scores,
    offers,
    line: { base: baseMap.line, scenario: scenarioMap.line },
    comparison,
    movements,
    points: { base: baseMap.points, scenario: scenarioMap.points },
  };
}
