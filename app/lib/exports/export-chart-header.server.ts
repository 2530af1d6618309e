import { formatDay, wrapText } from "~/components/report/chart-kit";
import { translate } from "~/i18n/messages.server";
import type { ChartName, ChartSvg } from "./export-charts.server";
import { xmlEscape } from "./export-xlsx.server";
import type { ReportView } from "../report/report.server";
import { filtersInWords } from "../report/report-filters-words";

const TITLE = 16;
const SUB = 11;

/**
 * A downloaded chart with a header band on top, so that a chart pasted into a slide still says
 * what it is: the chart's name and the study (bold), then n, the filters in words and the day
 * it was made (wrapped to the chart's width). The chart below is unchanged; width stays, the
 * height grows by the band.
 */
export function withChartHeader(chart: ChartSvg, report: ReportView, name: ChartName, now = Date.now()): ChartSvg {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(report.locale, key, params);
  return withHeaderBand(
    chart,
    `${t(`exports.chart.${name}`)} · ${report.study.title}`,
    t("exports.chartSubtitle", { n: report.counts.analysed, filters: filtersInWords(report, t), date: formatDay(report.locale, new Date(now).toISOString().slice(0, 10)) }),
  );
}

/** A chart with a header band of a bold title (up to 2 lines) and a subtitle (up to 3 lines) on top. */
export function withHeaderBand(chart: ChartSvg, titleText: string, subtitleText: string): ChartSvg {
  const W = chart.width;
  const title = wrapText(titleText, TITLE, W - 16, 2);
  const subtitle = wrapText(subtitleText, SUB, W - 16, 3);
  const band = 10 + title.length * (TITLE + 4) + subtitle.length * (SUB + 4) + 8;
  const height = chart.height + band;
  let y = 8;
  const lines = [
    ...title.map((line) => {
      y += TITLE + 4;
      return `<text x="8" y="${y - 4}" font-size="${TITLE}" font-weight="700" fill="#1d2430">${xmlEscape(line)}</text>`;
    }),
    ...subtitle.map((line) => {
      y += SUB + 4;
      return `<text x="8" y="${y - 2}" font-size="${SUB}" fill="#475467" data-chart-subtitle="">${xmlEscape(line)}</text>`;
    }),
  ].join("");
  const open = /<svg\b[^>]*>/.exec(chart.svg);
  if (!open) return chart;
  const tag = open[0]
    .replace(/\sheight="[\d.]+"/, ` height="${height}"`)
    .replace(/\sviewBox="[^"]*"/, ` viewBox="0 0 ${W} ${height}"`);
  const rest = chart.svg.slice(open.index + open[0].length);
  const titleEnd = rest.startsWith("<title>") ? rest.indexOf("</title>") + "</title>".length : 0;
  const body = rest.slice(titleEnd).replace(/<\/svg>\s*$/, "");
  const svg =
    `${chart.svg.slice(0, open.index)}${tag}${rest.slice(0, titleEnd)}` +
    `<rect x="0" y="0" width="${W}" height="${band}" fill="#ffffff"/>${lines}` +
    `<g transform="translate(0 ${band})">${body}</g></svg>`;
  return { svg, width: W, height };
}
