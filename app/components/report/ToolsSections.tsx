import type { UnavailableReason } from "../../../analysis/unavailable-reasons";
import type { ReportView } from "~/lib/report/report-view";
import { ChartFrame } from "./ChartFrame";
import { fmt, type ChartText } from "./chart-kit";
import { NotEnough } from "./NotEnough";
import { QuadrantChart } from "./QuadrantChart";

function Section({ id, title, help, children }: { id: string; title: string; help: string; children: React.ReactNode }) {
  return (
    <section className="panel report-section" data-section={id} aria-labelledby={`h-${id}`}>
      <h2 id={`h-${id}`}>{title}</h2>
      <p className="muted small">{help}</p>
      {children}
    </section>
  );
}

const QUADRANTS = ["fix-first", "keep", "over-invested", "low-priority"] as const;

/** The attributes named per quadrant, one line each ("—" for an empty quadrant). */
function QuadrantList({ testId, entries, t }: Pick<ChartText, "t"> & { testId?: string; entries: (q: (typeof QUADRANTS)[number]) => string[] }) {
  return (
    <ul className="quadrant-list" data-testid={testId}>
      {QUADRANTS.map((q) => (
        <li key={q} data-quadrant={q}>
          <strong>{t(`report.quadrant.${q}`)}</strong>: {entries(q).join(", ") || "—"}
        </li>
      ))}
    </ul>
  );
}

/**
 * The tools after the map (method-more.md §1–2, issue 19): the importance × performance quadrant
 * of the quality attributes (stated weights against the own offer's ratios), and customer value by
 * Best's difference method for every offer beside Kotler's delivered value of the own offer, with
 * its total customer cost per cost group.
 */
export function ToolsSections({ report, t, locale }: ChartText & { report: ReportView }) {
  const a = report.analysis;
  if (!a) return null;
  const n = (v: number, d = 1) => fmt(locale, v, d);
  const quadrant = a.importancePerformance.stated;
  const derived = a.importancePerformance.derived;
  const kotler = a.relativeDeliveredValue;
  const quadrantTable = quadrant.ok ? (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("report.maxDiff.attribute")}</th>
          <th scope="col">{t("report.quadrant.importance")}</th>
          <th scope="col">{t("report.quadrant.performance")}</th>
          <th scope="col">{t("report.quadrant.column")}</th>
        </tr>
      </thead>
      <tbody>
        {quadrant.attributes.map((r) => (
          <tr key={r.id} data-attribute={r.id}>
            <th scope="row">{report.names.attributes[r.id] ?? r.id}</th>
            <td>{n(r.importance)}</td>
            <td>{n(r.ratio, 3)}</td>
            <td>{t(`report.quadrant.${r.quadrant}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  ) : null;
  return (
    <>
      <Section id="quadrant" title={t("report.quadrant.title")} help={t("report.quadrant.help")}>
        {quadrant.ok ? (
          <>
            <ChartFrame id="quadrant" table={quadrantTable} tableLabel={t("report.chart.table")}>
              {(width) => <QuadrantChart result={quadrant} names={report.names.attributes} t={t} locale={locale} width={width} interactive />}
            </ChartFrame>
            {/* On paper the chart's table is printed (the toggle is not). */}
            <div className="print-only" data-print-table="quadrant">
              {quadrantTable}
            </div>
            <QuadrantList testId="quadrants" entries={(q) => quadrant.quadrants[q].map((id) => report.names.attributes[id] ?? id)} t={t} />
            {derived.ok ? (
              // The same grid from derived importance (relative weights, docs/method.md §6): the
              // attributes whose quadrant differs are where stated and revealed importance part.
              <div data-testid="quadrants-derived">
                <h3>{t("report.quadrant.derivedTitle")}</h3>
                <p className="muted small">{t("report.quadrant.derivedHelp")}</p>
                <QuadrantList
                  entries={(q) => derived.quadrants[q].map((id) => `${report.names.attributes[id] ?? id}${quadrant.quadrants[q].includes(id) ? "" : " *"}`)}
                  t={t}
                />
              </div>
            ) : null}
          </>
        ) : (
          <NotEnough reason={quadrant.reason as UnavailableReason} t={t} />
        )}
      </Section>
      <Section id="difference" title={t("report.difference.title")} help={t("report.difference.help")}>
        <div className="table-scroll">
          <table data-testid="difference-by-offer">
            <thead>
              <tr>
                <th scope="col">{t("report.difference.offer")}</th>
                <th scope="col">{t("report.difference.benefit")}</th>
                <th scope="col">{t("report.difference.cost")}</th>
                <th scope="col">{t("report.difference.value")}</th>
              </tr>
            </thead>
            <tbody>
              {a.differenceMethodByOffer.map((row) => (
                <tr key={row.offerId} data-offer={row.offerId}>
                  <th scope="row">{report.names.offers[row.offerId] ?? row.offerId}</th>
                  {row.result.ok ? (
                    <>
                      <td>{n(row.result.relativeBenefit, 2)}</td>
                      <td>{n(row.result.relativeCost, 2)}</td>
                      <td data-value={row.result.customerValue.toFixed(4)}>{n(row.result.customerValue, 2)}</td>
                    </>
                  ) : (
                    <td colSpan={3}>{t(`reason.${row.result.reason as UnavailableReason}`)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("report.delivered.title")}</h3>
        {kotler.ok ? (
          <table data-testid="delivered-value">
            <tbody>
              <tr data-figure="value">
                <th scope="row">{t("report.delivered.value")}</th>
                <td>{n(kotler.totalValue)}</td>
              </tr>
              <tr data-figure="cost">
                <th scope="row">{t("report.delivered.cost")}</th>
                <td>{n(kotler.totalCost)}</td>
              </tr>
              {/* Total customer cost per Kotler cost group present (money, time, energy, psychic). */}
              {kotler.costGroups.map((g) => (
                <tr key={g.id} data-figure={`cost-${g.id}`}>
                  <th scope="row">{t(`report.delivered.costGroup.${g.id}`)}</th>
                  <td>{n(g.index)}</td>
                </tr>
              ))}
              <tr data-figure="delivered">
                <th scope="row">{t("report.delivered.delivered")}</th>
                <td>{n(kotler.deliveredValue)}</td>
              </tr>
              <tr data-figure="ratio">
                <th scope="row">{t("report.delivered.ratio")}</th>
                <td>{n(kotler.deliveredValueRatio)}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <NotEnough reason={kotler.reason as UnavailableReason} t={t} />
        )}
        {kotler.ok && kotler.costGroups.length > 0 ? <p className="muted small">{t("report.delivered.costGroupsHelp")}</p> : null}
      </Section>
    </>
  );
}
