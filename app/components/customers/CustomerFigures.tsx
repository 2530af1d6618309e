import { formatNumber, type MessageKey } from "~/i18n";
import type { CustomersPage, Figure } from "~/lib/customers/customers-page-view";
import { useT } from "../use-t";

const pct = (locale: "en" | "zh-CN", value: number) => `${formatNumber(locale, value * 100, 1)} %`;

/** The customers page's figures: summary, RFM segments and grid, pyramid, silent list, CLV list, sensitivity. */
export function CustomerFigures({ page }: { page: CustomersPage }) {
  const { t, locale } = useT();
  const money = (v: number) => formatNumber(locale, v, 2);
  const reason = (r: string) => t(`customers.reason.${r}` as MessageKey);
  const figure = (f: Figure, show: (v: number) => string) => (f.ok ? show(f.value) : reason(f.reason));
  if (page.unavailable) return <p className="notice" data-testid="customers-unavailable">{reason(page.unavailable)}</p>;
  const summary = page.summary;
  if (!summary) return null;
  return (
    <>
      <section className="panel" data-testid="customers-summary">
        <h2>{t("customers.summary.title")}</h2>
        <ul>
          <li>{t("customers.summary.customers", { n: summary.count, date: page.analysisDate ?? "" })}</li>
          <li>{t("customers.summary.transactions", { n: page.transactions })}</li>
          {summary.withoutPurchases > 0 ? <li>{t("customers.summary.withoutPurchases", { n: summary.withoutPurchases })}</li> : null}
          {summary.afterAnalysisDate > 0 ? <li>{t("customers.summary.after", { n: summary.afterAnalysisDate })}</li> : null}
          <li data-testid="customers-retention">
            {t("customers.summary.retention")}:{" "}
            {summary.retention.ok
              ? `${pct(locale, summary.retention.value)} (${t(`customers.summary.retention.${summary.retention.source}`)})`
              : reason(summary.retention.reason)}
          </li>
          <li data-testid="customers-equity">
            <strong>{t("customers.summary.equity")}</strong>:{" "}
            {summary.equity.ok ? `${money(summary.equity.value)} (${t("customers.summary.equityActive", { n: summary.equity.activeCustomers })})` : reason(summary.equity.reason)}
          </li>
        </ul>
      </section>

      <section className="panel">
        <h2>{t("customers.segments.title")}</h2>
        <p className="muted small">{t("customers.segments.help")}</p>
        <div className="table-scroll">
          <table className="profile" data-testid="customers-segments">
            <thead>
              <tr>
                <th scope="col">{t("customers.segments.segment")}</th>
                <th scope="col">{t("customers.segments.count")}</th>
                <th scope="col">{t("customers.segments.monetary")}</th>
                <th scope="col">{t("customers.segments.invited")}</th>
              </tr>
            </thead>
            <tbody>
              {page.segments.map((s) => (
                <tr key={s.segment} data-segment={s.segment}>
                  <th scope="row">{t(`customers.segment.${s.segment}`)}</th>
                  <td>{s.count}</td>
                  <td>{money(s.monetary)}</td>
                  <td>{s.invited}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("customers.grid.title")}</h3>
        <div className="table-scroll">
          <table className="profile" data-testid="customers-grid">
            <thead>
              <tr>
                <th scope="col">
                  {t("customers.grid.r")} \ {t("customers.grid.fm")}
                </th>
                {[1, 2, 3, 4, 5].map((fm) => (
                  <th scope="col" key={fm}>
                    {fm}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[5, 4, 3, 2, 1].map((r) => (
                <tr key={r}>
                  <th scope="row">{r}</th>
                  {page.grid[r - 1]!.map((n, i) => (
                    <td key={i}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel">
        <h2>{t("customers.pyramid.title")}</h2>
        <p className="muted small">{t("customers.pyramid.help")}</p>
        {page.pyramid && !page.pyramid.ok ? <p className="notice">{reason(page.pyramid.reason)}</p> : null}
        {page.pyramid?.ok ? (
          <div className="table-scroll">
            <table className="profile" data-testid="customers-pyramid">
              <thead>
                <tr>
                  <th scope="col">{t("customers.pyramid.tier")}</th>
                  <th scope="col">{t("customers.pyramid.count")}</th>
                  <th scope="col">{t("customers.pyramid.revenue")}</th>
                  <th scope="col">{t("customers.pyramid.revenueShare")}</th>
                  <th scope="col">{t("customers.pyramid.margin")}</th>
                  <th scope="col">{t("customers.pyramid.marginShare")}</th>
                  <th scope="col">{t("customers.pyramid.invited")}</th>
                </tr>
              </thead>
              <tbody>
                {page.pyramid.tiers.map((tier) => (
                  <tr key={tier.tier} data-tier={tier.tier}>
                    <th scope="row">{t(`customers.tier.${tier.tier}`)}</th>
                    <td>{tier.count}</td>
                    <td>{money(tier.revenue)}</td>
                    <td>{figure(tier.revenueShare, (v) => pct(locale, v))}</td>
                    <td>{money(tier.margin)}</td>
                    <td>{figure(tier.marginShare, (v) => pct(locale, v))}</td>
                    <td>{tier.invited}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("customers.silent.title")}</h2>
        <p className="muted small">{t("customers.silent.help")}</p>
        {page.silentCount === 0 ? (
          <p>{t("customers.silent.none")}</p>
        ) : (
          <>
            <p>{t("customers.silent.count", { n: page.silentCount, shown: page.silent.length })}</p>
            <div className="table-scroll">
              <table className="profile" data-testid="customers-silent">
                <thead>
                  <tr>
                    <th scope="col">{t("customers.silent.customer")}</th>
                    <th scope="col">{t("customers.silent.score")}</th>
                    <th scope="col">{t("customers.silent.rankRatio")}</th>
                    <th scope="col">{t("customers.silent.degree")}</th>
                    <th scope="col">{t("customers.silent.recency")}</th>
                    <th scope="col">{t("customers.silent.frequency")}</th>
                    <th scope="col">{t("customers.segments.segment")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.silent.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.id}</th>
                      <td>{formatNumber(locale, c.score, 2)}</td>
                      <td>{c.rankRatio === null ? "—" : formatNumber(locale, c.rankRatio, 2)}</td>
                      <td>{formatNumber(locale, c.degree, 2)}</td>
                      <td>{c.recency}</td>
                      <td>{c.frequency}</td>
                      <td>{t(`customers.segment.${c.segment}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="panel">
        <h2>{t("customers.clv.title")}</h2>
        {page.topClv.length ? (
          <>
            <p>{t("customers.clv.top", { n: page.topClv.length })}</p>
            <div className="table-scroll">
              <table className="profile" data-testid="customers-clv">
                <thead>
                  <tr>
                    <th scope="col">{t("customers.clv.customer")}</th>
                    <th scope="col">{t("customers.clv.clv")}</th>
                    <th scope="col">{t("customers.pyramid.tier")}</th>
                    <th scope="col">{t("customers.clv.cell")}</th>
                    <th scope="col">{t("customers.segments.segment")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.topClv.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.id}</th>
                      <td>{money(c.clv)}</td>
                      <td>{c.tier ? t(`customers.tier.${c.tier}`) : "—"}</td>
                      <td>{c.cell}</td>
                      <td>{t(`customers.segment.${c.segment}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : summary.equity.ok ? null : (
          <p className="notice">{reason(summary.equity.reason)}</p>
        )}
        <h3>{t("customers.sensitivity.title")}</h3>
        {page.sensitivity && !page.sensitivity.ok ? <p className="notice">{reason(page.sensitivity.reason)}</p> : null}
        {page.sensitivity?.ok ? (
          <div className="table-scroll">
            <table className="profile" data-testid="customers-sensitivity">
              <thead>
                <tr>
                  <th scope="col">{t("customers.sensitivity.corner")}</th>
                  {page.sensitivity.retentions.map((r) => (
                    <th scope="col" key={r}>
                      {pct(locale, r)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.sensitivity.discountRates.map((i, row) => (
                  <tr key={i}>
                    <th scope="row">{pct(locale, i)}</th>
                    {page.sensitivity?.ok ? page.sensitivity.equity[row]!.map((cell, col) => <td key={col}>{figure(cell, money)}</td>) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
