// One job: the report's tables as export tables, one short builder per table (TABLE_NAMES); long because the report has many tables.
import { type MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import type { ReportView } from "../report/report.server";
import { shownIntervals } from "../../components/report/shown-intervals";
import { finite, type Cell, type ExportTable } from "./export-cells.server";
import { COLUMN_FORMATS } from "./export-formats.server";
import type { NumberFormat } from "./export-xlsx.server";
import { filtersInWords } from "../report/report-filters-words";
import { methodTables } from "./export-method-tables.server";
import { METHOD_TABLE_NAMES } from "./method-table-names";

/** The report's tables, in the order of the workbook's sheets. */
export const TABLE_NAMES = [
  "summary",
  "quality-profile",
  "price-profile",
  "value-map",
  "head-to-head",
  "won-lost",
  "what-who",
  "importance",
  "n-per-offer",
  "key-accounts",
  ...METHOD_TABLE_NAMES,
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const isTableName = (name: string): name is TableName => (TABLE_NAMES as readonly string[]).includes(name);

/**
 * Every table of the report as rows of cells (the method tables of issue 19 last, when present), built from the same `ReportView` the page renders
 * (so the figures are the page's, unrounded). Headers and labels in the report's locale; codes
 * in their own columns so that a sheet can be joined with the raw data.
 */
export function reportTables(report: ReportView): ExportTable[] {
  return [...reportTablesWithAccounts(report), ...methodTables(report)];
}

function reportTablesWithAccounts(report: ReportView): ExportTable[] {
  const tables = reportTablesWithoutAccounts(report);
  const k = report.keyAccounts;
  if (!k) return tables;
  const t = (key: MessageKey) => translate(report.locale, key);
  // The key-account matrix (studies whose transactions name accounts): one row per account.
  const rows: Cell[][] = k.accounts.map((a) => [
    a.id,
    finite(a.attractiveness),
    t(`report.keyAccounts.basis.${k.basis}`),
    a.n,
    a.value === null ? null : finite(a.value),
    a.lower === null ? null : finite(a.lower),
    a.upper === null ? null : finite(a.upper),
    a.type === null ? t("report.keyAccounts.unavailable") : t(`report.keyAccounts.type.${a.type}`),
  ]);
  const header: MessageKey[] = [
    "report.keyAccounts.account",
    "report.keyAccounts.attractiveness",
    "report.keyAccounts.basis",
    "report.keyAccounts.n",
    "report.keyAccounts.value",
    "report.keyAccounts.lower",
    "report.keyAccounts.upper",
    "report.keyAccounts.type",
  ];
  return [...tables, { name: "key-accounts", title: t("exports.table.key-accounts"), header: header.map((h) => t(h)), rows, formats: [null, "mean", null, "integer", "index", "index", "index", null] }];
}

function reportTablesWithoutAccounts(report: ReportView): ExportTable[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(report.locale, key, params);
  const a = report.analysis;
  const offerName = (code: string) => report.names.offers[code] ?? code;
  const attributeName = (code: string) => report.names.attributes[code] ?? code;
  const yesNo = (v: boolean) => t(v ? "exports.yes" : "exports.no");
  const boot = shownIntervals(a);
  const table = (name: TableName, header: MessageKey[], rows: Cell[][], extra: string[] = [], extraFormat: NumberFormat | null = null): ExportTable => ({
    name,
    title: t(`exports.table.${name}`),
    header: [...header.map((k) => t(k)), ...extra],
    rows,
    formats: [...header.map((k) => COLUMN_FORMATS[k] ?? null), ...extra.map(() => extraFormat)],
  });

  // Summary: the study, the filters and the headline scores.
  const summary: Cell[][] = [
    [t("exports.row.study"), report.study.title],
    [t("exports.row.filters"), filtersInWords(report, t), report.query],
    [t("exports.row.complete"), report.counts.complete],
    [t("exports.row.analysed"), report.counts.analysed],
  ];
  if (a) {
    const w = a.weights;
    if (!("ok" in w) && w.qualityShare !== null) summary.push([t("exports.row.qualityShare"), w.qualityShare]);
    if (a.qualityProfile.ok) summary.push([t("report.qualityScore"), a.qualityProfile.score]);
    if (a.priceProfile.ok) {
      summary.push([t("report.satisfactionScore"), a.priceProfile.score]);
      summary.push([t("report.relativePrice"), a.priceProfile.relativePrice]);
    }
    if (a.valueScore.ok) {
      summary.push([t("report.valueScore"), a.valueScore.value]);
      summary.push([t("report.cvs.title"), t(`report.band.${a.valueScore.band}`)]);
    }
    if (a.valueMap.ok) summary.push([t("exports.row.fairValueLine"), a.valueMap.line.slope, a.valueMap.line.intercept]);
  }

  const profile = (kind: "quality" | "price"): Cell[][] => {
    const p = kind === "quality" ? a?.qualityProfile : a?.priceProfile;
    if (!p || !p.ok) return [];
    const rows: Cell[][] = p.attributes.map((r) => {
      const ci = boot?.own.ratios[r.id];
      return [
        attributeName(r.id),
        r.id,
        finite(r.weight),
        finite(r.own),
        finite(r.reference),
        finite(r.ratio),
        ci?.ok ? finite(ci.lower) : null,
        ci?.ok ? finite(ci.upper) : null,
        finite(r.contribution),
        r.n,
      ];
    });
    rows.push([t("report.total"), null, 100, null, null, null, null, null, finite(p.score), p.n]);
    return rows;
  };
  const profileHeader: MessageKey[] = [
    "exports.col.attribute",
    "exports.col.attributeCode",
    "exports.col.weight",
    "exports.col.ownMean",
    "exports.col.referenceMean",
    "exports.col.ratio",
    "exports.col.ratioLower",
    "exports.col.ratioUpper",
    "exports.col.contribution",
    "exports.col.n",
  ];

  const map = a?.valueMap;
  const mapRows: Cell[][] =
    map && map.ok
      ? map.points.map((p) => {
          const ci = boot?.offers[p.offer];
          return [
            offerName(p.offer),
            p.offer,
            yesNo(p.own),
            finite(p.quality),
            ci?.quality.ok ? finite(ci.quality.lower) : null,
            ci?.quality.ok ? finite(ci.quality.upper) : null,
            finite(p.relativePrice),
            ci?.relativePrice.ok ? finite(ci.relativePrice.lower) : null,
            ci?.relativePrice.ok ? finite(ci.relativePrice.upper) : null,
            finite(p.satisfaction),
            finite(p.fairPrice),
            finite(p.value),
            t(`report.zone.${p.zone}`),
            yesNo(p.frontier),
            p.n,
            yesNo(p.n < report.smallN),
          ];
        })
      : [];

  const h2hRows: Cell[][] = [];
  for (const [competitor, pair] of Object.entries(a?.headToHead ?? {})) {
    for (const kind of ["quality", "price"] as const) {
      const result = pair[kind];
      if (!result.ok) continue;
      for (const r of result.rows) {
        h2hRows.push([
          offerName(competitor),
          competitor,
          t(kind === "price" ? "study.kind.price" : "study.kind.quality"),
          attributeName(r.id),
          r.id,
          finite(r.weight),
          finite(r.own),
          finite(r.competitor),
          finite(r.ratio),
          finite(r.advantage),
          finite(r.pointsDifference),
          finite(r.area),
        ]);
      }
    }
  }

  const wl = a?.wonLost;
  const wonLostRows: Cell[][] = [];
  if (wl && wl.ok) {
    wonLostRows.push([t("exports.row.won"), null, wl.won, null, null]);
    wonLostRows.push([t("exports.row.lost"), null, wl.lost, null, null]);
    wonLostRows.push([t("exports.row.withoutConsideringOwn"), null, wl.boughtCompetitorWithoutConsideringOwn, null, null]);
    if (wl.boughtCompetitorConsiderationUnknown > 0) wonLostRows.push([t("exports.row.considerationUnknown"), null, wl.boughtCompetitorConsiderationUnknown, null, null]);
    wonLostRows.push([t("exports.row.other"), null, wl.other, null, null]);
    if (wl.winRate.ok) wonLostRows.push([t("exports.row.winRate"), null, finite(wl.winRate.rate), null, null]);
    for (const l of wl.lostTo) wonLostRows.push([t("exports.row.lostTo"), offerName(l.offerId), l.count, null, null]);
    for (const r of wl.reasons) wonLostRows.push([t("exports.row.reason"), attributeName(r.id), r.count, r.n, finite(r.meanGap)]);
    for (const [group, key] of [
      ["won", "exports.row.wonProfile"],
      ["lost", "exports.row.lostProfile"],
    ] as const) {
      const g = wl.profiles[group];
      for (const p of [g.quality, g.price]) {
        if (!p.ok) continue;
        for (const r of p.rows) wonLostRows.push([t(key), attributeName(r.id), finite(r.ratio), g.n, null]);
      }
    }
  }

  const ww = report.whatWho;
  const qualityCodes = report.attributes.filter((x) => x.kind === "quality").map((x) => x.code);
  const wwRows: Cell[][] = [];
  if (ww.result.ok) {
    const fnName = new Map(ww.functions.map((f) => [f.key, f.name]));
    const gaps = new Map(ww.result.cells.map((c) => [`${c.functionId}\u0000${c.attributeId}`, c.gap]));
    for (const f of ww.result.functions) {
      wwRows.push([
        fnName.get(f.id) ?? f.id,
        f.rank,
        finite(f.priority),
        ...qualityCodes.map((code) => finite(gaps.get(`${f.id}\u0000${code}`) ?? (ww.cells[f.id]?.[code] !== undefined ? 0 : null))),
      ]);
    }
  }

  const di = a?.derivedImportance;
  const importanceRows: Cell[][] =
    di && di.ok
      ? di.rows.map((r) => [
          attributeName(r.id),
          r.id,
          finite(r.statedWeight),
          finite(r.derivedWeight),
          finite(r.coefficient),
          finite(r.statedRank),
          finite(r.derivedRank),
          finite(r.rankDifference),
          yesNo(di.mostDifferent.includes(r.id)),
        ])
      : [];

  const nRows: Cell[][] = report.offers.map((o) => [
    o.name,
    o.code,
    yesNo(o.own),
    a ? (a.means.nOffer[o.code] ?? 0) : 0,
    yesNo((a ? (a.means.nOffer[o.code] ?? 0) : 0) < report.smallN),
  ]);

  return [
    {
      ...table("summary", ["exports.col.item", "exports.col.value"], summary),
      // Counts whole, the fair-value line's slope and intercept as ratios, every other figure an index.
      cellFormat: (row, column) => (column === 0 || row < 2 ? null : row < 4 ? "integer" : summary[row]![0] === t("exports.row.fairValueLine") ? "ratio" : "index"),
    },
    table("quality-profile", profileHeader, profile("quality")),
    table("price-profile", profileHeader, profile("price")),
    table(
      "value-map",
      [
        "exports.col.offer",
        "exports.col.offerCode",
        "exports.col.own",
        "exports.col.quality",
        "exports.col.qualityLower",
        "exports.col.qualityUpper",
        "exports.col.relativePrice",
        "exports.col.relativePriceLower",
        "exports.col.relativePriceUpper",
        "exports.col.satisfaction",
        "exports.col.fairPrice",
        "exports.col.valueDistance",
        "exports.col.zone",
        "exports.col.frontier",
        "exports.col.n",
      ],
      mapRows,
      [t("exports.col.smallN", { n: report.smallN })],
    ),
    table(
      "head-to-head",
      [
        "exports.col.competitor",
        "exports.col.offerCode",
        "exports.col.kind",
        "exports.col.attribute",
        "exports.col.attributeCode",
        "exports.col.weight",
        "exports.col.ownMean",
        "exports.col.competitorMean",
        "exports.col.ratio",
        "exports.col.advantage",
        "exports.col.pointsDifference",
        "exports.col.area",
      ],
      h2hRows,
    ),
    {
      ...table("won-lost", ["exports.col.section", "exports.col.item", "exports.col.value", "exports.col.n", "exports.col.meanGap"], wonLostRows),
      // The value column holds counts, the win rate (a share) and ratios.
      cellFormat: (row, column) => {
        if (column !== 2) return null;
        const section = wonLostRows[row]?.[0];
        return section === t("exports.row.winRate") ? "percent" : section === t("exports.row.wonProfile") || section === t("exports.row.lostProfile") ? "ratio" : "integer";
      },
    },
    table("what-who", ["exports.col.function", "exports.col.rank", "exports.col.priority"], wwRows, qualityCodes.map((c) => `${t("exports.col.gap")}: ${attributeName(c)}`), "index"),
    table(
      "importance",
      [
        "exports.col.attribute",
        "exports.col.attributeCode",
        "exports.col.statedWeight",
        "exports.col.derivedWeight",
        "exports.col.coefficient",
        "exports.col.statedRank",
        "exports.col.derivedRank",
        "exports.col.rankDifference",
        "exports.col.ranksDisagree",
      ],
      importanceRows,
    ),
    table("n-per-offer", ["exports.col.offer", "exports.col.offerCode", "exports.col.own", "exports.col.n"], nRows, [t("exports.col.smallN", { n: report.smallN })]),
  ];
}
