import type { ShownInterval } from "./shown-intervals";
import type { ReportProfileRow } from "../../../analysis";
import { fmt, type ChartText } from "./chart-kit";
import { IntervalText } from "./IntervalText";
import { SmallN } from "./SmallN";

interface Props extends ChartText {
  rows: ReportProfileRow[];
  score: number;
  names: Record<string, string>;
  ownName: string;
  caption: string;
  smallN: number;
  /** intervals of each attribute's ratio */
  ratioIntervals?: Record<string, ShownInterval> | undefined;
  testId: string;
}

/** One profile (method.md (a)/(b)): weight, own, competitors, ratio with its bar and interval, weight x ratio, n. */
export function ProfileTable({ rows, score, names, ownName, caption, ratioIntervals, smallN, testId, t, locale }: Props) {
  const n = (v: number, d = 2) => fmt(locale, v, d);
  return (
    <div className="table-scroll">
      <table className="profile" data-testid={testId}>
        <caption className="muted small">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.attribute")}</th>
            <th scope="col">{t("report.weight")}</th>
            <th scope="col">{ownName}</th>
            <th scope="col">{t("report.reference")}</th>
            <th scope="col">{t("report.ratio")}</th>
            <th scope="col">{t("report.intervalColumn")}</th>
            <th scope="col">{t("report.contribution")}</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-attribute={r.id}>
              <td>{names[r.id] ?? r.id}</td>
              <td>{n(r.weight, 1)}</td>
              <td>{n(r.own)}</td>
              <td>{n(r.reference)}</td>
              <td className="ratio-cell">
                <span className="ratio-value">{n(r.ratio)}</span>
                <span className="ratio-track" aria-hidden="true">
                  <span
                    className={`ratio-fill${r.ratio < 1 ? " below" : ""}`}
                    style={{ width: `${Math.min(50, Math.abs(r.ratio - 1) * 125)}%`, [r.ratio < 1 ? "right" : "left"]: "50%" }}
                  />
                </span>
              </td>
              <td>
                <IntervalText interval={ratioIntervals?.[r.id]} decimals={2} bare t={t} locale={locale} />
              </td>
              <td>{n(r.contribution, 1)}</td>
              <td>
                <SmallN n={r.n} smallN={smallN} t={t} bare />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t("report.total")}</td>
            <td>{n(rows.reduce((s, r) => s + r.weight, 0), 1)}</td>
            <td colSpan={4} />
            <td data-testid={`${testId}-total`}>{n(score, 1)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
