import { formatNumber } from "~/i18n";
import type { BootstrapInterval } from "../../analysis/bootstrap-intervals";
import type { ProfileRow } from "../../analysis/types";
import { IntervalText } from "./IntervalText";
import { useT } from "./use-t";

interface Props {
  rows: ProfileRow[];
  score: number;
  names: Record<string, string>;
  ownName: string;
  caption: string;
  /** bootstrap intervals of each attribute's ratio, when respondent-level data allows them */
  ratioIntervals?: Record<string, BootstrapInterval> | undefined;
}

/** One profile (method.md (a)/(b)): weight, own, reference, ratio and contribution per attribute. */
export function ProfileTable({ rows, score, names, ownName, caption, ratioIntervals }: Props) {
  const { t, locale } = useT();
  const n = (v: number, d = 2) => formatNumber(locale, v, d);
  return (
    <div className="table-scroll">
      <table className="profile">
        <caption className="muted small">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.attribute")}</th>
            <th scope="col">{t("report.weight")}</th>
            <th scope="col">{ownName}</th>
            <th scope="col">{t("report.reference")}</th>
            <th scope="col">{t("report.ratio")}</th>
            {ratioIntervals ? <th scope="col">{t("report.intervalColumn")}</th> : null}
            <th scope="col">{t("report.contribution")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{names[r.id] ?? r.id}</td>
              <td>{n(r.weight, 1)}</td>
              <td>{n(r.own)}</td>
              <td>{n(r.reference)}</td>
              <td>
                {n(r.ratio)}
                <span
                  className={`ratio-bar${r.ratio < 1 ? " below" : ""}`}
                  style={{ width: `${Math.min(60, Math.abs(r.ratio - 1) * 120)}px` }}
                  aria-hidden="true"
                />
              </td>
              {ratioIntervals ? (
                <td>
                  <IntervalText interval={ratioIntervals[r.id]} decimals={2} bare />
                </td>
              ) : null}
              <td>{n(r.contribution, 1)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t("report.total")}</td>
            <td>{n(rows.reduce((s, r) => s + r.weight, 0), 1)}</td>
            <td colSpan={ratioIntervals ? 4 : 3} />
            <td data-testid="profile-total">{n(score, 1)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
