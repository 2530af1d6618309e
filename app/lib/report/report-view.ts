/**
 * The report's view model and its options: plain, serialisable types (and two constants) that
 * the server builds (report.server.ts, report-options.server.ts) and the browser's components
 * read. Client-safe: nothing here runs on the server only.
 */
import type { FairPriceResult, StudyAnalysisReport, Unavailable, WhatWhoCell, WhatWhoResult } from "../../../analysis/index";
import type { Locale } from "~/i18n/index";
import type { KeyAccountType } from "../../../analysis/index";
import type { CustomerFilter } from "../customers/customer-codes";

export type FairValueLineName = "weights" | "parity" | "regression" | "slope";
export const FAIR_VALUE_LINES: readonly FairValueLineName[] = ["weights", "parity", "regression", "slope"];

/**
 * What the report shows: the fair-value line (and its slope for "slope"), the respondent filter
 * (one segment answer, one wave, flagged responses in or out) and the head-to-head competitor.
 * Every section and every export reads the same options; the query string carries them
 * (shareable URLs, a plain GET form).
 */
export interface ReportOptions {
  line: FairValueLineName;
  /** with line "slope": the given slope (> 0) */
  slope?: number;
  /** keep respondents whose answer to the profile question `question` is `value` */
  segment?: { question: string; value: string };
  /** keep respondents of this wave */
  wave?: number;
  /** "out" (default) leaves flagged responses out unless the researcher included them */
  flagged: "in" | "out";
  /** competitor code of the head-to-head chart; default the first competitor */
  versus?: string;
  /** value map bubbles sized by the offers' market shares (when set) */
  bubbles?: boolean;
  /** keep respondents invited as customers of this RFM segment, pyramid tier, or silent/active */
  customer?: CustomerFilter;
}

/** Query parameters that did not parse and were replaced by the defaults. */
export type IgnoredParam = "line" | "slope" | "segment" | "wave" | "flagged" | "versus" | "bubbles" | "customer";

/** One account of the key-account matrix (method.md §11 (e)). */
export interface ReportKeyAccount {
  id: string;
  /** sum of the account's customers' CLV (basis "clv") or annual revenue (basis "revenue") */
  attractiveness: number;
  /** the account's respondents */
  n: number;
  /** V of the own offer among them; null when it cannot be computed */
  value: number | null;
  /** its 95 % interval (delta method), null when unavailable */
  lower: number | null;
  upper: number | null;
  type: KeyAccountType | null;
}

export interface ReportKeyAccounts {
  basis: "clv" | "revenue";
  valueThreshold: number | null;
  attractivenessThreshold: number | null;
  accounts: ReportKeyAccount[];
}

/** Figures resting on fewer respondents than this are marked. */
export const SMALL_N = 30;

export interface ReportOffer {
  code: string;
  name: string;
  own: boolean;
  /** percent, null when not set */
  marketShare: number | null;
  /** actual price, null when not set */
  price: number | null;
}

export interface ReportAttribute {
  code: string;
  name: string;
  kind: "quality" | "price";
}

export interface SegmentChoice {
  question: string;
  label: string;
  /** each answer with the respondents who gave it (flagged filter applied, no segment or wave filter) */
  values: Array<{ value: string; label: string; n: number }>;
}

export interface WaveChoice {
  wave: number;
  /** YYYY-MM-DD of the wave's first completed response (the day after the previous wave's, if not later) */
  date: string;
  n: number;
}

/** One offer's position in one wave (segment and flagged filters applied). */
export interface TimelinePoint {
  wave: number;
  date: string;
  quality: number;
  relativePrice: number;
  /** V = (q Q + (100 - q) S) / 100 of the offer against the rest of the market; null without q */
  value: number | null;
  n: number;
}

export interface TimelineEvent {
  id: number;
  offer: string;
  date: string;
  wave: number | null;
  label: string;
  position: "before-first" | "between" | "after-last";
  afterWave: number | null;
  beforeWave: number | null;
}

