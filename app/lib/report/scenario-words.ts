import type { AppliedChange, ApplyScenarioResult, Movement, ShareIntervalsResult } from "../../../analysis/index";
import { formatNumber, type Locale, type MessageKey, type Translate } from "~/i18n/index";

/** Names of the offers and attributes, by code. */
export interface ScenarioNames {
  offers: Record<string, string>;
  attributes: Record<string, string>;
}

const signed = (locale: Locale, value: number, decimals = 1) => `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatNumber(locale, Math.abs(value), decimals)}`;

/** Price-like figures get 2 decimals (a price of 518.27), indices and scores 1. */
const DECIMALS: Partial<Record<Movement["code"], number>> = { price: 2, satisfaction: 1 };

/** A change as applied, in words ("aster, Reliability: mean 7.5 → 8.0"; "birch: actual price 499.00 → 474.05 (birch copies aster)"). */
export function changeInWords(change: AppliedChange, names: ScenarioNames, t: Translate, locale: Locale): string {
  const offer = names.offers[change.offer] ?? change.offer;
  const attribute = "attribute" in change ? (names.attributes[change.attribute] ?? change.attribute) : "";
  const copied = change.source === "response" ? ` ${t("scenarios.words.copied", { offer, copies: names.offers[change.copies] ?? change.copies })}` : "";
  if (!change.applied) return `${t(`scenarios.words.skipped.${change.skipped}` as MessageKey, { offer, attribute })}${copied}`;
  const text =
    "priceFactor" in change
      ? t("scenarios.words.price", { offer, from: formatNumber(locale, change.from, 2), to: formatNumber(locale, change.to, 2) })
      : t("scenarios.words.set", { offer, attribute, from: formatNumber(locale, change.from, 2), to: formatNumber(locale, change.to, 2) });
  return `${text}${change.clamped > 0 ? ` ${t("scenarios.words.clamped")}` : ""}${copied}`;
}

/** One movement from the base to the scenario, in words. */
export function movementInWords(m: Movement, names: ScenarioNames, t: Translate, locale: Locale): string {
  if (m.code === "line") {
    return t("scenarios.words.line", { from: formatNumber(locale, m.from.slope, 2), to: formatNumber(locale, m.to.slope, 2) });
  }
  const offer = names.offers[m.offer] ?? m.offer;
  if (m.code === "zone") return t("scenarios.words.zone", { offer, from: t(`report.zone.${m.from}`), to: t(`report.zone.${m.to}`) });
  if (!("change" in m)) return t(`scenarios.words.${m.code}`, { offer });
  const d = DECIMALS[m.code] ?? 1;
  return t("scenarios.words.move", {
    offer,
    figure: t(`scenarios.figure.${m.code}`),
    from: formatNumber(locale, m.from, d),
    to: formatNumber(locale, m.to, d),
    change: signed(locale, m.change, d),
  });
}

/** A share of preference that moves by at least 0.05 points, in words, with its interval. */
export function sharesInWords(shares: ShareIntervalsResult | null, names: ScenarioNames, t: Translate, locale: Locale): string[] {
  if (!shares?.ok) return [];
  return shares.offers
    .filter((o) => Math.abs(o.change.estimate) >= 0.05)
    .map((o) =>
      t("scenarios.words.share", {
        offer: names.offers[o.offer] ?? o.offer,
        from: formatNumber(locale, o.base.estimate, 1),
        to: formatNumber(locale, o.scenario.estimate, 1),
        change: signed(locale, o.change.estimate),
        lower: signed(locale, o.change.lower),
        upper: signed(locale, o.change.upper),
      }),
    );
}

/**
 * What a scenario moves, in words and in the order of the result: the fair-value line, then per
 * offer its figures, zone and frontier, then the shares of preference. On a map from actual
 * prices the relative price is the one from prices and S only its inverse, so those two
 * repeats are left out. Empty when it cannot be computed.
 */
export function scenarioInWords(
  result: ApplyScenarioResult,
  shares: ShareIntervalsResult | null,
  names: ScenarioNames,
  t: Translate,
  locale: Locale,
  basis: "price-profile" | "prices" = "price-profile",
): string[] {
  if (!result.ok) return [];
  const repeats = basis === "prices" ? ["satisfaction", "relative-price-from-prices"] : [];
  return [
    ...result.movements.filter((m) => !repeats.includes(m.code)).map((m) => movementInWords(m, names, t, locale)),
    ...sharesInWords(shares, names, t, locale),
  ];
}
