import {
  applyScenario,
  fairPrice,
  valueMap,
  type ApplyScenarioResult,
  type FairPriceResult,
  type GroupedAttributeDef,
  type OfferDef,
  type RespondentOutcome,
  type Scenario,
  type ScenarioBase,
  type ValueMapResult,
} from "../../../analysis/index";
import type { Db } from "../../../db/client";
import { listOffers, type Study } from "../../../db/queries/studies";
import type { Locale } from "~/i18n/index";
import { serverTranslator, translate } from "~/i18n/messages.server";
import { loadWaveShares } from "./market-data.server";
import { filtersInWords } from "./report-filters-words";
import { parseReportOptionsWithIssues, reportQuery, type ReportOptions } from "./report-options.server";
import { lineSpec, loadReport, reportRespondents } from "./report.server";
import { SMALL_N, type ReportView } from "./report-view";
import { listSavedScenarios } from "./scenario-store.server";
import { fitShareModel, sharesWithIntervals, type ShareMarket, type ShareModel } from "./share-of-preference.server";
import { studyValueLeadsShare } from "./value-leads-share.server";
import type { PriceBasis, ShownScenario, ScenarioPage } from "./scenario-view";
export type { PriceBasis, ShownScenario, ScenarioPage };

/** At most this many saved scenarios side by side. */
export const MAX_COMPARED = 3;

/** What the scenario page shows, from its query string: the report's options and its own. */
export interface ScenarioPageOptions {
  report: ReportOptions;
  basis: PriceBasis;
  /** ids of saved scenarios to compare, in the order asked */
  compare: number[];
  /** show "the own price at the fair line" (the fair price one click away) */
  tryFairPrice: boolean;
  /** a saved scenario to load into the editor */
  edit: number | null;
}

/** The page's options from its query string (the report's parameters, basis, compare, try, edit). */
export function parseScenarioPageQuery(params: URLSearchParams, study: Pick<Study, "fairValueLine" | "fairValueSlope">): ScenarioPageOptions {
  const { options } = parseReportOptionsWithIssues(params, study);
  const ids = params
    .getAll("compare")
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);
  const edit = params.get("edit");
  return {
    report: options,
    basis: params.get("basis") === "prices" ? "prices" : "price-profile",
    compare: [...new Set(ids)].slice(0, MAX_COMPARED),
    tryFairPrice: params.get("try") === "fair-price",
    edit: edit !== null && /^\d{1,9}$/.test(edit) ? Number(edit) : null,
  };
}

/** The page's query string (without "?"): the report's options, then basis, compare and try. */
export function scenarioPageQuery(options: Pick<ScenarioPageOptions, "report" | "basis" | "compare" | "tryFairPrice">): string {
  const params = new URLSearchParams(reportQuery(options.report));
  if (options.basis === "prices") params.set("basis", "prices");
  for (const id of options.compare) params.append("compare", String(id));
  if (options.tryFairPrice) params.set("try", "fair-price");
  return params.toString();
}

/** What every scenario of a page is computed from (one reading of the data). */
export interface ScenarioContext {
  report: ReportView;
  basis: PriceBasis;
  base: ScenarioBase | null;
  baseMap: ValueMapResult;
  respondents: RespondentOutcome[];
  market: ShareMarket;
  model: ShareModel;
  /** the cache key of the shares: data version and respondent filter */
  key: string;
}

/**
 * The data behind the scenario page, read once: the report for the same options (its weights,
 * means and q, through the report's cache), the respondents the report analyses, the offers'
 * prices and shares, and β of the share of preference.
 */
export async function scenarioContext(db: Db, study: Study, locale: Locale, options: ScenarioPageOptions): Promise<ScenarioContext> {
  const report = await loadReport(db, study, locale, options.report);
  const offerRows = await listOffers(db, study.id);
  const offers: OfferDef[] = offerRows.map((o) => ({ id: o.code, own: o.isOwn }));
  const attributes: GroupedAttributeDef[] = report.attributes.map((a) => ({ id: a.code, kind: a.kind }));
  const priced = offerRows.map((o) => ({ id: o.code, own: o.isOwn, ...(o.price !== null ? { price: o.price } : {}) }));
  const pricesComplete = offerRows.length > 0 && offerRows.every((o) => o.price !== null && o.price > 0);
  const basis: PriceBasis = options.basis === "prices" && pricesComplete ? "prices" : "price-profile";
  const weights = report.analysis?.weights;
  const base: ScenarioBase | null =
    report.analysis && weights && !("ok" in weights)
      ? {
          offers: priced,
          attributes,
          weights: weights.weights,
          scores: report.analysis.means,
          qualityShare: weights.qualityShare,
          line: lineSpec(report.options),
          ...(basis === "prices" ? { relativePriceFrom: "prices" as const } : {}),
        }
      : null;
  const baseMap: ValueMapResult = base
    ? valueMap(base)
    : { ok: false, reason: weights && "ok" in weights ? weights.reason : report.counts.complete === 0 ? "no-responses" : "empty-segment" };
  const respondents = report.analysis ? await reportRespondents(db, study, report.options) : [];
  const market: ShareMarket = { offers, attributes, marketShares: Object.fromEntries(offerRows.map((o) => [o.code, o.marketShare])) };
  const model: ShareModel =
    respondents.length > 0 ? fitShareModel(respondents, market) : { ok: false, choices: "no-respondents", shares: "no-respondents", missing: [] };
  const o = report.options;
  const key = JSON.stringify([study.id, report.dataVersion, o.segment ?? null, o.wave ?? null, o.flagged]);
  return { report, basis, base, baseMap, respondents, market, model, key };
}

