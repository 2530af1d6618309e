import { formatDay } from "./chart-kit";
import { useT } from "../use-t";
import type { ReportView } from "~/lib/report/report-view";
import { cssString, filtersInWords } from "~/lib/report/report-filters-words";

/**
 * What every printed page (and the PDF download) carries in its top margin: the study, the
 * filters in words and the date; page numbers at the bottom. Drawn by the browser's page margin
 * boxes from a <style> whose text is a fully escaped CSS string. `today` is YYYY-MM-DD.
 */
export function PrintHeader({ report, today }: { report: ReportView; today: string }) {
  const { t } = useT();
  const text = t("report.print.header", {
    study: report.study.title,
    filters: filtersInWords(report, t),
    date: formatDay(report.locale, today),
  });
  const css =
    `@media print { @page { @top-left { content: ${cssString(text)}; font-size: 8pt; color: #333; vertical-align: bottom; padding-bottom: 3mm; } ` +
    `@bottom-right { content: ${cssString(t("report.print.page"))} " " counter(page) " / " counter(pages); font-size: 8pt; color: #333; } } }`;
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: css }} />
      <p className="print-only print-filters small" data-testid="print-filters">
        {text}
      </p>
    </>
  );
}
