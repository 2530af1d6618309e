/**
 * The segment comparison's view model (client-safe): two or more answers of one segment question,
 * each with its own report (its value map drawn on axes shared by all of them) and a table of
 * every offer's Q, RP and V with their 95 % intervals and n.
 */
import type { ReportView } from "./report-view";

/** At most this many segments side by side. */
export const MAX_SEGMENTS = 6;

export interface ComparedInterval {
  lower: number;
  upper: number;
}

export interface SegmentOfferRow {
  offer: string;
  quality: number;
  qualityInterval: ComparedInterval | null;
  relativePrice: number;
  relativePriceInterval: ComparedInterval | null;
  /** V = (q Q + (100 − q) S) / 100 against the rest of the market; null without q */
  value: number | null;
  valueInterval: ComparedInterval | null;
  n: number;
}

export interface ComparedSegment {
  value: string;
  label: string;
  /** respondents analysed in the segment */
  n: number;
  /** the report filtered to this segment (its map is drawn from it) */
  report: ReportView;
  rows: SegmentOfferRow[];
}

export interface SegmentComparisonView {
  /** the whole report (names, options, the segment questions and their answers with n) */
  report: ReportView;
  /** the question compared; null when the study has no segment question */
  question: string | null;
  /** the answers asked for (at least two when `segments` is filled) */
  selected: string[];
  /** "need-two": fewer than two answers with respondents to compare; "no-question": the study has no segment question */
  issue: "need-two" | "no-question" | null;
  segments: ComparedSegment[];
}
