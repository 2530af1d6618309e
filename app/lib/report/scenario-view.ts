/**
 * The scenario page's view model: plain, serialisable types the server builds
 * (scenario-page.server.ts and its helpers) and the browser's components read. Client-safe.
 */
import type {
  ApplyScenarioResult,
  BetaFitSpec,
  FairPriceResult,
  LogitFit,
  Scenario,
  ShareFit,
  ShareIntervalsResult,
  ValueLeadsShareResult,
  ValueMapResult,
} from "../../../analysis/index";
import type { Locale } from "~/i18n/index";
import type { ReportOptions, ReportView } from "./report-view";

/** The map's vertical axis on the scenario page: price satisfaction (as the report) or actual prices. */
export type PriceBasis = "price-profile" | "prices";

/** One scenario on the page: what it changes, its maps side by side with the base, its shares. */
export interface ShownScenario {
  /** "s<id>" for a saved scenario, "fair-price", or "draft" (an editor's preview) */
  key: string;
  id: number | null;
  name: string;
  scenario: Scenario;
  updatedAt: number | null;
  updatedBy: string | null;
  result: ApplyScenarioResult;
  /** base and scenario shares of preference with intervals; null when no β could be fitted */
  shares: ShareIntervalsResult | null;
}

export interface ScenarioPage {
  study: { id: number; title: string };
  locale: Locale;
  options: ReportOptions;
  basis: PriceBasis;
  /** every offer has a price above 0 (the map from actual prices can be drawn) */
  pricesComplete: boolean;
  /** the page's query string (report options, basis, compare, try) */
  query: string;
  /** the report's filters in words (print headers, exports) */
  filters: string;
  offers: Array<{ code: string; name: string; own: boolean; price: number | null; marketShare: number | null }>;
  attributes: Array<{ code: string; name: string; kind: "quality" | "price" }>;
  names: ReportView["names"];
  own: string | null;
  smallN: number;
  /** respondents behind the figures (the report's filters) */
  analysed: number;
  /** the base map (the report's weights, means and q; the page's line and price basis) */
  base: ValueMapResult;
  fairPrice: FairPriceResult | null;
  /** the own price moved to its fair price (null without the fair price in money) */
  fairPriceScenario: Scenario | null;
  saved: SavedScenario[];
  compare: number[];
  tryFairPrice: boolean;
  shown: ShownScenario[];
  shareModel: ShareModel;
  /** the base shares of preference with intervals (no scenario) */
  baseShares: ShareIntervalsResult | null;
  valueLeads: ValueLeadsShareView;
  waveShares: WaveSharesTable;
}

/** A saved scenario as the pages show it; `scenario` is null when its stored JSON cannot be read. */
export interface SavedScenario {
  id: number;
  name: string;
  scenario: Scenario | null;
  updatedAt: number;
  updatedBy: string | null;
}

/** One (offer, wave) pair of the chart: value advantage on wave t, share change to the next wave. */
export interface ValueLeadsPoint {
  offer: string;
  wave: number;
  next: number;
  value: number;
  change: number;
}

export interface ValueLeadsShareView {
  /** the waves in the analysis (with respondents or entered shares), ascending */
  waves: number[];
  /** waves with respondents, and waves with every offer's share entered */
  surveyed: number[];
  withShares: number[];
  points: ValueLeadsPoint[];
  result: ValueLeadsShareResult;
}

/** Market shares per wave as entered: wave -> offer code -> percent, waves ascending. */
export interface WaveSharesTable {
  waves: number[];
  shares: Record<string, Record<string, number>>;
}

/** Predicted against entered shares, per offer (percent; entered normalised to 100 over the offers). */
export interface SharePrediction {
  offer: string;
  entered: number;
  predicted: number;
}

/**
 * How β of the share of preference was fitted (docs/method.md §9 (c)): by maximum likelihood on
 * the respondents' last purchase, or, without purchases, to the entered market shares; with the
 * predicted against the entered shares whenever every offer has one. Not available: why neither
 * fit could be made (`choices`: the maximum-likelihood reason; `shares`: the share fit's, with
 * the offers that lack a share).
 */
export type ShareModel =
  | { ok: true; fit: Extract<LogitFit, { ok: true }> | Extract<ShareFit, { ok: true }>; spec: BetaFitSpec; predictions: SharePrediction[] | null }
  | { ok: false; choices: string; shares: string; missing: string[] };
