import type { ReportView } from "~/lib/report/report-view";
import type { ChartText } from "./chart-kit";
import { SmallN } from "./SmallN";

interface EvidenceRow {
  key: "fair" | "nms" | "gg" | "range" | "opp" | "ipp";
  value: string;
  n: number | null;
}

/**
 * "Price evidence": the value map's fair price of the own offer beside what the price research
 * block says (the Newton–Miller–Smith and Gabor–Granger revenue-maximising prices, Van
 * Westendorp's acceptable range, OPP and IPP), one row each with a one-line reading. Shown only
 * when the study asks the price block and at least one of its figures could be computed.
 */
export function PriceEvidence({ report, ownName, t, locale }: ChartText & { report: ReportView; ownName: string }) {
  const a = report.analysis;
  if (!a || !report.methods.price) return null;
  const currency = report.methods.price.currency;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const money = (v: number) => (currency ? `${number.format(v)} ${currency}` : number.format(v));
  const { vanWestendorp: psm, newtonMillerSmith: nms, gaborGranger: gg } = a.priceResearch;

  const rows: EvidenceRow[] = [];
  if (nms.ok) rows.push({ key: "nms", value: money(nms.revenueMaximising.price), n: nms.n });
  if (gg.ok && report.methods.price.ladder) rows.push({ key: "gg", value: money(gg.revenueMaximising.price), n: gg.n });
  if (psm.ok) {
    if (psm.range.ok) rows.push({ key: "range", value: t("report.price.rangeValue", { lower: money(psm.range.lower), upper: money(psm.range.upper) }), n: psm.n });
    if (psm.opp.ok) rows.push({ key: "opp", value: money(psm.opp.price), n: psm.n });
    if (psm.ipp.ok) rows.push({ key: "ipp", value: money(psm.ipp.price), n: psm.n });
  }
  if (rows.length === 0) return null;
  const fair = report.fairPrice;
  rows.unshift({
    key: "fair",
    value: fair?.ok && fair.prices.ok ? money(fair.prices.fair) : t("report.evidence.noFair"),
    n: fair?.ok ? (a.valueMap.ok ? (a.valueMap.points.find((p) => p.offer === fair.offer)?.n ?? null) : null) : null,
  });

  return (
    <div className="price-evidence" data-testid="price-evidence">
      <h3>{t("report.evidence.title")}</h3>
      <div className="table-scroll">
        <table className="figures">
          <thead>
            <tr>
              <th scope="col">{t("report.evidence.source")}</th>
              <th scope="col">{t("report.price.value")}</th>
              <th scope="col">n</th>
              <th scope="col">{t("report.evidence.reading")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-evidence={r.key}>
                <th scope="row">{t(`report.evidence.${r.key}`)}</th>
                <td>{r.value}</td>
                <td>{r.n !== null ? <SmallN n={r.n} smallN={report.smallN} t={t} bare /> : ""}</td>
                <td className="small">{t(`report.evidence.${r.key}.reading`, { own: ownName })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
