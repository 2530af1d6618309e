import type { SegmentComparisonView } from "~/lib/report/segment-comparison-view";
import { fmt, type ChartText } from "./chart-kit";

/**
 * Significance of the own offer's attribute gaps in each compared segment (docs/method.md §4 (g)):
 * per attribute and segment, the own offer's mean rating minus the competitors' mean, Welch's
 * two-sided t-test with Welch–Satterthwaite degrees of freedom, and a mark when p < 0.05. The
 * test is named above the table so the reader knows what "significant" means here.
 */
export function SegmentGapTable({ view, t, locale }: ChartText & { view: SegmentComparisonView }) {
  const { report, segments } = view;
  const p = (v: number) => (v < 0.001 ? "< 0.001" : fmt(locale, v, 3));
  return (
    <section className="panel report-section" data-section="segment-gaps" aria-labelledby="h-segment-gaps">
      <h2 id="h-segment-gaps">{t("report.segments.gaps")}</h2>
      <p className="muted small" data-testid="gap-test-name">
        {t("report.segments.gapsTest")}
      </p>
      <div className="table-scroll">
        <table data-testid="segment-gaps">
          <thead>
            <tr>
              <th scope="col">{t("report.maxDiff.attribute")}</th>
              {segments.map((s) => (
                <th scope="col" key={s.value}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.attributes.map((attribute) => (
              <tr key={attribute.code} data-attribute={attribute.code}>
                <th scope="row" className="gap-attribute">{attribute.name}</th>
                {segments.map((s) => {
                  const tests = s.report.analysis?.gapTests;
                  const row = tests && tests.ok ? tests.attributes.find((r) => r.id === attribute.code) : undefined;
                  if (!row || !row.ok)
                    return (
                      <td key={s.value} data-segment={s.value} className="muted">
                        {row ? t(`reason.${row.reason}`) : tests && !tests.ok ? t(`reason.${tests.reason}`) : "–"}
                      </td>
                    );
                  return (
                    <td key={s.value} data-segment={s.value} data-gap={row.gap} data-p={row.p} data-significant={row.significant ? "yes" : "no"}>
                      <strong className="gap-figure">{`${row.gap > 0 ? "+" : ""}${fmt(locale, row.gap, 2)}`}</strong>
                      <br />
                      <span className="small muted gap-p">{t("report.segments.gapP", { p: p(row.p) })}</span>
                      {row.significant ? <strong title={t("report.segments.significant")}> ✱</strong> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
