import type { Study } from "../../../db/queries/studies";
import { customerFilterQuery, parseCustomerFilter } from "../customers/customer-codes";

import { FAIR_VALUE_LINES, type FairValueLineName, type IgnoredParam, type ReportOptions } from "./report-view";

export { FAIR_VALUE_LINES, type FairValueLineName, type IgnoredParam, type ReportOptions };

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_SLOPE = 100;

function slopeOf(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw.trim().replace(",", "."));
  return Number.isFinite(value) && value > 0 && value <= MAX_SLOPE ? value : undefined;
}

/**
 * Reads the report options from a query string (line, slope, segment=question:value, wave,
 * flagged, versus); the defaults come from the study (its fair-value line and slope; flagged
 * "out"). A value that does not parse is left at its default and named in `ignored`. Whether a
 * segment, wave or competitor exists in the study is checked by `loadReport`, which drops
 * unknown ones the same way.
 */
export function parseReportOptionsWithIssues(
  params: URLSearchParams,
  study: Pick<Study, "fairValueLine" | "fairValueSlope">,
): { options: ReportOptions; ignored: IgnoredParam[] } {
  const ignored: IgnoredParam[] = [];
  const studySlope = slopeOf(study.fairValueSlope === null ? null : String(study.fairValueSlope));
  let line: FairValueLineName = study.fairValueLine === "slope" && studySlope === undefined ? "weights" : study.fairValueLine;
  const rawLine = params.get("line");
  if (rawLine !== null && rawLine !== "") {
    if ((FAIR_VALUE_LINES as readonly string[]).includes(rawLine)) line = rawLine as FairValueLineName;
    else ignored.push("line");
  }
  let slope: number | undefined;
  if (line === "slope") {
    const rawSlope = params.get("slope");
    slope = slopeOf(rawSlope) ?? studySlope;
    if (rawSlope !== null && rawSlope !== "" && slopeOf(rawSlope) === undefined) ignored.push("slope");
    if (slope === undefined) {
      // A given-slope line needs a slope: fall back to the weights line.
      line = study.fairValueLine === "slope" ? "weights" : study.fairValueLine;
      if (!ignored.includes("slope")) ignored.push("slope");
    }
  }
  const options: ReportOptions = { line, flagged: "out", ...(slope !== undefined ? { slope } : {}) };

  const rawSegment = params.get("segment");
  if (rawSegment !== null && rawSegment !== "") {
    const at = rawSegment.indexOf(":");
    const question = at > 0 ? rawSegment.slice(0, at) : "";
    const value = at > 0 ? rawSegment.slice(at + 1) : "";
    if (CODE.test(question) && value.length > 0 && value.length <= 200) options.segment = { question, value };
    else ignored.push("segment");
  }
  const rawWave = params.get("wave");
  if (rawWave !== null && rawWave !== "") {
    const wave = /^\d{1,6}$/.test(rawWave) ? Number(rawWave) : NaN;
    if (Number.isInteger(wave) && wave >= 1) options.wave = wave;
    else ignored.push("wave");
  }
  const rawFlagged = params.get("flagged");
  if (rawFlagged !== null && rawFlagged !== "") {
    if (rawFlagged === "in" || rawFlagged === "out") options.flagged = rawFlagged;
    else ignored.push("flagged");
  }
  const rawVersus = params.get("versus");
  if (rawVersus !== null && rawVersus !== "") {
    if (CODE.test(rawVersus)) options.versus = rawVersus;
    else ignored.push("versus");
  }
  const rawBubbles = params.get("bubbles");
  if (rawBubbles !== null && rawBubbles !== "") {
    if (rawBubbles === "1" || rawBubbles === "on") options.bubbles = true;
    else if (rawBubbles !== "0") ignored.push("bubbles");
  }
  const rawCustomer = params.get("customer");
  if (rawCustomer !== null && rawCustomer !== "") {
    const customer = parseCustomerFilter(rawCustomer);
    if (customer) options.customer = customer;
    else ignored.push("customer");
  }
  return { options, ignored };
}

/** The report options of a query string, with the study's defaults for what is missing or bad. */
export function parseReportOptions(params: URLSearchParams, study: Pick<Study, "fairValueLine" | "fairValueSlope">): ReportOptions {
  return parseReportOptionsWithIssues(params, study).options;
}

/** The options as a query string (without "?"), in a stable order; `parseReportOptions` reads it back. */
export function reportQuery(options: ReportOptions): string {
  const params = new URLSearchParams();
  params.set("line", options.line);
  if (options.line === "slope" && options.slope !== undefined) params.set("slope", String(options.slope));
  if (options.segment) params.set("segment", `${options.segment.question}:${options.segment.value}`);
  if (options.wave !== undefined) params.set("wave", String(options.wave));
  params.set("flagged", options.flagged);
  if (options.versus !== undefined) params.set("versus", options.versus);
  if (options.bubbles) params.set("bubbles", "1");
  if (options.customer) params.set("customer", customerFilterQuery(options.customer));
  return params.toString();
}
