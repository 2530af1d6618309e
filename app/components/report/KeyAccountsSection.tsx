import { formatNumber, type Translate } from "~/i18n";
import type { ReportView } from "~/lib/report/report-view";

/** The key-account matrix as a table: each account's attractiveness, V with its interval, and its type (method.md §11 (e)). */
export function KeyAccountsTable({ report, t }: { report: ReportView; t: Translate }) {
  const k = report.keyAccounts;
  if (!k) return null;
  const n = (v: number | null, d = 1) => (v === null ? "—" : formatNumber(report.locale, v, d));
  return (
    <div className="table-scroll">
      <table className="profile" data-testid="key-accounts">
        <thead>
          <tr>
            <th scope="col">{t("report.keyAccounts.account")}</th>
            <th scope="col">{`${t("report.keyAccounts.attractiveness")} (${t(`report.keyAccounts.basis.${k.basis}`)})`}</th>
            <th scope="col">{t("report.keyAccounts.n")}</th>
            <th scope="col">{t("report.keyAccounts.value")}</th>
            <th scope="col">{t("report.keyAccounts.interval")}</th>
            <th scope="col">{t("report.keyAccounts.type")}</th>
          </tr>
        </thead>
        <tbody>
          {k.accounts.map((a) => (
            <tr key={a.id} data-account={a.id}>
              <th scope="row">{a.id}</th>
              <td>{n(a.attractiveness, 2)}</td>
              <td>{a.n}</td>
              <td>{n(a.value)}</td>
              <td>{a.lower === null || a.upper === null ? "—" : `${n(a.lower)} – ${n(a.upper)}`}</td>
              <td>{a.type === null ? t("report.keyAccounts.unavailable") : t(`report.keyAccounts.type.${a.type}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
