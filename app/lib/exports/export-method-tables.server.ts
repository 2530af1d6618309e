import { type MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import type { PricePoint } from "../../../analysis/index";
import type { ReportView } from "../report/report-view";
import { finite, type Cell, type ExportTable } from "./export-cells.server";
import type { NumberFormat } from "./export-xlsx.server";
import { methodTablesOf, type MethodTableName } from "./method-table-names";

/**
 * The tables of the research methods and tools (issue 19), from the report's view model and only
 * when the report has them (`methodTablesOf`): MaxDiff shares with their 95 % intervals beside
 * the stated weights, the price research figures (Van Westendorp's points and range, the
 * Newton–Miller–Smith and Gabor–Granger revenue-maximising prices, the Gabor–Granger demand,
 * the value map's fair price), the importance × performance quadrant, Best's difference method
 * per offer and Kotler's delivered value of the own offer (with its cost per cost group). Figures unrounded; codes in their own
 * columns; a figure that cannot be computed is an empty cell with its reason in the note column.
 */
export function methodTables(report: ReportView): ExportTable[] {
  const a = report.analysis;
  if (!a) return [];
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(report.locale, key, params);
  const reason = (code: string) => t(`reason.${code}` as MessageKey);
  const attributeName = (code: string) => report.names.attributes[code] ?? code;
  const offerName = (code: string) => report.names.offers[code] ?? code;
  const make = (name: MethodTableName, header: MessageKey[], rows: Cell[][], formats: Array<NumberFormat | null>): ExportTable => ({
    name,
    title: t(`exports.table.${name}`),
    header: header.map((k) => t(k)),
    rows,
    formats,
  });
  const tables: ExportTable[] = [];
  for (const name of methodTablesOf(report)) {
    if (name === "maxdiff") {
      // One row per attribute of every kind asked by MaxDiff (shares sum to 100 within a kind).
      const stated = report.methods.maxDiff?.stated ?? {};
      const rows: Cell[][] = [];
      for (const kind of report.methods.maxDiff?.kinds ?? []) {
        const m = a.maxDiffByKind[kind];
        if (!m.ok || !m.utilities.ok) continue;
        const n = m.utilities.respondents.length;
        for (const item of m.utilities.items)
          rows.push([
            attributeName(item.id),
            item.id,
            finite(item.share),
            item.shareInterval.ok ? finite(item.shareInterval.lower) : null,
            item.shareInterval.ok ? finite(item.shareInterval.upper) : null,
            finite(item.utility),
            stated[item.id] !== undefined ? finite(stated[item.id]) : null,
            n,
          ]);
      }
      if (rows.length === 0) continue;
      tables.push(
        make(
          name,
          [
            "exports.col.attribute",
            "exports.col.attributeCode",
            "exports.col.maxDiffShare",
            "exports.col.shareLower",
            "exports.col.shareUpper",
            "exports.col.utility",
            "exports.col.statedWeight",
            "exports.col.n",
          ],
          rows,
          [null, null, "index", "index", "index", "ratio", "index", "integer"],
        ),
      );
    } else if (name === "price-research") {
      const { vanWestendorp: psm, newtonMillerSmith: nms, gaborGranger: gg } = a.priceResearch;
      const rows: Cell[][] = [];
      const percentRows = new Set<number>();
      const psmName = t("report.price.psm");
      const point = (key: "pmc" | "opp" | "ipp" | "pme", p: PricePoint, n: number) =>
        rows.push([psmName, t(`report.price.${key}`), key, p.ok ? finite(p.price) : null, n, p.ok ? null : reason(p.reason)]);
      if (psm.ok) {
        for (const key of ["pmc", "opp", "ipp", "pme"] as const) point(key, psm[key], psm.n);
        const range = psm.range;
        rows.push([psmName, `${t("report.price.range")} (${t("exports.row.lower")})`, "rangeLower", range.ok ? finite(range.lower) : null, psm.n, range.ok ? null : reason(range.reason)]);
        rows.push([psmName, `${t("report.price.range")} (${t("exports.row.upper")})`, "rangeUpper", range.ok ? finite(range.upper) : null, psm.n, range.ok ? null : reason(range.reason)]);
      } else rows.push([psmName, null, null, null, null, reason(psm.reason)]);
      const nmsName = t("report.price.nms");
      if (nms.ok) {
        rows.push([nmsName, t("report.price.demandMax"), "demandMax", finite(nms.demandMaximising.price), nms.n, null]);
        rows.push([nmsName, t("report.price.revenueMax"), "revenueMax", finite(nms.revenueMaximising.price), nms.n, null]);
      } else rows.push([nmsName, null, null, null, null, reason(nms.reason)]);
      if (report.methods.price?.ladder) {
        const ggName = t("report.price.gg");
        if (gg.ok) {
          for (const c of gg.curve) {
            percentRows.add(rows.length);
            rows.push([ggName, `${t("report.price.demand")} · ${c.price}`, `demand-${c.price}`, finite(c.demand), gg.n, null]);
          }
          rows.push([ggName, t("report.price.revenueMax"), "revenueMax", finite(gg.revenueMaximising.price), gg.n, null]);
        } else rows.push([ggName, null, null, null, null, reason(gg.reason)]);
      }
      const fair = report.fairPrice;
      const fairOk = fair?.ok && fair.prices.ok ? fair.prices.fair : null;
      rows.push([t("report.evidence.fair"), t("exports.col.fairPrice"), "fairPrice", finite(fairOk), null, fairOk === null ? t("report.evidence.noFair") : null]);
      tables.push({
        ...make(name, ["exports.col.method", "exports.col.figure", "exports.col.figureCode", "exports.col.value", "exports.col.n", "exports.col.note"], rows, [
          null,
          null,
          null,
          "mean",
          "integer",
          null,
        ]),
        // Prices with two decimals; the Gabor–Granger demand rows are shares.
        cellFormat: (row, column) => (column === 3 ? (percentRows.has(row) ? "percent" : "mean") : column === 4 ? "integer" : null),
      });
    } else if (name === "quadrant") {
      const q = a.importancePerformance.stated;
      if (!q.ok) continue;
      const rows: Cell[][] = q.attributes.map((r) => [
        attributeName(r.id),
        r.id,
        finite(r.importance),
        finite(r.ratio),
        t(`report.quadrant.${r.quadrant}` as MessageKey),
        r.quadrant,
        finite(q.importanceCut),
        finite(q.performanceCut),
      ]);
      tables.push(
        make(
          name,
          [
            "exports.col.attribute",
            "exports.col.attributeCode",
            "exports.col.statedWeight",
            "exports.col.ratio",
            "exports.col.quadrant",
            "exports.col.quadrantCode",
            "exports.col.importanceCut",
            "exports.col.performanceCut",
          ],
          rows,
          [null, null, "index", "ratio", null, null, "index", "ratio"],
        ),
      );
    } else if (name === "difference") {
      const rows: Cell[][] = a.differenceMethodByOffer.map((row) => [
        offerName(row.offerId),
        row.offerId,
        t(row.own ? "exports.yes" : "exports.no"),
        row.result.ok ? finite(row.result.relativeBenefit) : null,
        row.result.ok ? finite(row.result.relativeCost) : null,
        row.result.ok ? finite(row.result.customerValue) : null,
        row.result.ok ? null : reason(row.result.reason),
      ]);
      tables.push(
        make(
          name,
          ["exports.col.offer", "exports.col.offerCode", "exports.col.own", "exports.col.benefit", "exports.col.cost", "exports.col.customerValue", "exports.col.note"],
          rows,
          [null, null, null, "mean", "mean", "mean", null],
        ),
      );
    } else {
      const k = a.relativeDeliveredValue;
      if (!k.ok) continue;
      const rows: Cell[][] = [
        [t("report.delivered.value"), "totalValue", finite(k.totalValue)],
        [t("report.delivered.cost"), "totalCost", finite(k.totalCost)],
        // Total customer cost per Kotler cost group present (100 = parity, > 100 = costs more).
        ...k.costGroups.map((g): Cell[] => [t(`report.delivered.costGroup.${g.id}`), `cost.${g.id}`, finite(g.index)]),
        [t("report.delivered.delivered"), "deliveredValue", finite(k.deliveredValue)],
        [t("report.delivered.ratio"), "deliveredValueRatio", finite(k.deliveredValueRatio)],
      ];
      tables.push(make(name, ["exports.col.figure", "exports.col.figureCode", "exports.col.value"], rows, [null, null, "index"]));
    }
  }
  return tables;
}
