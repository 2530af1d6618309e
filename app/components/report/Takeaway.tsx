import type { ReportView } from "~/lib/report/report-view";
import { reportTakeaway, takeawayInputOf, TAKEAWAY_FIGURES } from "~/lib/report/report-takeaway";
import { useT } from "../use-t";

const FIGURES = new Set<string>(TAKEAWAY_FIGURES);

/**
 * The report's takeaway at the top of the page: two to four sentences in the reader's language,
 * written from the own offer's figures and their intervals (app/lib/report/report-takeaway.ts). Each
 * main figure is marked (`data-figure` = its topic) so that it can be checked against the page.
 */
export function Takeaway({ report }: { report: ReportView }) {
  const { t } = useT();
  const input = takeawayInputOf(report);
  if (!input) return null;
  const locale = report.locale;
  const sentences = reportTakeaway(input, locale, t);
  if (sentences.length === 0) return null;
  return (
    <section className="panel takeaway" data-testid="takeaway" aria-labelledby="h-takeaway">
      <h2 id="h-takeaway">{t("report.takeaway.title")}</h2>
      <p className="takeaway-text">
        {sentences.map((s, i) => (
          <span key={i} data-topic={s.topic}>
            {i > 0 ? (locale === "zh-CN" ? "" : " ") : null}
            {t(s.key)
              .split(/(\{\w+\})/)
              .map((part, k) => {
                const name = /^\{(\w+)\}$/.exec(part)?.[1];
                if (!name) return part;
                const value = s.params[name] ?? "";
                return FIGURES.has(name) ? (
                  <strong key={k} data-figure={s.topic}>
                    {value}
                  </strong>
                ) : (
                  value
                );
              })}
          </span>
        ))}
      </p>
      <p className="muted small">{t("report.takeaway.basis")}</p>
    </section>
  );
}
