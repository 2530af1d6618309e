import type { MessageKey } from "~/i18n";
import type { ScenarioPage } from "~/lib/report/scenario-view";
import { useT } from "../use-t";
import { ChartFrame } from "../report/ChartFrame";
import { fmt } from "../report/chart-kit";
import { ValueLeadsChart } from "./ValueLeadsChart";

/** How β was fitted, its warnings, predicted against entered shares, and today's shares with intervals. */
export function SharePanel({ page }: { page: ScenarioPage }) {
  const { t, locale } = useT();
  const model = page.shareModel;
  const name = (code: string) => page.names.offers[code] ?? code;
  return (
    <section className="panel" data-section="shares" aria-labelledby="h-shares">
      <h2 id="h-shares">{t("scenarios.shares.title")}</h2>
      <p className="muted small">{t("scenarios.shares.help", { replicates: page.baseShares?.ok ? page.baseShares.replicates : 1000 })}</p>
      {!model.ok ? (
        <>
          <p className="callout" data-testid="shares-none">
            {model.choices === "no-respondents" ? t("scenarios.shares.noRespondents") : t("scenarios.shares.none")}
          </p>
          {model.missing.length > 0 ? <p className="muted small">{t("scenarios.shares.missing", { offers: model.missing.map(name).join(", ") })}</p> : null}
        </>
      ) : (
        <>
          <p className="small" data-testid="share-fit" data-method={model.fit.method} data-beta={model.fit.beta.toFixed(4)}>
            {model.fit.method === "maximum-likelihood"
              ? t("scenarios.shares.ml", {
                  beta: fmt(locale, model.fit.beta, 2),
                  se: model.fit.standardError === null ? "–" : fmt(locale, model.fit.standardError, 2),
                  n: model.fit.n,
                  hit: fmt(locale, 100 * model.fit.hitRate, 0),
                  chance: fmt(locale, 100 * model.fit.chanceHitRate, 0),
                  r2: fmt(locale, model.fit.pseudoRSquared, 2),
                })
              : t("scenarios.shares.fitted", { beta: fmt(locale, model.fit.beta, 2), n: model.fit.n, max: fmt(locale, model.fit.maxAbsError), rmse: fmt(locale, model.fit.rmse) })}
          </p>
          {model.fit.warnings.map((w) => (
            <p key={w} className="flag" data-warning={w}>
              {t(`scenarios.warning.${w}` as MessageKey)}
            </p>
          ))}
          <div className="table-scroll">
            <table className="profile" data-testid="base-shares">
              {model.predictions ? <caption className="small">{t("scenarios.shares.predictions")}</caption> : null}
              <thead>
                <tr>
                  <th scope="col">{t("scenarios.table.offer")}</th>
                  <th scope="col">{t(model.predictions ? "scenarios.shares.predicted" : "scenarios.shares.today")}</th>
                  <th scope="col">{t("report.intervalColumn")}</th>
                  {model.predictions ? <th scope="col">{t("scenarios.shares.entered")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.offers.map(({ code }) => {
                  const share = page.baseShares?.ok ? page.baseShares.offers.find((o) => o.offer === code) : undefined;
                  const p = model.predictions?.find((x) => x.offer === code);
                  return (
                    <tr key={code} data-offer={code}>
                      <th scope="row">{name(code)}</th>
                      <td>{share ? `${fmt(locale, share.base.estimate)}%` : "–"}</td>
                      <td>{share ? t("scenarios.shares.interval", { lower: fmt(locale, share.base.lower), upper: fmt(locale, share.base.upper) }) : "–"}</td>
                      {model.predictions ? <td>{p ? `${fmt(locale, p.entered)}%` : "–"}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {page.baseShares?.ok && page.baseShares.failed > 0 ? (
            <p className="muted small">{t("scenarios.shares.failed", { failed: page.baseShares.failed, replicates: page.baseShares.replicates })}</p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Value leads share: the chart, the slope with its interval and the reading; or what is missing. */
export function ValueLeadsPanel({ page, exportBase }: { page: ScenarioPage; exportBase: string }) {
  const { t, locale } = useT();
  const view = page.valueLeads;
  const r = view.result;
  const list = (waves: number[]) => (waves.length > 0 ? waves.map((w) => `W${w}`).join(", ") : t("scenarios.vls.none"));
  const q = page.query ? `?${page.query}` : "";
  return (
    <section className="panel" data-section="value-leads-share" aria-labelledby="h-vls">
      <h2 id="h-vls">{t("scenarios.vls.title")}</h2>
      <p className="muted small">{t("scenarios.vls.help")}</p>
      {r.ok ? (
        <>
          <ChartFrame id="value-leads-share">{(width) => <ValueLeadsChart view={view} names={page.names.offers} own={page.own} t={t} locale={locale} width={width} interactive />}</ChartFrame>
          <p className="small" data-testid="vls-result" data-slope={r.slope.toFixed(4)}>
            {t("scenarios.vls.result", {
              slope: fmt(locale, r.slope, 2),
              lower: fmt(locale, r.slopeInterval.lower, 2),
              upper: fmt(locale, r.slopeInterval.upper, 2),
              r2: r.rSquared === null ? "–" : fmt(locale, r.rSquared, 2),
              n: r.n,
            })}
          </p>
          <p className="callout" data-testid="vls-reading">
            {r.slopeInterval.lower > 0
              ? t("scenarios.vls.reading.gains", { slope: fmt(locale, r.slope, 2) })
              : r.slopeInterval.upper < 0
                ? t("scenarios.vls.reading.loses")
                : t("scenarios.vls.reading.unclear")}
          </p>
          {r.skipped.length > 0 ? (
            <p className="muted small">{t("scenarios.vls.skipped", { pairs: r.skipped.map((s) => `${page.names.offers[s.offer] ?? s.offer} W${s.wave}`).join(", ") })}</p>
          ) : null}
          <p className="small no-print export-links">
            {t("scenarios.export.vls")}:{" "}
            <a href={`${exportBase}/value-leads-share.svg${q}`} download>
              SVG
            </a>{" "}
            ·{" "}
            <a href={`${exportBase}/value-leads-share.png${q}`} download>
              PNG
            </a>
          </p>
        </>
      ) : (
        <div data-testid="vls-missing" data-reason={r.reason}>
          <p className="callout">
            {r.reason === "too-few-waves"
              ? t("scenarios.vls.tooFewWaves", { have: r.have })
              : r.reason === "too-few-observations"
                ? t("scenarios.vls.tooFewObservations", { have: r.have })
                : t(`scenarios.vls.${r.reason}`)}
          </p>
          <p className="muted small">{t("scenarios.vls.waves", { surveyed: list(view.surveyed), shares: list(view.withShares) })}</p>
        </div>
      )}
    </section>
  );
}
