import { useT } from "../use-t";
import type { ReportView } from "~/lib/report/report-view";
import { methodTablesOf } from "~/lib/exports/method-table-names";

const CHARTS = ["value-map", "head-to-head", "timeline", "importance", "what-who"] as const;
const LABELLED = [
  ["raw-wide.sav", "exports.labelled.sav"],
  ["raw-wide.dta", "exports.labelled.dta"],
  ["raw-wide-r.zip", "exports.labelled.r"],
  ["raw-wide-sss.zip", "exports.labelled.sss"],
] as const;
const TABLES = ["summary", "quality-profile", "price-profile", "value-map", "head-to-head", "won-lost", "what-who", "importance", "n-per-offer"] as const;

/**
 * Download links of the report: every chart as SVG and PNG, every table as CSV, all tables as
 * one XLSX workbook, the raw data wide and long as CSV and XLSX, and the labelled wide data
 * (SPSS, Stata, R, Triple-S) with labels in English or Chinese. Each link carries the current
 * filters (`report.query`). Plain links (work without JavaScript); hidden when printing.
 * `shareHref`: the share page, for members who may share; `base`/`raw`: the shared report's
 * downloads (under its link, without raw data).
 */
export function ExportPanel({ report, shareHref, base, raw = true }: { report: ReportView; shareHref?: string; base?: string; raw?: boolean }) {
  const { t } = useT();
  const root = base ?? `/studies/${report.study.id}/report/export`;
  const sep = report.locale === "zh-CN" ? "：" : ": ";
  const href = (name: string, extra = "") => `${root}/${name}${report.query || extra ? `?${[report.query, extra].filter(Boolean).join("&")}` : ""}`;
  const labelled = (name: string, format: string, labels: "en" | "zh-CN") => (
    <a
      href={href(name, `labels=${labels}`)}
      download
      data-export={`${name}:${labels}`}
      aria-label={t(labels === "en" ? "exports.labelled.inEnglish" : "exports.labelled.inChinese", { format })}
      lang={labels}
    >
      {t(labels === "en" ? "exports.labelled.en" : "exports.labelled.zh")}
    </a>
  );
  const link = (name: string, label: string, extra = "", id = name) => (
    <a href={href(name, extra)} download data-export={id}>
      {label}
    </a>
  );
  return (
    <section className="panel export-panel no-print" data-testid="export-panel" aria-labelledby="h-exports">
      <h2 id="h-exports">{t("exports.title")}</h2>
      <p className="muted small">{t("exports.help")}</p>
      <p>
        <strong>{t("exports.pdf")}</strong>
        {sep}
        {link("report.pdf", t("exports.pdfA4"), "", "report.pdf")} · {link("report.pdf", t("exports.pdfLetter"), "paper=letter", "report-letter.pdf")}
      </p>
      <div className="export-grid">
        <div>
          <h3>{t("exports.charts")}</h3>
          <ul className="export-list">
            {CHARTS.map((c) => (
              <li key={c}>
                {t(`exports.chart.${c}`)}{sep}{link(`${c}.svg`, "SVG")} · {link(`${c}.png`, "PNG")}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("exports.tables")}</h3>
          <p>
            <strong>{link("tables.xlsx", t("exports.workbook"))}</strong>
          </p>
          <ul className="export-list">
            {[...TABLES, ...(report.keyAccounts ? (["key-accounts"] as const) : []), ...methodTablesOf(report)].map((name) => (
              <li key={name}>
                {t(`exports.table.${name}`)}{sep}{link(`${name}.csv`, "CSV")}
              </li>
            ))}
          </ul>
        </div>
        {raw ? (
          <div>
            <h3>{t("exports.raw")}</h3>
            <ul className="export-list">
              <li>
                {t("exports.rawWide")}{sep}{link("raw-wide.csv", "CSV")} · {link("raw-wide.xlsx", "XLSX")}
              </li>
              <li>
                {t("exports.rawLong")}{sep}{link("raw-long.csv", "CSV")} · {link("raw-long.xlsx", "XLSX")}
              </li>
            </ul>
            <p className="muted small">{t("exports.formats")}</p>
            <h3>{t("exports.labelled")}</h3>
            <ul className="export-list" data-testid="labelled-exports">
              {LABELLED.map(([name, key]) => (
                <li key={name}>
                  {t(key)}{sep}{labelled(name, t(key), "en")} · {labelled(name, t(key), "zh-CN")}
                </li>
              ))}
            </ul>
            <p className="muted small">{t("exports.labelled.help")}</p>
          </div>
        ) : null}
      </div>
      {shareHref ? (
        <p>
          <a href={shareHref} data-testid="share-manage">
            {t("exports.share.manage")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