export type ReportTimeline =
  | { ok: true; waves: WaveChoice[]; series: Array<{ offer: string; points: TimelinePoint[] }>; events: TimelineEvent[] }
  | Unavailable;

export interface ReportWhatWho {
  /** the firm's functions in their order, `key` is the id used in `result` */
  functions: Array<{ id: number; key: string; name: string }>;
  /** function key -> attribute code -> cell, as entered */
  cells: Record<string, Record<string, WhatWhoCell>>;
  result: WhatWhoResult | Unavailable;
}

/**
 * Which published rating version's methods the report analyses with (frozen at publication, not
 * the current draft): `version` null before any publication; `mixed` when the responses were
 * collected under versions whose methods differ (the newest of them applies to all).
 */
export interface ReportMethodsSource {
  version: number | null;
  mixed: boolean;
}

export interface ReportMethods {
  /** `kinds`: the kinds asked by MaxDiff (one or both); `stated`: their attributes' mean stated
   * weights (sum 100 within each kind) */
  maxDiff: { kinds: Array<"quality" | "price">; stated: Record<string, number> } | null;
  /** the block's currency, and whether it has a Gabor–Granger ladder */
  price: { currency: string; ladder: boolean } | null;
  /** where these methods come from */
  source: ReportMethodsSource;
}

/**
 * The report's one view model: every section of the page, the shared page and every export read
 * it. Serialisable (plain JSON). Extend it additively.
 */
export interface ReportView {
  study: { id: number; title: string; market: string };
  locale: Locale;
  /** the options in effect (unknown segments, waves or competitors dropped) */
  options: ReportOptions;
  /** `reportQuery(options)` */
  query: string;
  /** query parameters that were not understood and replaced by defaults */
  ignored: IgnoredParam[];
  smallN: number;
  offers: ReportOffer[];
  attributes: ReportAttribute[];
  names: { offers: Record<string, string>; attributes: Record<string, string> };
  /** own offer code, null when the study has none */
  own: string | null;
  counts: {
    /** complete rating-stage responses */
    complete: number;
    /** of those, left out by the flagged filter (flagged and not included, or excluded) */
    leftOut: number;
    /** respondents analysed after every filter */
    analysed: number;
  };
  choices: {
    segments: SegmentChoice[];
    waves: WaveChoice[];
    competitors: string[];
    lines: FairValueLineName[];
  };
  /**
   * `analyzeStudy` over the filtered respondents (intervals: the seeded bootstrap up to
   * `BOOTSTRAP_UP_TO` respondents, the delta method above: `reportIntervalMethod`);
   * `valueMap` is drawn with `options.line`. Null when no respondent is left or there is no own offer.
   */
  analysis: StudyAnalysisReport | null;
  /**
   * The research methods the study asks for beyond the ratings (issue 19): MaxDiff (its figures in
   * `analysis.maxDiff`, beside the kind's weights as stated) and the price research block (its
   * figures in `analysis.priceResearch`). Null when not asked.
   */
  methods: ReportMethods;
  /** the head-to-head competitor in effect (options.versus or the first competitor) */
  versus: string | null;
  /**
   * The own offer's fair price on this map's line (docs/method.md §5 (d)): RP* at its Q, and
   * with actual prices the fair price and the gap. Null without an analysis.
   */
  fairPrice: FairPriceResult | null;
  timeline: ReportTimeline;
  /** the study's key events (all, for the list), labels in the locale */
  events: TimelineEvent[];
  whatWho: ReportWhatWho;
  /** the data version the figures were computed from */
  dataVersion: string;
  /** the study has transactions: the customer filter applies (invited customers' responses) */
  hasCustomers: boolean;
  /** the key-account matrix (accounts of the transactions), null without accounts */
  keyAccounts: ReportKeyAccounts | null;
}

