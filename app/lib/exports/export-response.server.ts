import { recordAuditEvent } from "../../../db/queries/audit";
import { recordSharedExport } from "../../../db/queries/share-links";
import type { Study } from "../../../db/queries/studies";
import { isLocale, type Locale } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import { chartSvg, isChartName } from "./export-charts.server";
import { csvStream, csvText } from "./export-csv.server";
import { loadRawData } from "./export-raw.server";
import { isTableName, reportTables } from "./export-tables.server";
import { xlsxWorkbook } from "./export-xlsx.server";
import type { Db } from "../../../db/client";
import { exportFileName } from "./export-names.server";
import { withChartHeader } from "./export-chart-header.server";
import { renderReportPdf } from "./export-pdf.server";
import { labelledFile, loadLabelledWide, type LabelledFormat } from "./labelled-export.server";
import { PngBusy, svgToPng, withPngWorker } from "./png.server";
import { parseReportOptionsWithIssues, reportQuery } from "../report/report-options.server";
import { loadReport } from "../report/report.server";

const TYPES = {
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;
type Format = keyof typeof TYPES;

/**
 * What a download name asks for: `<chart>.svg|png`, `<table>.csv`, `tables.xlsx`,
 * `raw-wide|raw-long.csv|xlsx`, `report.pdf`, and the labelled wide data `raw-wide.sav|dta`,
 * `raw-wide-r.zip` (CSV + R script), `raw-wide-sss.zip` (Triple-S XML + data).
 */
export type ExportRequest =
  | { kind: "pdf" }
  | { kind: "chart"; chart: string; format: "svg" | "png" }
  | { kind: "table"; table: string }
  | { kind: "workbook" }
  | { kind: "raw"; layout: "wide" | "long"; format: "csv" | "xlsx" }
  | { kind: "labelled"; format: LabelledFormat };

const LABELLED: Record<string, LabelledFormat> = { "raw-wide.sav": "sav", "raw-wide.dta": "dta", "raw-wide-r.zip": "r", "raw-wide-sss.zip": "sss" };

export function parseExportName(name: string | undefined): ExportRequest | null {
  const labelled = Object.hasOwn(LABELLED, name ?? "") ? LABELLED[name!] : undefined;
  if (labelled) return { kind: "labelled", format: labelled };
  const m = /^([a-z-]{1,40})\.(svg|png|csv|xlsx|pdf)$/.exec(name ?? "");
  if (!m) return null;
  const [, base, format] = m as unknown as [string, string, Format];
  if (base === "raw-wide" || base === "raw-long") {
    return format === "csv" || format === "xlsx" ? { kind: "raw", layout: base === "raw-wide" ? "wide" : "long", format } : null;
  }
  if (base === "tables" && format === "xlsx") return { kind: "workbook" };
  if (format === "pdf") return base === "report" ? { kind: "pdf" } : null;
  if (format === "csv" && isTableName(base)) return { kind: "table", table: base };
  if ((format === "svg" || format === "png") && isChartName(base)) return { kind: "chart", chart: base, format };
  return null;
}

const downloadHeaders = (filename: string) => ({
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
});

function download(body: string | Uint8Array | ReadableStream<Uint8Array>, format: Format, filename: string): Response {
  return new Response(body as BodyInit, { headers: { "Content-Type": TYPES[format], ...downloadHeaders(filename) } });
}

/**
 * One download of a study's report, with the report's filters from the query string: charts as
 * SVG/PNG, one table as CSV, every table as one XLSX workbook, the raw data wide or long as CSV
 * or XLSX. Records who exported what (audit log). 404 with a plain message for an unknown name
 * or a chart with nothing to draw.
 */
export async function exportResponse(db: Db, args: {
  study: Study;
  /** a member of the study, or the share link a signed-out reader came through (no raw data) */
  actor: { userId: number } | { shareLinkId: number };
  locale: Locale;
  name: string | undefined;
  url: URL;
  now?: number;
}): Promise<Response> {
  const { study, locale, url } = args;
  const notFound = () => new Response(translate(locale, "exports.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const request = parseExportName(args.name);
  const actor = args.actor;
  if (!request || ((request.kind === "raw" || request.kind === "labelled") && "shareLinkId" in actor)) return notFound();
  const { options, ignored } = parseReportOptionsWithIssues(url.searchParams, study);
  const file = (suffix: string) => {
    const dot = suffix.lastIndexOf(".");
    return exportFileName(study, suffix.slice(0, dot), suffix.slice(dot + 1), args.now);
  };
  const audit = async () => {
    const detail = `${args.name}${url.search}`.slice(0, 300);
    const now = args.now ?? Date.now();
    if ("userId" in actor) await recordAuditEvent(db, { studyId: study.id, userId: actor.userId, action: "export", detail, now });
    else await recordSharedExport(db, { studyId: study.id, linkId: actor.shareLinkId, detail, now });
  };

  if (request.kind === "raw") {
    const raw = await loadRawData(db, study.id, request.layout, options);
    await audit();
    const name = file(`raw-${request.layout}.${request.format}`);
    if (request.format === "csv") return download(csvStream(raw.header, raw.rows), "csv", name);
    // Times as real dates; the CSV keeps ISO 8601 text.
    const formats = raw.header.map((h) => (h === "started_at" || h === "completed_at" ? ("datetime" as const) : null));
    return download(xlsxWorkbook([{ title: `raw-${request.layout}`, header: raw.header, rows: raw.rows, formats }]), "xlsx", name);
  }

  if (request.kind === "labelled") {
    // Labels in the language asked for (`labels=en|zh-CN`), else the reader's.
    const labels = url.searchParams.get("labels");
    const dataset = await loadLabelledWide(db, study, options, args.now ?? Date.now());
    await audit();
    const made = labelledFile(dataset, request.format, isLocale(labels) ? labels : locale, (figure, extension) => exportFileName(study, figure, extension, args.now));
    return new Response(made.body as BodyInit, { headers: { ...downloadHeaders(made.filename), "Content-Type": made.contentType } });
  }

  if (request.kind === "pdf") {
    const paper = url.searchParams.get("paper") === "letter" ? "letter" : "a4";
    const result = await renderReportPdf({ study, locale, query: reportQuery(options), paper });
    if (!result.ok) {
      const key = result.reason === "unavailable" ? "exports.pdfUnavailable" : result.reason === "busy" ? "exports.pdfBusy" : "exports.pdfFailed";
      return new Response(translate(locale, key), {
        status: result.reason === "failed" ? 500 : 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", ...(result.reason === "busy" ? { "Retry-After": "30" } : {}) },
      });
    }
    await audit();
    return download(result.pdf, "pdf", file(paper === "letter" ? "report-letter.pdf" : "report.pdf"));
  }

  if (request.kind === "chart" && request.format === "png") {
    // The report and its PNG are made on a place of the bounded PNG pool (png.server.ts).
    try {
      return await withPngWorker(async () => {
        const report = await loadReport(db, study, locale, options, ignored);
        const drawn = chartSvg(report, request.chart as Parameters<typeof chartSvg>[1]);
        if (!drawn) return notFound();
        const chart = withChartHeader(drawn, report, request.chart as Parameters<typeof chartSvg>[1], args.now);
        await audit();
        return download(await svgToPng(chart.svg), "png", file(`${request.chart}.png`));
      });
    } catch (error) {
      if (error instanceof PngBusy) {
        return new Response(translate(locale, "exports.pngBusy"), {
          status: 503,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(error.retryAfterSeconds) },
        });
      }
      console.error("PNG export failed:", error instanceof Error ? error.message : error);
      return new Response(translate(locale, "exports.pngFailed"), { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }
  const report = await loadReport(db, study, locale, options, ignored);
  if (request.kind === "chart") {
    const drawn = chartSvg(report, request.chart as Parameters<typeof chartSvg>[1]);
    if (!drawn) return notFound();
    const chart = withChartHeader(drawn, report, request.chart as Parameters<typeof chartSvg>[1], args.now);
    await audit();
    return download(chart.svg, "svg", file(`${request.chart}.svg`));
  }
  const tables = reportTables(report);
  if (request.kind === "table") {
    const table = tables.find((t) => t.name === request.table);
    if (!table) throw new Response("Not found", { status: 404 });
    await audit();
    return download(csvText(table.header, table.rows), "csv", file(`${table.name}.csv`));
  }
  await audit();
  return download(xlsxWorkbook(tables), "xlsx", file("tables.xlsx"));
}
