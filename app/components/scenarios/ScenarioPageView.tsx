import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ScenarioPage, ShownScenario } from "~/lib/report/scenario-view";
import type { SavedScenario } from "~/lib/report/scenario-view";
import { useT } from "../use-t";
import { FairPriceNote } from "../report/FairPriceNote";
import { NotEnough } from "../report/NotEnough";
import { formatDay } from "../report/chart-kit";
import { ScenarioCard } from "./ScenarioCard";
import { SharePanel, ValueLeadsPanel } from "./ScenarioPanels";

/** Hidden inputs carrying a query string's parameters, but those named in `except`. */
function Hidden({ query, except }: { query: string; except: string[] }) {
  return (
    <>
      {[...new URLSearchParams(query)]
        .filter(([name]) => !except.includes(name))
        .map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
    </>
  );
}

/**
 * The scenario page's sections, for the researcher's page and the shared read-only one: the
 * view (price axis, line), the own fair price with "the price at the fair line" one click away,
 * the saved scenarios to compare, the scenarios side by side, share of preference and value
 * leads share, and the downloads. Editing comes in through the slots (`editor`, `preview`,
 * `savedActions`, `market`), which the shared page leaves empty.
 */
export function ScenarioPageView({
  page,
  exportBase,
  editor,
  preview,
  savedActions,
  market,
  notice,
}: {
  page: ScenarioPage;
  exportBase: string;
  editor?: ReactNode;
  preview?: ShownScenario | null | undefined;
  savedActions?: (scenario: SavedScenario) => ReactNode;
  market?: ReactNode;
  notice?: string | null | undefined;
}) {
  const { t, locale } = useT();
  const ownName = page.own ? (page.names.offers[page.own] ?? page.own) : "";
  const params = new URLSearchParams(page.query);
  params.delete("compare");
  params.set("try", "fair-price");
  if (page.pricesComplete) params.set("basis", "prices");
  const tryHref = `?${params.toString()}`;
  const q = page.query ? `?${page.query}` : "";
  return (
    <div className="scenarios" data-basis={page.basis}>
      <p className="muted small">{t("scenarios.intro")}</p>
      <p className="small" data-testid="figures-for">
        {t("scenarios.figuresFor", { filters: page.filters, n: page.analysed })}
      </p>
      {notice ? (
        <p className="notice" role="status" data-testid="scenario-notice">
          {notice}
        </p>
      ) : null}

      <Form method="get" className="panel scenario-view no-print" data-testid="scenario-view" aria-label={t("scenarios.view")}>
        <Hidden query={page.query} except={["basis", "line", "slope"]} />
        <div className="inline-fields">
          <label>
            {t("scenarios.basis")}
            <select name="basis" defaultValue={page.basis}>
              <option value="price-profile">{t("scenarios.basis.price-profile")}</option>
              <option value="prices" disabled={!page.pricesComplete}>
                {t("scenarios.basis.prices")}
              </option>
            </select>
          </label>
          <label>
            {t("report.filters.line")}
            <select name="line" defaultValue={page.options.line === "slope" ? "weights" : page.options.line}>
              {(["weights", "parity", "regression"] as const).map((line) => (
                <option key={line} value={line}>
                  {t(`report.lineOption.${line}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary">
            {t("scenarios.show")}
          </button>
        </div>
        {!page.pricesComplete ? <p className="hint">{t("scenarios.basis.needPrices")}</p> : null}
      </Form>

      {!page.base.ok ? (
        <section className="panel" data-testid="no-base">
          <NotEnough reason={page.base.reason} t={t} />
        </section>
      ) : (
        <section className="panel" data-section="fair-price" aria-labelledby="h-fair-price">
          <h2 id="h-fair-price">{t("report.fairPrice.title")}</h2>
          <FairPriceNote fair={page.fairPrice} ownName={ownName} tryHref={page.fairPriceScenario ? tryHref : undefined} t={t} locale={locale} />
        </section>
      )}

      <section className="panel" data-section="saved" aria-labelledby="h-saved">
        <h2 id="h-saved">{t("scenarios.saved.title")}</h2>
        {page.saved.length === 0 ? (
          <p className="muted" data-testid="no-saved">
            {t("scenarios.saved.none")}
          </p>
        ) : (
          <>
            <p className="muted small">{t("scenarios.saved.compareHelp", { n: 3 })}</p>
            {/* The checkboxes belong to the compare form below (form="compare-form"): a delete
                button's own form cannot sit inside another form. */}
            <ul className="study-list saved-scenarios">
              {page.saved.map((s) => (
                <li key={s.id} data-saved={s.name}>
                  <label className="compare-choice">
                    <input type="checkbox" form="compare-form" name="compare" value={s.id} defaultChecked={page.compare.includes(s.id)} disabled={s.scenario === null} />{" "}
                    <strong>{s.name}</strong>{" "}
                    <span className="muted small">
                      {s.scenario === null
                        ? t("scenarios.saved.unreadable")
                        : t("scenarios.saved.by", { date: formatDay(locale, new Date(s.updatedAt).toISOString().slice(0, 10)), who: s.updatedBy ?? t("scenarios.saved.unknown") })}
                    </span>
                  </label>
                  {savedActions ? <span className="saved-actions">{savedActions(s)}</span> : null}
                </li>
              ))}
            </ul>
            <Form method="get" id="compare-form" data-testid="compare-form">
              <Hidden query={page.query} except={["compare", "try"]} />
              <button type="submit" data-testid="compare-button">
                {t("scenarios.saved.compare")}
              </button>
            </Form>
          </>
        )}
      </section>

      {editor}
      {preview ? (
        <section className="scenario-preview" aria-label={t("scenarios.editor.previewTitle")} data-testid="scenario-preview">
          <h2>{t("scenarios.editor.previewTitle")}</h2>
          <ScenarioCard page={page} shown={preview} exportBase={exportBase} />
        </section>
      ) : null}

      <section className="scenario-compare" data-section="compare" aria-labelledby="h-compare">
        <h2 id="h-compare">{t("scenarios.compare.title")}</h2>
        {page.shown.length === 0 ? (
          <p className="muted panel">{t("scenarios.compare.none")}</p>
        ) : (
          <div className={`scenario-grid${page.shown.length > 1 ? " several" : ""}`} data-testid="scenario-grid">
            {page.shown.map((s) => (
              <ScenarioCard key={s.key} page={page} shown={s} exportBase={exportBase} />
            ))}
          </div>
        )}
      </section>

      <SharePanel page={page} />
      <ValueLeadsPanel page={page} exportBase={exportBase} />
      {market}

      {page.shown.length > 0 ? (
        <section className="panel no-print" data-section="downloads" aria-labelledby="h-scenario-downloads">
          <h2 id="h-scenario-downloads">{t("scenarios.export.title")}</h2>
          <p className="muted small">{t("scenarios.export.help")}</p>
          <p>
            <a href={`${exportBase}/scenarios.csv${q}`} download data-testid="export-csv">
              {t("scenarios.export.csv")}
            </a>{" "}
            ·{" "}
            <a href={`${exportBase}/scenarios.xlsx${q}`} download data-testid="export-xlsx">
              {t("scenarios.export.xlsx")}
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
