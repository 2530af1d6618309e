import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { recordSharedExport } from "../../../db/queries/share-links";
import type { Study } from "../../../db/queries/studies";
import { formatDay } from "~/components/report/chart-kit";
import { ScenarioMapChart } from "~/components/scenarios/ScenarioMapChart";
import { ValueLeadsChart } from "~/components/scenarios/ValueLeadsChart";
import type { Locale, MessageKey } from "~/i18n/index";
import { serverTranslator, translate } from "~/i18n/messages.server";
import { loadScenarioPage, parseScenarioPageQuery, type ScenarioPage, type ShownScenario } from "../report/scenario-page.server";
import { changeInWords } from "../report/scenario-words";
import type { Cell } from "./export-cells.server";
import { svgDocument, type ChartSvg } from "./export-charts.server";
import { withHeaderBand } from "./export-chart-header.server";
import { csvText } from "./export-csv.server";
import { exportFileName } from "./export-names.server";
import { xlsxWorkbook, type Sheet } from "./export-xlsx.server";
import { svgToPng } from "./png.server";

type Request =
  | { kind: "map"; key: string; format: "svg" | "png" }
  | { kind: "value-leads-share"; format: "svg" | "png" }
  | { kind: "csv" }
  | { kind: "xlsx" };

/** The scenario page's downloads: `scenario-map-<s12|fair-price>.svg|png`, `value-leads-share.svg|png`, `scenarios.csv`, `scenarios.xlsx`. */
export function parseScenarioExportName(name: string | undefined): Request | null {
  const map = /^scenario-map-(s\d{1,9}|fair-price)\.(svg|png)$/.exec(name ?? "");
  if (map) return { kind: "map", key: map[1]!, format: map[2] as "svg" | "png" };
  const vls = /^value-leads-share\.(svg|png)$/.exec(name ?? "");
  if (vls) return { kind: "value-leads-share", format: vls[1] as "svg" | "png" };
  if (name === "scenarios.csv") return { kind: "csv" };
  if (name === "scenarios.xlsx") return { kind: "xlsx" };
  return null;
}

