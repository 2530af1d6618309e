// One screen part's markup: the report's MaxDiff and price research sections with their charts and figures.
import type { DemandCurvePoint, PricePoint } from "../../../analysis/index";
import type { UnavailableReason } from "../../../analysis/unavailable-reasons";
import type { ReportView } from "~/lib/report/report-view";
import { ChartFrame } from "./ChartFrame";
import { COLORS, fmt, type ChartText } from "./chart-kit";
import { MaxDiffChart, type MaxDiffRow } from "./MaxDiffChart";
import { NotEnough } from "./NotEnough";
import { PriceLineChart, type PriceMarker } from "./PriceLineChart";
import { SmallN } from "./SmallN";

function Section({ id, title, help, children }: { id: string; title: string; help: string; children: React.ReactNode }) {
  return (
    <section className="panel report-section" data-section={id} aria-labelledby={`h-${id}`}>
      <h2 id={`h-${id}`}>{title}</h2>
      <p className="muted small">{help}</p>
      {children}
    </section>
  );
}

/** A table of named figures (the price points), each row marked with its key for tests and copying. */
function Figures({ id, rows, t }: Pick<ChartText, "t"> & { id: string; rows: Array<{ key: string; label: string; value: string }> }) {
  return (
    <table className="figures" data-testid={id}>
      <thead>
        <tr>
          <th scope="col">{t("report.price.figure")}</th>
          <th scope="col">{t("report.price.value")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-figure={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The report's sections of the research methods the study asks for (issue 19): MaxDiff
 * importance shares beside the stated weights, and the price research block (Van Westendorp's
 * four curves with PMC, PME, OPP, IPP and the acceptable range; Newton–Miller–Smith demand and
 * revenue; Gabor–Granger demand and its revenue-maximising price). Nothing when not asked.
 */
export function MethodsSections({ report, t, locale }: ChartText & { report: ReportView }) {
  const a = report.analysis;
  if (!a) return null;
  const text = { t, locale };
  const smallN = report.smallN;
  const tableLabel = t("report.chart.table");
  const currency = report.methods.price?.currency ?? "";
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const price = (v: number) => number.format(v);
  const money = (v: number) => (currency ? `${number.format(v)} ${currency}` : number.format(v));
  const xLabel = currency ? t("report.price.priceIn", { currency }) : t("report.price.price");
  const point = (p: PricePoint) => (p.ok ? money(p.price) : t(`reason.${p.reason}`));

  let maxDiff: React.ReactNode = null;
  if (report.methods.maxDiff) {
    // Each kind asked by MaxDiff is analysed on its own (docs/method.md §7); with both kinds the
    // price kind's chart follows quality's under its own heading.
    const { kinds, stated: statedShares } = report.methods.maxDiff;
    const both = kinds.length > 1;
    const oneKind = (kind: "quality" | "price"): React.ReactNode => {
      const chartId = both && kind === "price" ? "maxdiff-price" : "maxdiff";
      const m = a.maxDiffByKind[kind];
      const u = m.ok && m.utilities.ok ? m.utilities : null;
      if (u) {
        const stated = statedShares;
        const rows: MaxDiffRow[] = [...u.items]
          .sort((x, y) => y.share - x.share)
          .map((item) => ({
            id: item.id,
            name: report.names.attributes[item.id] ?? item.id,
            share: item.share,
            lower: item.shareInterval.ok ? item.shareInterval.lower : null,
            upper: item.shareInterval.ok ? item.shareInterval.upper : null,
            stated: stated[item.id] ?? null,
          }));
        const table = (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.maxDiff.attribute")}</th>
                <th scope="col">{t("report.maxDiff.share")}</th>
                <th scope="col">95 %</th>
                <th scope="col">{t("report.maxDiff.stated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-attribute={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>{fmt(locale, r.share)}</td>
                  <td>{r.lower !== null && r.upper !== null ? t("report.maxDiff.interval", { lower: fmt(locale, r.lower), upper: fmt(locale, r.upper) }) : t("report.maxDiff.noInterval")}</td>
                  <td>{r.stated !== null ? fmt(locale, r.stated) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
        return (
          <>
            {both ? <h3>{kind === "quality" ? t("report.maxDiff.kindQuality") : t("report.maxDiff.kindPrice")}</h3> : null}
            <p className="small">
              <SmallN n={u.respondents.length} smallN={smallN} t={t} />
            </p>
            <ChartFrame
              id={chartId}
              tableLabel={tableLabel}
              table={table}
            >
              {(width) => <MaxDiffChart rows={rows} {...text} width={width} interactive />}
            </ChartFrame>
            {/* On paper the chart's table is printed (the toggle is not). */}
            <div className="print-only" data-print-table={chartId}>
              {table}
            </div>
          </>
        );
      }
      return <NotEnough reason={(m.ok ? (m.utilities as { reason: UnavailableReason }).reason : m.reason) as UnavailableReason} t={t} />;
    };
    maxDiff = kinds.map((kind) => (
      <div key={kind} data-maxdiff-kind={kind}>
        {oneKind(kind)}
      </div>
    ));
  }

  let priceBlock: React.ReactNode = null;
  if (report.methods.price) {
    const { vanWestendorp: psm, newtonMillerSmith: nms, gaborGranger: gg } = a.priceResearch;
    const demandChart = (id: string, title: string, curve: DemandCurvePoint[], markers: PriceMarker[]) => {
      const top = Math.max(...curve.map((c) => c.revenue));
      return (
        <ChartFrame id={id}>
          {(width) => (
            <PriceLineChart
              id={id}
              title={title}
              {...text}
              width={width}
              interactive
              xLabel={xLabel}
              price={price}
              series={[
                { key: "demand", label: t("report.price.demand"), color: COLORS.own, points: curve.map((c) => [c.price, c.demand] as const) },
                { key: "revenue", label: t("report.price.revenue"), color: "#c2410c", dashed: true, points: curve.map((c) => [c.price, top > 0 ? c.revenue / top : 0] as const) },
              ]}
              markers={markers}
            />
          )}
        </ChartFrame>
      );
    };
    priceBlock = (
      <>
        <h3>{t("report.price.psm")}</h3>
        {psm.ok ? (
          <>
            <p className="small">
              <SmallN n={psm.n} smallN={smallN} t={t} />
              {psm.dropped > 0 ? <span className="muted"> · {t("report.price.dropped", { n: psm.dropped })}</span> : null}
            </p>
            <ChartFrame id="psm">
              {(width) => (
                <PriceLineChart
                  id="psm"
                  title={t("report.price.psm")}
                  {...text}
                  width={width}
                  interactive
                  xLabel={xLabel}
                  price={price}
                  range={psm.range.ok ? psm.range : undefined}
                  series={[
                    { key: "tooCheap", label: t("report.price.tooCheap"), color: "#047857", dashed: true, points: psm.curves.map((c) => [c.price, c.tooCheap] as const) },
                    { key: "notCheap", label: t("report.price.notCheap"), color: "#047857", points: psm.curves.map((c) => [c.price, c.notCheap] as const) },
                    { key: "notExpensive", label: t("report.price.notExpensive"), color: COLORS.bad, points: psm.curves.map((c) => [c.price, c.notExpensive] as const) },
                    { key: "tooExpensive", label: t("report.price.tooExpensive"), color: COLORS.bad, dashed: true, points: psm.curves.map((c) => [c.price, c.tooExpensive] as const) },
                  ]}
                  markers={(["pmc", "opp", "ipp", "pme"] as const).flatMap((k) => {
                    const p = psm[k];
                    return p.ok ? [{ key: k, short: k.toUpperCase(), tip: `${t(`report.price.${k}`)}: ${money(p.price)}`, price: p.price }] : [];
                  })}
                />
              )}
            </ChartFrame>
            <Figures
              id="psm-points"
              t={t}
              rows={[
                ...(["pmc", "opp", "ipp", "pme"] as const).map((k) => ({ key: k, label: t(`report.price.${k}`), value: point(psm[k]) })),
                {
                  key: "range",
                  label: t("report.price.range"),
                  value: psm.range.ok ? t("report.price.rangeValue", { lower: money(psm.range.lower), upper: money(psm.range.upper) }) : t(`reason.${psm.range.reason}`),
                },
              ]}
            />
          </>
        ) : (
          <NotEnough reason={psm.reason as UnavailableReason} t={t} />
        )}

        <h3>{t("report.price.nms")}</h3>
        {nms.ok ? (
          <>
            <p className="small">
              <SmallN n={nms.n} smallN={smallN} t={t} />
            </p>
            {demandChart("nms", t("report.price.nms"), nms.curve, [
              { key: "revenueMax", short: "R", tip: `${t("report.price.revenueMax")}: ${money(nms.revenueMaximising.price)}`, price: nms.revenueMaximising.price },
            ])}
            <Figures
              id="nms-points"
              t={t}
              rows={[
                { key: "demandMax", label: t("report.price.demandMax"), value: money(nms.demandMaximising.price) },
                { key: "revenueMax", label: t("report.price.revenueMax"), value: money(nms.revenueMaximising.price) },
              ]}
            />
          </>
        ) : (
          <NotEnough reason={nms.reason as UnavailableReason} t={t} />
        )}

        {report.methods.price.ladder ? (
          <>
            <h3>{t("report.price.gg")}</h3>
            {gg.ok ? (
              <>
                <p className="small">
                  <SmallN n={gg.n} smallN={smallN} t={t} />
                </p>
                {demandChart("gg", t("report.price.gg"), gg.curve, [
                  { key: "revenueMax", short: "R", tip: `${t("report.price.revenueMax")}: ${money(gg.revenueMaximising.price)}`, price: gg.revenueMaximising.price },
                ])}
                <Figures
                  id="gg-points"
                  t={t}
                  rows={[
                    ...gg.curve.map((c) => ({
                      key: `demand-${c.price}`,
                      label: `${t("report.price.demand")} · ${money(c.price)}`,
                      value: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(c.demand),
                    })),
                    { key: "revenueMax", label: t("report.price.revenueMax"), value: money(gg.revenueMaximising.price) },
                  ]}
                />
              </>
            ) : (
              <NotEnough reason={gg.reason as UnavailableReason} t={t} />
            )}
          </>
        ) : null}
      </>
    );
  }

  return (
    <>
      {maxDiff !== null ? (
        <Section id="maxdiff" title={t("report.maxDiff.title")} help={t("report.maxDiff.help")}>
          {maxDiff}
        </Section>
      ) : null}
      {priceBlock !== null ? (
        <Section id="price" title={t("report.price.title")} help={t("report.price.help")}>
          {priceBlock}
        </Section>
      ) : null}
    </>
  );
}
