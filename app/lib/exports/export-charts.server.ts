import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadToHeadChart } from "~/components/report/HeadToHeadChart";
import { ImportanceChart } from "~/components/report/ImportanceChart";
import { TimelineChart } from "~/components/report/TimelineChart";
import { ValueMapChart } from "~/components/report/ValueMapChart";
import { WhatWhoChart } from "~/components/report/WhatWhoChart";
import type { ChartText } from "~/components/report/chart-kit";
import { type MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import type { ReportView } from "../report/report.server";
import { xmlEscape } from "./export-xlsx.server";

/** The report's charts, by the id of their SVG element on the page. */
export const CHART_NAMES = ["value-map", "head-to-head", "timeline", "importance", "what-who"] as const;
export type ChartName = (typeof CHART_NAMES)[number];
export const isChartName = (name: string): name is ChartName => (CHART_NAMES as readonly string[]).includes(name);

/** The font families of the committed fonts (assets/fonts), in fallback order: Latin first, then CJK. */
export const EXPORT_FONT_FAMILY = "'DejaVu Sans', 'Noto Sans CJK SC', sans-serif";

type ChartComponent = FunctionComponent<ChartText & { report: ReportView }>;
const components: Record<ChartName, ChartComponent> = {
  "value-map": ValueMapChart as ChartComponent,
  "head-to-head": HeadToHeadChart,
  timeline: TimelineChart,
  importance: ImportanceChart,
  "what-who": WhatWhoChart,
};

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

/**
 * One chart of the report as a standalone SVG document: the page's own chart component rendered
 * to markup (same figures, labels in the report's locale, text escaped by React), with the XML
 * declaration, the SVG namespace, its width and height, a <title> (chart and study) and the
 * font-family of the committed fonts. Null when the chart has nothing to draw for these filters.
 */
export function chartSvg(report: ReportView, chart: ChartName): ChartSvg | null {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(report.locale, key, params);
  const markup = renderToStaticMarkup(createElement(components[chart], { report, t, locale: report.locale }));
  return svgDocument(markup, `${t(`exports.chart.${chart}`)} · ${report.study.title}`);
}

/**
 * A chart component's SVG markup as a standalone document: the XML declaration, the SVG
 * namespace, whole-pixel width and height, a <title> and the font-family of the committed
 * fonts. Null when the markup is not an SVG with a size (nothing to draw).
 */
export function svgDocument(markup: string, titleText: string): ChartSvg | null {
  const open = /^<svg\b[^>]*>/.exec(markup);
  if (!open) return null;
  let tag = open[0];
  // Whole pixels, so that the PNG is exactly twice the SVG's size (the viewBox keeps the drawing).
  const width = Math.ceil(Number(/\swidth="([\d.]+)"/.exec(tag)?.[1]));
  const height = Math.ceil(Number(/\sheight="([\d.]+)"/.exec(tag)?.[1]));
  if (!(width > 0 && height > 0)) return null;
  tag = tag.replace(/\swidth="[\d.]+"/, ` width="${width}"`).replace(/\sheight="[\d.]+"/, ` height="${height}"`);
  if (!/\sxmlns="/.test(tag)) tag = tag.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  const font = `font-family="${xmlEscape(EXPORT_FONT_FAMILY)}"`;
  tag = /\sfont-family="[^"]*"/.test(tag) ? tag.replace(/font-family="[^"]*"/, font) : tag.replace(/>$/, ` ${font}>`);
  const title = `<title>${xmlEscape(titleText)}</title>`;
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${tag}${title}${markup.slice(open[0].length)}`;
  return { svg, width, height };
}
