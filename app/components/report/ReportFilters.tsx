import { Form, useLocation, useNavigation } from "@remix-run/react";
import { PYRAMID_TIERS, RFM_SEGMENTS } from "~/lib/customers/customer-codes";
import type { ReportView } from "~/lib/report/report-view";
import { formatDay, type ChartText } from "./chart-kit";

/**
 * The report's filters as a plain GET form (works without JavaScript; the URL is shareable):
 * segment, wave, flagged responses in/out, fair-value line (and slope), head-to-head
 * competitor, market-share bubbles.
 */
export function ReportFilters({ report, t, action, compareHref }: Pick<ChartText, "t"> & { report: ReportView; action?: string; compareHref?: string }) {
  const locale = report.locale;
  const o = report.options;
  const segmentValue = o.segment ? `${o.segment.question}:${o.segment.value}` : "";
  const hasShares = report.offers.some((x) => x.marketShare !== null);
  // Applying filters is a client-side navigation (no full reload once hydrated); while the new
  // figures compute, the page says so (role=status) and dims the report.
  const navigation = useNavigation();
  const location = useLocation();
  const working = navigation.state !== "idle" && navigation.location?.pathname === location.pathname;
  return (
    <>
    <Form method="get" action={action} className="panel report-filters no-print" data-testid="report-filters" preventScrollReset>
      {report.ignored.length > 0 ? (
        <p className="error" role="alert" data-testid="ignored-params">
          {t("report.filters.ignored", { params: report.ignored.join(", ") })}
        </p>
      ) : null}
      <div className="filter-grid">
        <label>
          {t("report.filters.segment")}
          <select name="segment" defaultValue={segmentValue}>
            <option value="">{t("report.filters.allRespondents")}</option>
            {report.choices.segments.map((s) => (
              <optgroup key={s.question} label={s.label}>
                {s.values.map((v) => (
                  <option key={v.value} value={`${s.question}:${v.value}`}>
                    {`${v.label} (n=${v.n}${v.n < report.smallN ? "*" : ""})`}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {compareHref && report.choices.segments.length > 0 ? (
            <a href={compareHref} className="small" data-testid="compare-segments">
              {t("report.segments.link")}
            </a>
          ) : null}
        </label>
        <label>
          {t("report.filters.wave")}
          <select name="wave" defaultValue={o.wave !== undefined ? String(o.wave) : ""}>
            <option value="">{t("report.filters.allWaves")}</option>
            {report.choices.waves.map((w) => (
              <option key={w.wave} value={String(w.wave)}>
                {`${t("report.timeline.wave", { wave: w.wave })} · ${formatDay(locale, w.date)} (n=${w.n})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("report.filters.flagged")}
          <select name="flagged" defaultValue={o.flagged}>
            <option value="out">{t("report.filters.flaggedOut")}</option>
            <option value="in">{t("report.filters.flaggedIn")}</option>
          </select>
        </label>
        <label>
          {t("report.filters.line")}
          <select name="line" defaultValue={o.line} data-testid="line-select">
            {report.choices.lines.map((line) => (
              <option key={line} value={line}>
                {t(`report.lineOption.${line}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("report.filters.slope")}
          <input name="slope" type="number" step="0.01" min="0.01" max="100" inputMode="decimal" defaultValue={o.slope !== undefined ? String(o.slope) : ""} />
        </label>
        {report.choices.competitors.length > 0 ? (
          <label>
            {t("report.filters.versus")}
            <select name="versus" defaultValue={report.versus ?? ""}>
              {report.choices.competitors.map((c) => (
                <option key={c} value={c}>
                  {report.names.offers[c] ?? c}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {report.hasCustomers ? (
          <label>
            {t("report.customers.filter")}
            <select name="customer" defaultValue={o.customer ? `${o.customer.kind}:${o.customer.value}` : ""} data-testid="customer-filter">
              <option value="">{t("report.customers.all")}</option>
              <optgroup label={t("report.customers.tier")}>
                {PYRAMID_TIERS.map((tier) => (
                  <option key={tier} value={`tier:${tier}`}>
                    {t(`customers.tier.${tier}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("report.customers.segment")}>
                {RFM_SEGMENTS.map((segment) => (
                  <option key={segment} value={`segment:${segment}`}>
                    {t(`customers.segment.${segment}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("report.customers.silentGroup")}>
                <option value="silent:silent">{t("report.customers.silent")}</option>
                <option value="silent:active">{t("report.customers.active")}</option>
              </optgroup>
            </select>
          </label>
        ) : null}
        {hasShares ? (
          <label className="check">
            <input type="checkbox" name="bubbles" value="1" defaultChecked={o.bubbles === true} /> {t("report.filters.bubbles")}
          </label>
        ) : null}
      </div>
      <p>
        <button type="submit" disabled={working}>
          {t("report.filters.apply")}
        </button>
      </p>
    </Form>
    <p className="report-working no-print" role="status" aria-live="polite" data-testid="report-working" hidden={!working}>
      {working ? t("report.chart.working") : ""}
    </p>
    </>
  );
}
