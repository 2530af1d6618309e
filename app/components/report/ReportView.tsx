// One screen's markup: the report page's sections in their order (each chart and table is its own component).
import { NotEnough } from "./NotEnough";
import type { UnavailableReason } from "../../../analysis/unavailable-reasons";
import type { ReportView as ReportData } from "~/lib/report/report-view";
import { fmt } from "./chart-kit";
import { CvsBand } from "./CvsBand";
import { HeadToHeadChart } from "./HeadToHeadChart";
import { ImportanceChart } from "./ImportanceChart";
import { BOOTSTRAP_UP_TO } from "~/lib/report/report-intervals";
import { IntervalText } from "./IntervalText";
import { shownIntervals } from "./shown-intervals";
import { ProfileTable } from "./ProfileTable";
import { SmallN } from "./SmallN";
import { MethodsSections } from "./MethodsSections";
import { ToolsSections } from "./ToolsSections";
import { TimelineChart } from "./TimelineChart";
import { ValueMapInteractive } from "./ValueMapInteractive";
import { WhatWhoChart } from "./WhatWhoChart";
import { KeyAccountsTable } from "./KeyAccountsSection";
import { WonLostSection } from "./WonLostSection";
import { ChartFrame } from "./ChartFrame";
import { HeadToHeadTable, ImportanceTable, TimelineTable } from "./ChartTables";
import { FairPriceNote } from "./FairPriceNote";
import { PriceEvidence } from "./PriceEvidence";
import { FormulaTip } from "./FormulaTip";
import { PrintHeader } from "./PrintHeader";
import { Takeaway } from "./Takeaway";
import { useT } from "../use-t";

function Section({ id, title, children, help }: { id: string; title: string; help?: string; children: React.ReactNode }) {
  return (
    <section className="panel report-section" data-section={id} aria-labelledby={`h-${id}`}>
      <h2 id={`h-${id}`}>{title}</h2>
      {help ? <p className="muted small">{help}</p> : null}
      {children}
    </section>
  );
}

/**
 * Every section of the report (without the study navigation and the filters): headline scores,
 * value map, profiles with the customer value score band, head-to-head, won/lost, key events
 * timeline, what/who, stated vs derived importance. Used by the researcher's report page and the
 * signed-out shared page; texts in `report.locale`, no data fetching.
 */
