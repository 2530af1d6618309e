import type { ReportView } from "~/lib/report/report-view";
import { fmt, formatDay, type ChartText } from "./chart-kit";

/**
 * The figures of the head-to-head, timeline and importance charts as tables: the charts' text
 * alternative for screen readers and for copying (behind each chart's "show as table").
 */
export function HeadToHeadTable({ report, t, locale }: ChartText & { report: ReportView }) {
  const versus = report.versus;
  const pair = versus ? report.analysis?.headToHead[versus] : undefined;
  if (!pair || !versus) return null;
  const own = report.own ? (report.names.offers[report.own] ?? report.own) : "";
  const other = report.names.offers[versus] ?? versus;
  return (
    <div className="table-scroll">
      <table className="profile" data-testid="head-to-head-table">
        <thead>
          <tr>
            <th scope="col">{t("report.attribute")}</th>
            <th scope="col">{t("report.weight")}</th>
            <th scope="col">{own}</th>
            <th scope="col">{other}</th>
            <th scope="col">{t("report.ratio")}</th>
          </tr>
        </thead>
        <tbody>
          {(["quality", "price"] as const).flatMap((kind) => {
            const result = pair[kind];
            return result.ok
              ? result.rows.map((r) => (
                  <tr key={`${kind}-${r.id}`}>
                    <th scope="row">{report.names.attributes[r.id] ?? r.id}</th>
                    <td>{fmt(locale, r.weight)}</td>
                    <td>{fmt(locale, r.own, 2)}</td>
                    <td>{fmt(locale, r.competitor, 2)}</td>
                    <td>{fmt(locale, r.ratio, 2)}</td>
                  </tr>
                ))
              : [];
          })}
        </tbody>
      </table>
    </div>
  );
}

export function TimelineTable({ report, t, locale }: ChartText & { report: ReportView }) {
  const timeline = report.timeline;
  if (!timeline.ok) return null;
  return (
    <div className="table-scroll">
      <table className="profile" data-testid="timeline-table">
        <thead>
          <tr>
            <th scope="col">{t("report.offer")}</th>
            <th scope="col">{t("report.chart.wave")}</th>
            <th scope="col">{t("report.chart.date")}</th>
            <th scope="col">{t("report.axisQuality")}</th>
            <th scope="col">{t("report.axisPrice")}</th>
            <th scope="col">{t("report.valueScore")}</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {timeline.series.flatMap((s) =>
            s.points.map((p) => (
              <tr key={`${s.offer}-${p.wave}`}>
                <th scope="row">{report.names.offers[s.offer] ?? s.offer}</th>
                <td>{p.wave}</td>
                <td>{formatDay(locale, p.date)}</td>
                <td>{fmt(locale, p.quality)}</td>
                <td>{fmt(locale, p.relativePrice)}</td>
                <td>{p.value !== null ? fmt(locale, p.value) : "–"}</td>
                <td>{p.n}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ImportanceTable({ report, t, locale }: ChartText & { report: ReportView }) {
  const result = report.analysis?.derivedImportance;
  if (!result || !result.ok) return null;
  const rank = (r: number) => fmt(locale, r, r % 1 ? 1 : 0);
  return (
    <div className="table-scroll">
      <table className="profile" data-testid="importance-table">
        <thead>
          <tr>
            <th scope="col">{t("report.attribute")}</th>
            <th scope="col">{t("report.importance.stated")}</th>
            <th scope="col">{t("report.importance.derived")}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{report.names.attributes[r.id] ?? r.id}</th>
              <td>{`${fmt(locale, r.statedWeight)} (#${rank(r.statedRank)})`}</td>
              <td>{`${fmt(locale, r.derivedWeight)} (#${rank(r.derivedRank)})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
