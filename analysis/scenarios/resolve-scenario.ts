import type { AttributeDef, OfferDef } from "../types";
import type { ResolvedChange, ResolvedScenario, Scenario } from "./types";

/**
 * Checks a scenario against the market and lists every change it makes, in the order they
 * apply (docs/method.md §9 (a)): first the scenario's `changes` in their
 * order, then for each response in `respond` (in order) a copy of every change the scenario
 * makes to `copies`, made to `competitor`:
 * - `{ delta }`: the same delta on the same attribute;
 * - `{ value }`: the same value on the same attribute;
 * - `{ priceFactor }`: the same factor on the competitor's price.
 * Only the scenario's own changes are copied, never another response (no chains).
 *
 * Invalid (with `at`, the list and index of the culprit): "unknown-offer",
 * "unknown-attribute", "not-finite" (delta or value), "invalid-price-factor" (not a finite
 * number > 0), "same-offer" (a competitor copying itself).
 */
export function resolveScenario(scenario: Scenario, offers: OfferDef[], attributes: AttributeDef[]): ResolvedScenario {
  const offerIds = new Set(offers.map((o) => o.id));
  const attributeIds = new Set(attributes.map((a) => a.id));
  const own: ResolvedChange[] = [];
  for (const [index, change] of scenario.changes.entries()) {
    const at = { list: "changes" as const, index };
    if (!offerIds.has(change.offer)) return { ok: false, reason: "unknown-offer", at };
    if ("priceFactor" in change) {
      if (!Number.isFinite(change.priceFactor) || change.priceFactor <= 0) {
        return { ok: false, reason: "invalid-price-factor", at };
      }
    } else {
      if (!attributeIds.has(change.attribute)) return { ok: false, reason: "unknown-attribute", at };
      const amount = "delta" in change ? change.delta : change.value;
      if (!Number.isFinite(amount)) return { ok: false, reason: "not-finite", at };
    }
    own.push({ ...change, source: "change" });
  }

  const copied: ResolvedChange[] = [];
  for (const [index, response] of (scenario.respond ?? []).entries()) {
    const at = { list: "respond" as const, index };
    if (!offerIds.has(response.competitor) || !offerIds.has(response.copies)) {
      return { ok: false, reason: "unknown-offer", at };
    }
    if (response.competitor === response.copies) return { ok: false, reason: "same-offer", at };
    for (const change of own) {
      if (change.offer !== response.copies) continue;
      const { source: _source, ...made } = change;
      copied.push({ ...made, offer: response.competitor, source: "response", copies: response.copies });
    }
  }
  return { ok: true, changes: [...own, ...copied] };
}