export function ReportView({
  report,
  shared = false,
  today,
  filters,
  scenariosHref,
}: {
  report: ReportData;
  /** the study's scenario page (researcher's or shared), with the report's options; links the fair price to it */
  scenariosHref?: string;
  shared?: boolean;
  /** YYYY-MM-DD, for the printed pages' header */
  today?: string;
  /** the filter form, shown under the takeaway (readers see the conclusion first, on a phone too) */
  filters?: React.ReactNode;
}) {
  const locale = report.locale;
  const { t } = useT();
  const text = { t, locale };
  const a = report.analysis;
  const smallN = report.smallN;
  const ownName = report.own ? (report.names.offers[report.own] ?? report.own) : "";
  const boot = shownIntervals(a);
  const own = boot?.own;
  const n = (v: number, d = 1) => fmt(locale, v, d);

  const tableLabel = t("report.chart.table");
  const label = (key: "quality" | "satisfaction" | "relativePrice" | "valueScore" | "valueGap", name: string) => (
    <>
      {name} <FormulaTip text={t(`report.formula.${key}`)} label={name} />
    </>
  );
  return (
    <div className="report" data-shared={shared ? "true" : undefined} data-version={report.dataVersion}>
      {today ? <PrintHeader report={report} today={today} /> : null}
      <p className="report-summary" data-testid="respondents">
        {t("report.analysed", { n: report.counts.analysed, complete: report.counts.complete })}
        {report.counts.leftOut > 0 ? <span className="muted"> · {t("report.leftOut", { n: report.counts.leftOut })}</span> : null}
        {report.counts.analysed > 0 && report.counts.analysed < smallN ? <span className="flag"> · {t("report.smallSample")}</span> : null}
      </p>
      {report.methods.source.mixed && report.methods.source.version !== null ? (
        <p className="muted small" data-testid="methods-mixed">
          {t("report.methods.mixed", { version: report.methods.source.version })}
        </p>
      ) : null}
      <p className="muted small small-n-legend">
        <span className="small-n">*</span> {t("report.smallN.legend", { n: smallN })}
      </p>
      <Takeaway report={report} />
      {filters}

      {!a ? (
        <section className="panel">
          <p data-testid="no-data">{report.counts.complete === 0 ? t("report.noResponses") : t("report.noneInFilter")}</p>
        </section>
      ) : (
        <>
          <div className="scores" data-section="scores">
            {a.qualityProfile.ok ? (
              <div className="score">
                {label("quality", t("report.qualityScore"))}
                <strong data-testid="score-q">{n(a.qualityProfile.score)}</strong>
                <IntervalText interval={own?.quality} {...text} />
                <SmallN n={a.qualityProfile.n} smallN={smallN} t={t} />
              </div>
            ) : null}
            {a.priceProfile.ok ? (
              <>
                <div className="score">
                  {label("satisfaction", t("report.satisfactionScore"))}
                  <strong data-testid="score-s">{n(a.priceProfile.score)}</strong>
                  <IntervalText interval={own?.satisfaction} {...text} />
                  <SmallN n={a.priceProfile.n} smallN={smallN} t={t} />
                </div>
                <div className="score">
                  {label("relativePrice", t("report.relativePrice"))}
                  <strong data-testid="score-rp">{n(a.priceProfile.relativePrice)}</strong>
                  <IntervalText interval={own?.relativePrice} {...text} />
                  <SmallN n={a.priceProfile.n} smallN={smallN} t={t} />
                </div>
              </>
            ) : null}
            {a.valueScore.ok ? (
              <div className="score">
                {label("valueScore", t("report.valueScore"))}
                <strong data-testid="score-v">{n(a.valueScore.value)}</strong>
                <span data-testid="band">{t(`report.band.${a.valueScore.band}`)}</span>
                <IntervalText interval={own?.value} {...text} />
                <SmallN n={report.counts.analysed} smallN={smallN} t={t} />
              </div>
            ) : null}
          </div>

          <Section id="value-map" title={t("report.valueMap")} help={t("report.valueMapHelp")}>
            {a.valueMap.ok ? (
              <>
                <p className="small" data-testid="line-name">
                  {t(`report.lineName.${a.valueMap.line.kind}`, { slope: n(a.valueMap.line.slope, 2) })}
                </p>
                <ValueMapInteractive report={report} />
                <ul className="chart-legend small muted">
                  <li>
                    {boot?.method === "delta"
                      ? t("report.legend.whiskersDelta", { limit: n(BOOTSTRAP_UP_TO, 0) })
                      : t("report.legend.whiskers", { replicates: boot?.replicates ?? 0 })}
                  </li>
                  <li>{t("report.legend.band", { band: n(a.valueMap.band, 0) })}</li>
                  {a.valueMap.points.some((x) => x.frontier) && a.valueMap.points.some((x) => !x.frontier) ? <li>{t("report.legend.frontier")}</li> : null}
                  {report.options.bubbles ? <li>{t("report.legend.bubbles")}</li> : null}
                  {report.options.wave === undefined && report.timeline.ok && report.timeline.waves.length > 1 ? (
                    <li>{t("report.legend.trail")}</li>
                  ) : null}
                </ul>
                <div className="table-scroll">
                  <table className="profile" data-testid="map-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("report.offer")}</th>
                        <th scope="col">{t("report.axisQuality")}</th>
                        <th scope="col">{t("report.intervalColumn")}</th>
                        <th scope="col">{t("report.axisPrice")}</th>
                        <th scope="col">{t("report.intervalColumn")}</th>
                        <th scope="col">{label("valueGap", t("report.valueGap"))}</th>
                        <th scope="col">{t("report.zone")}</th>
                        <th scope="col">n</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.valueMap.points.map((p) => (
                        <tr key={p.offer} data-offer={p.offer}>
                          <td>
                            {report.names.offers[p.offer] ?? p.offer}
                            {p.frontier && a.valueMap.ok && a.valueMap.points.some((x) => !x.frontier) ? <span className="muted small"> · {t("report.frontier")}</span> : null}
                          </td>
                          <td>{n(p.quality)}</td>
                          <td>
                            <IntervalText interval={boot?.offers[p.offer]?.quality} bare {...text} />
                          </td>
                          <td>{n(p.relativePrice)}</td>
                          <td>
                            <IntervalText interval={boot?.offers[p.offer]?.relativePrice} bare {...text} />
                          </td>
                          <td>{n(p.value)}</td>
                          <td>{t(`report.zone.${p.zone}`)}</td>
                          <td data-testid={`n-${p.offer}`}>
                            <SmallN n={p.n} smallN={smallN} t={t} bare />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <FairPriceNote
                  fair={report.fairPrice}
                  ownName={ownName}
                  tryHref={
                    scenariosHref
                      ? `${scenariosHref}${scenariosHref.includes("?") ? "&" : "?"}try=fair-price${report.offers.every((o) => o.price !== null && o.price > 0) ? "&basis=prices" : ""}`
                      : undefined
                  }
                  {...text}
                />
                <PriceEvidence report={report} ownName={ownName} {...text} />
                {scenariosHref ? (
                  <p className="small no-print">
                    <a href={scenariosHref} data-testid="scenarios-link">
                      {t("report.scenariosLink")}
                    </a>
                  </p>
                ) : null}
                {a.valueMap.unavailable.length > 0 ? (
                  <p className="muted small">
                    {t("report.notOnMap", {
                      offers: a.valueMap.unavailable.map((u) => report.names.offers[u.offer] ?? u.offer).join(", "),
                    })}
                  </p>
                ) : null}
              </>
            ) : (
              <NotEnough reason={a.valueMap.reason} t={t} />
            )}
          </Section>

          <Section id="profiles" title={t("report.profiles")}>
            <h3>{t("report.qualityProfile")}</h3>
            {a.qualityProfile.ok ? (
              <ProfileTable
                rows={a.qualityProfile.attributes}
                score={a.qualityProfile.score}
                ratioIntervals={own?.ratios}
                names={report.names.attributes}
                ownName={ownName}
                caption={t("report.profileVs", { own: ownName })}
                smallN={smallN}
                testId="quality-profile"
                {...text}
              />
            ) : (
              <NotEnough reason={a.qualityProfile.reason} t={t} />
            )}
            <h3>{t("report.priceProfile")}</h3>
            {a.priceProfile.ok ? (
              <ProfileTable
                rows={a.priceProfile.attributes}
                score={a.priceProfile.score}
                ratioIntervals={own?.ratios}
                names={report.names.attributes}
                ownName={ownName}
                caption={t("report.profileVs", { own: ownName })}
                smallN={smallN}
                testId="price-profile"
                {...text}
              />
            ) : (
              <NotEnough reason={a.priceProfile.reason} t={t} />
            )}
            <h3>{t("report.cvs.title")}</h3>
            {a.valueScore.ok ? <CvsBand value={a.valueScore.value} band={a.valueScore.band} interval={own?.value} {...text} /> : <NotEnough reason={a.valueScore.reason} t={t} />}
          </Section>

          <Section
            id="head-to-head"
            title={t("report.h2h.section")}
            help={t("report.h2h.help")}
          >
            {report.versus && a.headToHead[report.versus] ? (
              <>
                <p className="small">
                  {t("report.h2h.versus", {
                    own: ownName,
                    other: report.names.offers[report.versus] ?? report.versus,
                  })}{" "}
                  · {ownName}: <SmallN n={a.means.nOffer[report.own ?? ""] ?? 0} smallN={smallN} t={t} /> ·{" "}
                  {report.names.offers[report.versus] ?? report.versus}: <SmallN n={a.means.nOffer[report.versus] ?? 0} smallN={smallN} t={t} />
                </p>
                <ChartFrame id="head-to-head" table={<HeadToHeadTable report={report} {...text} />} tableLabel={tableLabel}>
                  {(width) => <HeadToHeadChart report={report} {...text} width={width} interactive />}
                </ChartFrame>
                {!a.headToHead[report.versus]!.quality.ok ? <NotEnough reason={(a.headToHead[report.versus]!.quality as { reason: UnavailableReason }).reason} t={t} /> : null}
              </>
            ) : (
              <NotEnough reason="no-reference-ratings" t={t} />
            )}
          </Section>

          <Section id="won-lost" title={t("report.wonLost.title")} help={t("report.wonLost.help")}>
            <WonLostSection report={report} {...text} />
          </Section>
        </>
      )}

      <Section id="timeline" title={t("report.timeline.title")} help={t("report.timeline.help")}>
        {report.timeline.ok && report.timeline.series.length > 0 ? (
          <>
            {report.timeline.waves.length < 2 ? <p className="muted small">{t("report.timeline.oneWave")}</p> : null}
            <ChartFrame id="timeline" table={<TimelineTable report={report} {...text} />} tableLabel={tableLabel}>
              {(width) => <TimelineChart report={report} {...text} width={width} interactive />}
            </ChartFrame>
          </>
        ) : (
          <NotEnough reason={report.timeline.ok ? "no-responses" : report.timeline.reason} t={t} />
        )}
        {report.events.length === 0 ? <p className="muted small">{t("report.timeline.noEvents")}</p> : null}
      </Section>

      {report.keyAccounts ? (
        <Section id="key-accounts" title={t("report.keyAccounts.title")} help={t("report.keyAccounts.help")}>
          <KeyAccountsTable report={report} t={t} />
        </Section>
      ) : null}

      <Section id="what-who" title={t("report.whatWho.title")} help={t("report.whatWho.help")}>
        {report.whatWho.result.ok ? (
          <>
            <ChartFrame id="what-who">{(width) => <WhatWhoChart report={report} {...text} width={width} interactive />}</ChartFrame>
            <div className="table-scroll">
              <table className="profile" data-testid="what-who-table">
                <thead>
                  <tr>
                    <th scope="col">{t("report.whatWho.function")}</th>
                    <th scope="col">{t("report.whatWho.priority")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.whatWho.result.functions.map((f) => (
                    <tr key={f.id}>
                      <td>{`${f.rank}. ${report.whatWho.functions.find((x) => x.key === f.id)?.name ?? f.id}`}</td>
                      <td>{n(f.priority)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <NotEnough reason={report.whatWho.result.reason} t={t} />
        )}
      </Section>

      {a ? (
        <Section id="importance" title={t("report.importance.title")} help={t("report.importance.help")}>
          {a.derivedImportance.ok ? (
            <>
              <p className="small">
                {t("report.importance.fit", { r2: n(a.derivedImportance.rSquared, 2) })} · <SmallN n={a.derivedImportance.nRespondents} smallN={smallN} t={t} />
              </p>
              <ChartFrame id="importance" table={<ImportanceTable report={report} {...text} />} tableLabel={tableLabel}>
                {(width) => <ImportanceChart report={report} {...text} width={width} interactive />}
              </ChartFrame>
              {a.derivedImportance.mostDifferent.length > 0 &&
              a.derivedImportance.rows.some((r) => r.rankDifference !== 0) ? (
                <p className="callout" data-testid="rank-disagreement">
                  {t("report.importance.callout", {
                    attributes: a.derivedImportance.mostDifferent.map((id) => report.names.attributes[id] ?? id).join(", "),
                  })}
                </p>
              ) : (
                <p className="muted small">{t("report.importance.agree")}</p>
              )}
            </>
          ) : (
            <NotEnough reason={a.derivedImportance.reason} t={t} />
          )}
        </Section>
      ) : null}
      <ToolsSections report={report} {...text} />
      <MethodsSections report={report} {...text} />
    </div>
  );
}
