import { formatNumber, type MessageKey } from "~/i18n";
import type { CustomersPage, Figure } from "~/lib/customers/customers-page-view";
import { useT } from "../use-t";
import { FigureTable } from "./FigureTable";

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
        <FigureTable
          testId="customers-segments"
          headers={[t("customers.segments.segment"), t("customers.segments.count"), t("customers.segments.monetary"), t("customers.segments.invited")]}
          rows={page.segments}
          rowKey={(s) => s.segment}
          rowData={(s) => ({ "data-segment": s.segment })}
          rowHeader={(s) => t(`customers.segment.${s.segment}`)}
          cells={(s) => [s.count, money(s.monetary), s.invited]}
        />
        <h3>{t("customers.grid.title")}</h3>
        <FigureTable
          testId="customers-grid"
          headers={[`${t("customers.grid.r")} \\ ${t("customers.grid.fm")}`, 1, 2, 3, 4, 5]}
          rows={[5, 4, 3, 2, 1]}
          rowKey={(r) => r}
          rowHeader={(r) => r}
          cells={(r) => page.grid[r - 1]!}
        />
      </section>

      <section className="panel">
        <h2>{t("customers.pyramid.title")}</h2>
        <p className="muted small">{t("customers.pyramid.help")}</p>
        {page.pyramid && !page.pyramid.ok ? <p className="notice">{reason(page.pyramid.reason)}</p> : null}
        {page.pyramid?.ok ? (
          <FigureTable
            testId="customers-pyramid"
            headers={[
              t("customers.pyramid.tier"),
              t("customers.pyramid.count"),
              t("customers.pyramid.revenue"),
              t("customers.pyramid.revenueShare"),
              t("customers.pyramid.margin"),
              t("customers.pyramid.marginShare"),
              t("customers.pyramid.invited"),
            ]}
            rows={page.pyramid.tiers}
            rowKey={(tier) => tier.tier}
            rowData={(tier) => ({ "data-tier": tier.tier })}
            rowHeader={(tier) => t(`customers.tier.${tier.tier}`)}
            cells={(tier) => [
              tier.count,
              money(tier.revenue),
              figure(tier.revenueShare, (v) => pct(locale, v)),
              money(tier.margin),
              figure(tier.marginShare, (v) => pct(locale, v)),
              tier.invited,
            ]}
          />
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
            <FigureTable
              testId="customers-silent"
              headers={[
                t("customers.silent.customer"),
                t("customers.silent.score"),
                t("customers.silent.rankRatio"),
                t("customers.silent.degree"),
                t("customers.silent.recency"),
                t("customers.silent.frequency"),
                t("customers.segments.segment"),
              ]}
              rows={page.silent}
              rowKey={(c) => c.id}
              rowHeader={(c) => c.id}
              cells={(c) => [
                formatNumber(locale, c.score, 2),
                c.rankRatio === null ? "—" : formatNumber(locale, c.rankRatio, 2),
                formatNumber(locale, c.degree, 2),
                c.recency,
                c.frequency,
                t(`customers.segment.${c.segment}`),
              ]}
            />
          </>
        )}
      </section>

      <section className="panel">
        <h2>{t("customers.clv.title")}</h2>
        {page.topClv.length ? (
          <>
            <p>{t("customers.clv.top", { n: page.topClv.length })}</p>
            <FigureTable
              testId="customers-clv"
              headers={[t("customers.clv.customer"), t("customers.clv.clv"), t("customers.pyramid.tier"), t("customers.clv.cell"), t("customers.segments.segment")]}
              rows={page.topClv}
              rowKey={(c) => c.id}
              rowHeader={(c) => c.id}
              cells={(c) => [money(c.clv), c.tier ? t(`customers.tier.${c.tier}`) : "—", c.cell, t(`customers.segment.${c.segment}`)]}
            />
          </>
        ) : summary.equity.ok ? null : (
          <p className="notice">{reason(summary.equity.reason)}</p>
        )}
        <h3>{t("customers.sensitivity.title")}</h3>
        {page.sensitivity && !page.sensitivity.ok ? <p className="notice">{reason(page.sensitivity.reason)}</p> : null}
        {page.sensitivity?.ok ? (
          <FigureTable
            testId="customers-sensitivity"
            headers={[t("customers.sensitivity.corner"), ...page.sensitivity.retentions.map((r) => pct(locale, r))]}
            rows={page.sensitivity.discountRates}
            rowKey={(i) => i}
            rowHeader={(i) => pct(locale, i)}
            cells={(_, row) => (page.sensitivity?.ok ? page.sensitivity.equity[row]!.map((cell) => figure(cell, money)) : [])}
          />
        ) : null}
      </section>
    </>
  );
}