const TYPES = { svg: "image/svg+xml; charset=utf-8", png: "image/png", csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

function download(body: string | Uint8Array, format: keyof typeof TYPES, filename: string): Response {
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The figures of every shown scenario, one row per (scenario, offer, figure): base, scenario, change. */
export function comparisonTable(page: ScenarioPage, t: (key: MessageKey, params?: Record<string, string | number>) => string): { header: string[]; rows: Cell[][] } {
  const header = [t("scenarios.export.col.scenario"), t("scenarios.table.offer"), t("scenarios.table.figure"), t("scenarios.table.base"), t("scenarios.table.scenario"), t("scenarios.table.change")];
  const rows: Cell[][] = [];
  const figures = [
    ["quality", (f: Figures) => f.quality],
    ["satisfaction", (f: Figures) => f.satisfaction],
    ["relative-price", (f: Figures) => f.relativePrice],
    ["vertical-value", (f: Figures) => f.verticalValue],
    ["customer-value", (f: Figures) => (f.customerValue.ok ? f.customerValue.value : null)],
  ] as const;
  for (const s of page.shown) {
    if (!s.result.ok) continue;
    for (const c of s.result.comparison) {
      const offer = page.names.offers[c.offer] ?? c.offer;
      for (const [code, pick] of figures) {
        const from = c.base.ok ? pick(c.base) : null;
        const to = c.scenario.ok ? pick(c.scenario) : null;
        rows.push([s.name, offer, t(`scenarios.figure.${code}`), from, to, from !== null && to !== null ? to - from : null]);
      }
      rows.push([s.name, offer, t("scenarios.figure.price"), c.base.price, c.scenario.price, c.base.price !== null && c.scenario.price !== null ? c.scenario.price - c.base.price : null]);
      const zone = (f: typeof c.base) => (f.ok ? t(`report.zone.${f.zone}`) : t("scenarios.table.offMap"));
      rows.push([s.name, offer, t("scenarios.table.zone"), zone(c.base), zone(c.scenario), null]);
    }
  }
  return { header, rows };
}
type Figures = Extract<Extract<ShownScenario["result"], { ok: true }>["comparison"][number]["base"], { ok: true }>;

function workbook(page: ScenarioPage, t: (key: MessageKey, params?: Record<string, string | number>) => string, locale: Locale): Sheet[] {
  const comparison = comparisonTable(page, t);
  const names = { offers: page.names.offers, attributes: page.names.attributes };
  const changes: Cell[][] = page.shown.flatMap((s) => (s.result.ok ? s.result.changes.map((c) => [s.name, changeInWords(c, names, t, locale)]) : []));
  const shareRows: Cell[][] = page.shown.flatMap((s) =>
    s.shares?.ok
      ? s.shares.offers.map((o) => [
          s.name,
          page.names.offers[o.offer] ?? o.offer,
          o.base.estimate,
          o.base.lower,
          o.base.upper,
          o.scenario.estimate,
          o.scenario.lower,
          o.scenario.upper,
          o.change.estimate,
          o.change.lower,
          o.change.upper,
        ])
      : [],
  );
  const lo = t("scenarios.export.col.lower");
  const hi = t("scenarios.export.col.upper");
  const sheets: Sheet[] = [
    { title: t("scenarios.export.sheet.comparison"), header: comparison.header, rows: comparison.rows, formats: [null, null, null, "index", "index", "index"] },
    { title: t("scenarios.export.sheet.changes"), header: [t("scenarios.export.col.scenario"), t("scenarios.changes")], rows: changes },
    {
      title: t("scenarios.export.sheet.shares"),
      header: [t("scenarios.export.col.scenario"), t("scenarios.table.offer"), t("scenarios.shares.today"), lo, hi, t("scenarios.shares.scenario"), lo, hi, t("scenarios.shares.change"), lo, hi],
      rows: shareRows,
      formats: [null, null, "index", "index", "index", "index", "index", "index", "index", "index", "index"],
    },
  ];
  if (page.valueLeads.points.length > 0) {
    sheets.push({
      title: t("scenarios.export.sheet.vls"),
      header: [t("scenarios.table.offer"), t("scenarios.market.wave"), t("scenarios.vls.axisX"), t("scenarios.vls.axisY")],
      rows: page.valueLeads.points.map((p) => [page.names.offers[p.offer] ?? p.offer, `W${p.wave} → W${p.next}`, p.value, p.change]),
      formats: [null, null, "index", "index"],
    });
  }
  return sheets;
}

/**
 * One download of the scenario page, with the page's view from the query string: a scenario's
 * map or the value-leads-share chart as SVG/PNG (with a header band: title, n, the view in
 * words, the day), the comparison of the shown scenarios as CSV, or every table as XLSX.
 * Audited (who exported what). 404 with a plain message for an unknown name or a chart with
 * nothing to draw.
 */
export async function scenarioExportResponse(
  db: Db,
  args: { study: Study; actor: { userId: number } | { shareLinkId: number }; locale: Locale; name: string | undefined; url: URL; now?: number },
): Promise<Response> {
  const { study, locale, url } = args;
  const now = args.now ?? Date.now();
  const t = serverTranslator(locale);
  const notFound = () => new Response(translate(locale, "exports.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const request = parseScenarioExportName(args.name);
  if (!request) return notFound();
  const options = parseScenarioPageQuery(url.searchParams, study);
  if (request.kind === "map") {
    if (request.key === "fair-price") options.tryFairPrice = true;
    else options.compare = [Number(request.key.slice(1))];
  }
  const page = await loadScenarioPage(db, study, locale, options);
  const audit = async () => {
    const detail = `scenarios/${args.name}${url.search}`.slice(0, 300);
    if ("userId" in args.actor) await recordAuditEvent(db, { studyId: study.id, userId: args.actor.userId, action: "export", detail, now });
    else await recordSharedExport(db, { studyId: study.id, linkId: args.actor.shareLinkId, detail, now });
  };
  const file = (figure: string, extension: string) => exportFileName(study, figure, extension, now);
  const subtitle = t("exports.chartSubtitle", { n: page.analysed, filters: page.filters, date: formatDay(locale, new Date(now).toISOString().slice(0, 10)) });

  if (request.kind === "map" || request.kind === "value-leads-share") {
    let chart: ChartSvg | null = null;
    let title = "";
    if (request.kind === "map") {
      const shown = page.shown.find((s) => s.key === request.key);
      if (!shown || !shown.result.ok || !page.base.ok) return notFound();
      title = `${t("scenarios.chart.label", { name: shown.name })} · ${page.study.title}`;
      const markup = renderToStaticMarkup(
        createElement(ScenarioMapChart, { base: page.base, result: shown.result, names: page.names.offers, name: shown.name, t, locale, width: 640, id: "scenario-map" }),
      );
      chart = svgDocument(markup, title);
    } else {
      title = `${t("scenarios.vls.title")} · ${page.study.title}`;
      const markup = renderToStaticMarkup(createElement(ValueLeadsChart, { view: page.valueLeads, names: page.names.offers, own: page.own, t, locale, width: 640 }));
      chart = markup ? svgDocument(markup, title) : null;
    }
    if (!chart) return notFound();
    const svg = withHeaderBand(chart, title, subtitle).svg;
    await audit();
    const figure = request.kind === "map" ? `scenario-map-${request.key}` : "value-leads-share";
    if (request.format === "svg") return download(svg, "svg", file(figure, "svg"));
    try {
      return download(await svgToPng(svg), "png", file(figure, "png"));
    } catch (error) {
      console.error("PNG export failed:", error instanceof Error ? error.message : error);
      return new Response(translate(locale, "exports.pngFailed"), { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }
  if (request.kind === "csv") {
    const table = comparisonTable(page, t);
    await audit();
    return download(csvText(table.header, table.rows), "csv", file("scenarios", "csv"));
  }
  await audit();
  return download(xlsxWorkbook(workbook(page, t, locale)), "xlsx", file("scenarios", "xlsx"));
}
