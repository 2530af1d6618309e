import { formatNumber, type Translate } from "~/i18n/index";
import type { ReportView } from "./report-view";

/**
 * The report's filters in words, in the report's language ("Fair-value line: From the quality
 * share (weights); all respondents; all waves; flagged responses left out"): for print headers,
 * exported charts and the workbook's summary, where a query string would mean nothing.
 */
export function filtersInWords(report: Pick<ReportView, "locale" | "options" | "choices" | "names" | "versus" | "offers">, t: Translate): string {
  const o = report.options;
  const parts: string[] = [];
  const line = t(`report.lineOption.${o.line}`);
  parts.push(
    t("report.filters.words.line", {
      line: o.line === "slope" && o.slope !== undefined ? `${line}, ${t("report.filters.words.slope", { slope: formatNumber(report.locale, o.slope, 2) })}` : line,
    }),
  );
  if (o.segment) {
    const question = report.choices.segments.find((s) => s.question === o.segment!.question);
    const answer = question?.values.find((v) => v.value === o.segment!.value);
    parts.push(t("report.filters.words.segment", { question: question?.label ?? o.segment.question, answer: answer?.label ?? o.segment.value }));
  } else parts.push(t("report.filters.words.everyone"));
  parts.push(o.wave !== undefined ? t("report.filters.words.wave", { wave: o.wave }) : t("report.filters.words.allWaves"));
  parts.push(t(o.flagged === "in" ? "report.filters.words.flaggedIn" : "report.filters.words.flaggedOut"));
  if (o.customer) {
    const value =
      o.customer.kind === "segment"
        ? t(`customers.segment.${o.customer.value}`)
        : o.customer.kind === "tier"
          ? t(`customers.tier.${o.customer.value}`)
          : t(o.customer.value === "silent" ? "report.customers.silent" : "report.customers.active");
    parts.push(t("report.customers.filterWords", { value }));
  }
  if (o.versus !== undefined) parts.push(t("report.filters.words.versus", { offer: report.names.offers[o.versus] ?? o.versus }));
  if (o.bubbles && report.offers.some((x) => x.marketShare !== null)) parts.push(t("report.filters.words.bubbles"));
  return parts.join(report.locale === "zh-CN" ? "；" : "; ");
}

/** A CSS string literal of any text: every character but letters, digits and spaces hex-escaped (safe inside <style>). */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `${out}"`;
}
