import { formatDate } from "~/i18n";
import { useT } from "./use-t";

export interface SecurityEventRow {
  id: number;
  kind: "signInBurstAccount" | "signInBurstAddress" | "signUpExisting" | "signUpBurst";
  email: string;
  ip: string;
  detail: string;
  at: number;
}

/** The administrators' security log: sign-in bursts, sign-ups with an existing e-mail, sign-up throttling. */
export function SecurityEvents({ events }: { events: SecurityEventRow[] }) {
  const { t, locale } = useT();
  return (
    <section className="panel" data-testid="security-events">
      <h2>{t("admin.security.title")}</h2>
      {events.length === 0 ? (
        <p className="muted">{t("admin.security.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.security.when")}</th>
                <th scope="col">{t("admin.security.event")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="small">{formatDate(locale, e.at)}</td>
                  <td>{t(`admin.security.kind.${e.kind}`, { email: e.email, ip: e.ip, n: e.detail })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
