import { formatNumber } from "~/i18n";
import type { ProfileRow } from "../../analysis/types";
import { useT } from "./use-t";

interface Props {
  rows: ProfileRow[];
  score: number;
  names: Record<string, string>;
  ownName: string;
  caption: string;
}

/** One profile (method.md (a)/(b)): weight, own, reference, ratio and contribution per attribute. */
export function ProfileTable({ rows, score, names, ownName, caption }: Props) {
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
              <td>{n(r.contribution, 1)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t("report.total")}</td>
            <td>{n(rows.reduce((s, r) => s + r.weight, 0), 1)}</td>
            <td colSpan={3} />
            <td data-testid="profile-total">{n(score, 1)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
