import type { ScenarioPage, ShownScenario } from "~/lib/report/scenario-view";
import { changeInWords, scenarioInWords } from "~/lib/report/scenario-words";
import type { MessageKey } from "~/i18n";
import { useT } from "../use-t";
import { ChartFrame } from "../report/ChartFrame";
import { fmt, formatDay } from "../report/chart-kit";
import { ScenarioMapChart } from "./ScenarioMapChart";

type Figures = Extract<Extract<ShownScenario["result"], { ok: true }>["comparison"][number]["base"], { ok: true }>;

/** "117.3 → 120.4" (or "117.3" when it does not move). */
function pair(locale: ScenarioPage["locale"], from: number | null, to: number | null, decimals = 1): string {
  const a = from === null ? "–" : fmt(locale, from, decimals);
  const b = to === null ? "–" : fmt(locale, to, decimals);
  return a === b ? a : `${a} → ${b}`;
}

/**
 * One scenario on the page: its value map (base points, arrows, scenario points), the changes
 * as applied, what moves in words, every offer's figures before and after, and the shares of
 * preference with their intervals; downloads of its map.
 */
export function ScenarioCard({ page, shown, exportBase }: { page: ScenarioPage; shown: ShownScenario; exportBase: string }) {
  const { t, locale } = useT();
  const names = { offers: page.names.offers, attributes: page.names.attributes };
  const result = shown.result;
  const q = page.query ? `?${page.query}` : "";
  const words = scenarioInWords(result, shown.shares, names, t, locale, page.basis);
  const cell = (f: Figures | { ok: false }, pick: (x: Figures) => number | null) => (f.ok ? pick(f) : null);
  const value = (f: Figures) => (f.customerValue.ok ? f.customerValue.value : null);
  return (
    <article className="panel scenario-card" data-scenario={shown.key} data-testid={`scenario-${shown.key}`} aria-labelledby={`h-${shown.key}`}>
      <h3 id={`h-${shown.key}`}>{shown.name}</h3>
      {shown.updatedAt !== null ? (
        <p className="muted small">
          {t("scenarios.saved.by", { date: formatDay(locale, new Date(shown.updatedAt).toISOString().slice(0, 10)), who: shown.updatedBy ?? t("scenarios.saved.unknown") })}
        </p>
      ) : null}
      {!result.ok || !page.base.ok ? (
        <p className="error" data-testid="scenario-unavailable">
          {t("scenarios.unavailable", { reason: t(`scenarios.invalid.${result.ok ? "base-map-unavailable" : result.reason}` as MessageKey) })}
        </p>
      ) : (
        <>
          <ChartFrame id={`scenario-map-${shown.key}`}>
            {(width) => (
              <ScenarioMapChart base={page.base as Extract<ScenarioPage["base"], { ok: true }>} result={result} names={page.names.offers} name={shown.name} t={t} locale={locale} width={width} interactive id={`scenario-map-${shown.key}`} />
            )}
          </ChartFrame>
          <ul className="chart-legend small muted">
            <li>{t("scenarios.legend.base")}</li>
            <li>{t("scenarios.legend.scenario")}</li>
            {result.movements.some((m) => m.code === "line") ? <li>{t("scenarios.legend.line")}</li> : null}
            {result.points.scenario.some((p) => p.frontier) && result.points.scenario.some((p) => !p.frontier) ? <li>{t("report.legend.frontier")}</li> : null}
          </ul>
          <h4>{t("scenarios.changes")}</h4>
          <ul className="small" data-testid="scenario-changes">
            {result.changes.map((c, i) => (
              <li key={i}>{changeInWords(c, names, t, locale)}</li>
            ))}
          </ul>
          <h4>{t("scenarios.words.title")}</h4>
          <ul className="small scenario-words" data-testid="scenario-words">
            {words.length > 0 ? words.map((w, i) => <li key={i}>{w}</li>) : <li>{t("scenarios.words.nothing")}</li>}
          </ul>
          <div className="table-scroll">
            <table className="profile scenario-table" data-testid="scenario-table">
              <thead>
                <tr>
                  <th scope="col">{t("scenarios.table.offer")}</th>
                  <th scope="col">{t("report.axisQuality")}</th>
                  <th scope="col">{t("report.axisPrice")}</th>
                  <th scope="col">{t("report.valueGap")}</th>
                  <th scope="col">{t("report.valueScore")}</th>
                  <th scope="col">{t("report.zone")}</th>
                </tr>
              </thead>
              <tbody>
                {result.comparison.map((c) => (
                  <tr key={c.offer} data-offer={c.offer}>
                    <th scope="row">{page.names.offers[c.offer] ?? c.offer}</th>
                    <td data-figure="quality">{pair(locale, cell(c.base, (f) => f.quality), cell(c.scenario, (f) => f.quality))}</td>
                    <td data-figure="relative-price">{pair(locale, cell(c.base, (f) => f.relativePrice), cell(c.scenario, (f) => f.relativePrice))}</td>
                    <td data-figure="vertical-value">{pair(locale, cell(c.base, (f) => f.verticalValue), cell(c.scenario, (f) => f.verticalValue))}</td>
                    <td data-figure="customer-value">{pair(locale, cell(c.base, value), cell(c.scenario, value))}</td>
                    <td data-figure="zone">
                      {c.base.ok ? t(`report.zone.${c.base.zone}`) : t("scenarios.table.offMap")}
                      {c.scenario.ok && (!c.base.ok || c.scenario.zone !== c.base.zone) ? ` → ${t(`report.zone.${c.scenario.zone}`)}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.shares?.ok ? (
            <div className="table-scroll">
              <table className="profile scenario-shares" data-testid="scenario-shares">
                <caption className="small">{t("scenarios.shares.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("scenarios.table.offer")}</th>
                    <th scope="col">{t("scenarios.shares.today")}</th>
                    <th scope="col">{t("scenarios.shares.scenario")}</th>
                    <th scope="col">{t("scenarios.shares.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.shares.offers.map((o) => (
                    <tr key={o.offer} data-offer={o.offer}>
                      <th scope="row">{page.names.offers[o.offer] ?? o.offer}</th>
                      <td>
                        {fmt(locale, o.base.estimate)}% <span className="muted small">({fmt(locale, o.base.lower)}–{fmt(locale, o.base.upper)})</span>
                      </td>
                      <td>
                        {fmt(locale, o.scenario.estimate)}% <span className="muted small">({fmt(locale, o.scenario.lower)}–{fmt(locale, o.scenario.upper)})</span>
                      </td>
                      <td data-change={o.change.estimate.toFixed(4)}>
                        {fmt(locale, o.change.estimate)} <span className="muted small">({fmt(locale, o.change.lower)}–{fmt(locale, o.change.upper)})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.changes.some((c) => "priceFactor" in c) && shown.shares?.ok ? <p className="muted small">{t("scenarios.shares.priceNote")}</p> : null}
          {shown.key !== "draft" ? (
            <p className="small no-print export-links">
              {t("scenarios.export.map", { name: shown.name })}:{" "}
              <a href={`${exportBase}/scenario-map-${shown.key}.svg${q}`} download data-testid={`export-svg-${shown.key}`}>
                SVG
              </a>{" "}
              ·{" "}
              <a href={`${exportBase}/scenario-map-${shown.key}.png${q}`} download>
                PNG
              </a>
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}
