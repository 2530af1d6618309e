import type { ReportView } from "~/lib/report/report-view";
import { COLORS, fmt, textWidth, wrapText, type ChartText } from "./chart-kit";

export interface ImportanceChartProps extends ChartText {
  report: ReportView;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  /** rows are focusable and carry their figures for the page's tooltip */
  interactive?: boolean;
}

const FONT = 12;

/**
 * Stated against derived importance of the quality attributes (method.md "Beyond Gale"): two
 * bars per attribute (stated weight, weight derived from the regression of overall quality on
 * the attribute ratings); attributes whose ranks disagree most are called out.
 */
export function ImportanceChart({ report, t, locale, width = 640, interactive = false }: ImportanceChartProps) {
  const W = Math.round(width);
  // Narrow boxes put each attribute's name on its own line above its two bars.
  const narrow = W < 480;
  const result = report.analysis?.derivedImportance;
  if (!result || !result.ok) return null;
  const rows = [...result.rows].sort((a, b) => a.statedRank - b.statedRank);
  const labelW = narrow ? W - 8 : 160;
  const plotX = narrow ? 4 : labelW + 10;
  const plotW = narrow ? W - plotX - 70 : W - plotX - 150;
  const max = Math.max(10, ...rows.flatMap((r) => [r.statedWeight, Math.abs(r.derivedWeight)]));
  const nameH = narrow ? FONT + 4 : 0;
  const rowH = 2 * (FONT + 4) + 14 + nameH;
  const legendGap = narrow ? Math.min(150, W / 2) : 150;
  const legendX = narrow ? 4 : plotX;
  const top = 34;
  const H = top + rows.length * rowH + 10;
  const different = new Set(result.mostDifferent);
  return (
    <svg
      id="importance"
      data-chart="importance"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart importance"
      data-width={W}
      role="img"
      aria-label={t("report.importance.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <rect x={legendX} y={6} width={12} height={10} fill={COLORS.own} />
      <text x={legendX + 16} y={15} fontSize="11" fill={COLORS.ink}>
        {t("report.importance.stated")}
      </text>
      <rect x={legendX + legendGap} y={6} width={12} height={10} fill="#c2410c" />
      <text x={legendX + legendGap + 16} y={15} fontSize="11" fill={COLORS.ink}>
        {t("report.importance.derived")}
      </text>
      {rows.map((row, i) => {
        const name = report.names.attributes[row.id] ?? row.id;
        const callout = different.has(row.id) && row.rankDifference !== 0;
        const calloutText = t("report.importance.differs");
        const lines = narrow ? wrapText(name, FONT, labelW - 8 - (callout ? textWidth(calloutText, 11) : 0), 1) : wrapText(name, FONT, labelW - 4);
        const y = top + i * rowH + nameH;
        const tip = `${name}: ${t("report.importance.stated")} ${fmt(locale, row.statedWeight)} (#${fmt(locale, row.statedRank, row.statedRank % 1 ? 1 : 0)}), ${t("report.importance.derived")} ${fmt(locale, row.derivedWeight)} (#${fmt(locale, row.derivedRank, row.derivedRank % 1 ? 1 : 0)})`;
        return (
          <g key={row.id} data-attribute={row.id} data-rank-differs={callout ? "true" : undefined} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
            <title>{tip}</title>
            {lines.map((line, k) =>
              narrow ? (
                <text key={k} x={4} y={y - 4} fontSize={FONT} fill={COLORS.ink} fontWeight={callout ? 700 : 400}>
                  {line}
                </text>
              ) : (
                <text key={k} x={labelW} y={y + 14 + k * (FONT + 2)} textAnchor="end" fontSize={FONT} fill={COLORS.ink} fontWeight={callout ? 700 : 400}>
                  {line}
                </text>
              ),
            )}
            <rect x={plotX} y={y + 2} width={(row.statedWeight / max) * plotW} height={FONT + 2} fill={COLORS.own} />
            <text x={plotX + (row.statedWeight / max) * plotW + 4} y={y + 14} fontSize="11" fill={COLORS.muted}>
              {`${fmt(locale, row.statedWeight)} (#${fmt(locale, row.statedRank, row.statedRank % 1 ? 1 : 0)})`}
            </text>
            {/* a negative derived share (method-more.md §2) is drawn by its size and labelled with its sign */}
            <rect x={plotX} y={y + FONT + 6} width={(Math.abs(row.derivedWeight) / max) * plotW} height={FONT + 2} fill="#c2410c" />
            <text x={plotX + (Math.abs(row.derivedWeight) / max) * plotW + 4} y={y + 2 * FONT + 6} fontSize="11" fill={COLORS.muted}>
              {`${fmt(locale, row.derivedWeight)} (#${fmt(locale, row.derivedRank, row.derivedRank % 1 ? 1 : 0)})`}
            </text>
            {callout ? (
              <text x={W - 4} y={narrow ? y - 4 : y + 20} textAnchor="end" fontSize="11" fontWeight="700" fill={COLORS.bad} className="rank-callout">
                {t("report.importance.differs")}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