/** One scenario against the context's base: the maps, the movements and the shares. */
export function showScenario(
  context: ScenarioContext,
  scenario: Scenario,
  meta: { key: string; id?: number | null; updatedAt?: number | null; updatedBy?: string | null },
): ShownScenario {
  const result: ApplyScenarioResult = context.base
    ? applyScenario(context.base, scenario)
    : { ok: false, reason: "base-map-unavailable", cause: context.baseMap.ok ? "no-points" : context.baseMap.reason, map: "base" };
  const shares = context.model.ok && result.ok ? sharesWithIntervals(context.respondents, context.market, context.model.spec, scenario, context.key) : null;
  return {
    key: meta.key,
    id: meta.id ?? null,
    name: scenario.name,
    scenario,
    updatedAt: meta.updatedAt ?? null,
    updatedBy: meta.updatedBy ?? null,
    result,
    shares,
  };
}

/** The own offer's price moved to its fair price (a price factor), named in the page's language. */
export function fairPriceScenario(fair: FairPriceResult | null, locale: Locale): Scenario | null {
  if (!fair || !fair.ok || !fair.prices.ok || fair.prices.actual <= 0) return null;
  return {
    name: translate(locale, "scenarios.fairPrice.name"),
    changes: [{ offer: fair.offer, priceFactor: fair.prices.fair / fair.prices.actual }],
  };
}

/**
 * Everything the scenario page shows (the researcher's page and the shared one): the base map,
 * the own fair price, the saved scenarios, the ones compared (and "price at the fair line"
 * when asked) with their shares of preference, the fit of β, value leads share and the entered
 * market data.
 */
export async function loadScenarioPage(db: Db, study: Study, locale: Locale, options: ScenarioPageOptions): Promise<ScenarioPage> {
  const context = await scenarioContext(db, study, locale, options);
  const { report } = context;
  const saved = await listSavedScenarios(db, study.id);
  const fair = context.baseMap.ok && report.own !== null ? fairPrice(context.baseMap, context.base?.offers ?? []) : report.fairPrice;
  const fairScenario = fairPriceScenario(fair, locale);
  const shown: ShownScenario[] = [];
  if (options.tryFairPrice && fairScenario) shown.push(showScenario(context, fairScenario, { key: "fair-price" }));
  const compare = options.compare.filter((id) => saved.some((s) => s.id === id && s.scenario !== null));
  for (const id of compare) {
    const s = saved.find((x) => x.id === id)!;
    shown.push(showScenario(context, s.scenario!, { key: `s${s.id}`, id: s.id, updatedAt: s.updatedAt, updatedBy: s.updatedBy }));
  }
  const waveShares = await loadWaveShares(db, study.id);
  const allWaves = report.analysis ? await reportRespondents(db, study, { ...report.options, wave: undefined }, { allWaves: true }) : [];
  const priceOf = new Map((await listOffers(db, study.id)).map((o) => [o.code, o.price]));
  return {
    study: report.study,
    locale,
    options: report.options,
    basis: context.basis,
    pricesComplete: report.offers.length > 0 && report.offers.every((o) => o.price !== null && o.price > 0),
    query: scenarioPageQuery({ report: report.options, basis: context.basis, compare, tryFairPrice: options.tryFairPrice }),
    filters: filtersInWords(report, serverTranslator(locale)),
    offers: report.offers.map((o) => ({ code: o.code, name: o.name, own: o.own, price: priceOf.get(o.code) ?? null, marketShare: o.marketShare })),
    attributes: report.attributes,
    names: report.names,
    own: report.own,
    smallN: SMALL_N,
    analysed: report.counts.analysed,
    base: context.baseMap,
    fairPrice: fair,
    fairPriceScenario: fairScenario,
    saved,
    compare,
    tryFairPrice: options.tryFairPrice,
    shown,
    shareModel: context.model,
    // The base columns are the same in every scenario's intervals (same respondents, seed and β
    // refits): taken from the first scenario shown, computed alone only when none is.
    baseShares: !context.model.ok
      ? null
      : (shown.find((x) => x.shares?.ok)?.shares ?? sharesWithIntervals(context.respondents, context.market, context.model.spec, undefined, context.key)),
    valueLeads: studyValueLeadsShare(allWaves, context.market.offers, context.market.attributes, lineSpec(report.options), waveShares),
    waveShares,
  };
}
