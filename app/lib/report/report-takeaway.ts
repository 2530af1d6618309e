import type { ReportView } from "./report-view";
import { formatNumber, type Locale, type MessageKey, type Translate } from "~/i18n/index";
import { shownIntervals, type ShownInterval } from "~/components/report/shown-intervals";

/** A figure with its 95 % interval, when one could be computed. */
export interface TakeawayFigure {
  value: number;
  interval?: { lower: number; upper: number } | undefined;
}

/**
 * What the takeaway is written from: the own offer's name, its relative quality and relative
 * price (indices, 100 = market average), its customer value score and its quality attributes'
 * weights and ratios (own mean / competitors' mean), each with its interval when known.
 */
export interface TakeawayInput {
  own: string;
  quality?: TakeawayFigure | undefined;
  relativePrice?: TakeawayFigure | undefined;
  valueScore?: TakeawayFigure | undefined;
  attributes: Array<{ name: string; weight: number; ratio: TakeawayFigure }>;
}

/** Placeholders whose values are figures (the page marks them, the tests compare them with the page). */
export const TAKEAWAY_FIGURES = ["pct", "lower", "upper", "value"] as const;

/** One sentence: a message key and its parameters, already formatted for the locale. */
export interface TakeawaySentence {
  /** which figure it is about: quality, price, value or attribute */
  topic: "quality" | "price" | "value" | "attribute";
  key: MessageKey;
  params: Record<string, string>;
}

const interval = (i: ShownInterval | undefined) => (i?.ok ? { lower: i.lower, upper: i.upper } : undefined);

/** The takeaway's input from the report's view model (the own offer's figures); null without them. */
export function takeawayInputOf(report: ReportView): TakeawayInput | null {
  const a = report.analysis;
  if (!a || !report.own) return null;
  const own = shownIntervals(a)?.own;
  const input: TakeawayInput = { own: report.names.offers[report.own] ?? report.own, attributes: [] };
  if (a.qualityProfile.ok) {
    input.quality = { value: a.qualityProfile.score, interval: interval(own?.quality) };
    input.attributes = a.qualityProfile.attributes.map((r) => ({
      name: report.names.attributes[r.id] ?? r.id,
      weight: r.weight,
      ratio: { value: r.ratio, interval: interval(own?.ratios[r.id]) },
    }));
  }
  if (a.priceProfile.ok) input.relativePrice = { value: a.priceProfile.relativePrice, interval: interval(own?.relativePrice) };
  if (a.valueScore.ok) input.valueScore = { value: a.valueScore.value, interval: interval(own?.value) };
  return input.quality || input.relativePrice ? input : null;
}

/** A difference in percent, whole unless it would round to 0 (then one decimal). */
function percent(locale: Locale, value: number, signed = false): string {
  const digits = Math.abs(value) < 0.5 && value !== 0 ? 1 : 0;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...(signed ? { signDisplay: "exceptZero" as const } : {}),
  }).format(value);
}

/**
 * The interval clause of a figure given as a percent difference from its reference (100 for an
 * index, 1 for a ratio): "(95% interval +12% to +22%)", with "not significant" when it
 * includes no difference; empty without an interval.
 */
function intervalClause(locale: Locale, t: Translate, figure: TakeawayFigure, toPercent: (v: number) => number): Record<string, string> {
  if (!figure.interval) return { interval: "" };
  const lower = toPercent(figure.interval.lower);
  const upper = toPercent(figure.interval.upper);
  const key: MessageKey = lower <= 0 && upper >= 0 ? "report.takeaway.intervalNotSignificant" : "report.takeaway.interval";
  return { interval: t(key, { lower: percent(locale, lower, true), upper: percent(locale, upper, true) }) };
}

/**
 * The report's takeaway in two to four sentences, from the own offer's figures and their
 * intervals only: its relative quality and relative price as percent above or below the market
 * average, its customer value score (better, worse or not significantly different from parity)
 * and the quality attribute where its weighted lead or gap (weight x (ratio - 1)) is largest.
 * An interval that includes "no difference" is called not significant.
 */
export function reportTakeaway(input: TakeawayInput, locale: Locale, t: Translate): TakeawaySentence[] {
  const sentences: TakeawaySentence[] = [];
  const index = (v: number) => v - 100;
  if (input.quality) {
    const pct = index(input.quality.value);
    sentences.push({
      topic: "quality",
      key: pct >= 0 ? "report.takeaway.qualityAbove" : "report.takeaway.qualityBelow",
      params: { own: input.own, pct: percent(locale, Math.abs(pct)), ...intervalClause(locale, t, input.quality, index) },
    });
  }
  if (input.relativePrice) {
    const pct = index(input.relativePrice.value);
    sentences.push({
      topic: "price",
      key: pct >= 0 ? "report.takeaway.priceAbove" : "report.takeaway.priceBelow",
      params: { pct: percent(locale, Math.abs(pct)), ...intervalClause(locale, t, input.relativePrice, index) },
    });
  }
  if (input.valueScore) {
    const v = input.valueScore;
    const i = v.interval;
    const key: MessageKey =
      i && i.lower <= 100 && i.upper >= 100
        ? "report.takeaway.valueParity"
        : v.value >= 100
          ? "report.takeaway.valueBetter"
          : "report.takeaway.valueWorse";
    sentences.push({
      topic: "value",
      key,
      params: {
        value: formatNumber(locale, v.value, 1),
        interval: i ? t("report.takeaway.valueInterval", { lower: formatNumber(locale, i.lower, 1), upper: formatNumber(locale, i.upper, 1) }) : "",
      },
    });
  }
  // The attribute whose weighted difference w (r - 1) is largest either way.
  const widest = [...input.attributes].sort((a, b) => Math.abs(b.weight * (b.ratio.value - 1)) - Math.abs(a.weight * (a.ratio.value - 1)))[0];
  if (widest && widest.ratio.value !== 1) {
    const ratioPct = (r: number) => (r - 1) * 100;
    const pct = ratioPct(widest.ratio.value);
    sentences.push({
      topic: "attribute",
      key: pct > 0 ? "report.takeaway.leadWidest" : "report.takeaway.gapWidest",
      params: { attribute: widest.name, pct: percent(locale, Math.abs(pct)), ...intervalClause(locale, t, widest.ratio, ratioPct) },
    });
  }
  return sentences;
}

/** One sentence as plain text in the locale. */
export const takeawayText = (t: Translate, sentence: TakeawaySentence) => t(sentence.key, sentence.params);
