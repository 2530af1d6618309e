import { COLORS, fmt, wrapText, type ChartText } from "./chart-kit";

export interface MaxDiffRow {
  id: string;
  name: string;
  share: number;
  lower: number | null;
  upper: number | null;
  stated: number | null;
}

const FONT = 12;

/**
 * MaxDiff importance shares (sum 100 within the kind) with their interval as a whisker, each
 * beside the attribute's weight as stated (method-more.md §3); rows by share, largest first.
 */
export function MaxDiffChart({ rows, t, locale, width = 640, interactive = false }: ChartText & { rows: MaxDiffRow[]; width?: number; interactive?: boolean }) {
  const W = Math.round(width);
  const narrow = W < 480;
  const labelW = narrow ? W - 8 : 160;
  const plotX = narrow ? 4 : labelW + 10;
  const plotW = narrow ? W - plotX - 60 : W - plotX - 70;
  const max = Math.max(10, ...rows.flatMap((r) => [r.upper ?? r.share, r.share, r.stated ?? 0]));
  const nameH = narrow ? FONT + 4 : 0;
  const rowH = 2 * (FONT + 4) + 14 + nameH;
  const top = 34;
  const H = top + rows.length * rowH + 10;
  const x = (v: number) => plotX + (Math.max(0, v) / max) * plotW;
  return (
    <svg
      id="maxdiff"
      data-chart="maxdiff"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart maxdiff"
      data-width={W}
      role="img"
      aria-label={t("report.maxDiff.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <rect x={plotX} y={6} width={12} height={10} fill={COLORS.own} />
      <text x={plotX + 16} y={15} fontSize="11" fill={COLORS.ink}>
        {t("report.maxDiff.share")}
      </text>
      <rect x={plotX + Math.min(150, W / 2)} y={6} width={12} height={10} fill={COLORS.competitor} />
      <text x={plotX + Math.min(150, W / 2) + 16} y={15} fontSize="11" fill={COLORS.ink}>
        {t("report.maxDiff.stated")}
      </text>
      {rows.map((row, i) => {
        const y = top + i * rowH + nameH;
        const interval =
          row.lower !== null && row.upper !== null
            ? t("report.maxDiff.interval", { lower: fmt(locale, row.lower), upper: fmt(locale, row.upper) })
            : t("report.maxDiff.noInterval");
        const tip = `${row.name}: ${t("report.maxDiff.share")} ${fmt(locale, row.share)} (${interval})${row.stated !== null ? `, ${t("report.maxDiff.stated")} ${fmt(locale, row.stated)}` : ""}`;
        const lines = narrow ? wrapText(row.name, FONT, labelW - 8, 1) : wrapText(row.name, FONT, labelW - 4);
        return (
          <g key={row.id} data-attribute={row.id} data-share={row.share.toFixed(1)} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
            <title>{tip}</title>
            {lines.map((line, k) =>
              narrow ? (
                <text key={k} x={4} y={y - 4} fontSize={FONT} fill={COLORS.ink}>
                  {line}
                </text>
              ) : (
                <text key={k} x={labelW} y={y + 14 + k * (FONT + 2)} textAnchor="end" fontSize={FONT} fill={COLORS.ink}>
                  {line}
                </text>
              ),
            )}
            <rect x={plotX} y={y + 2} width={x(row.share) - plotX} height={FONT + 2} fill={COLORS.own} />
            {row.lower !== null && row.upper !== null ? (
              <g data-interval="true" stroke={COLORS.ink} strokeWidth={1.2}>
                <line x1={x(row.lower)} x2={x(row.upper)} y1={y + 9} y2={y + 9} />
                <line x1={x(row.lower)} x2={x(row.lower)} y1={y + 4} y2={y + 14} />
                <line x1={x(row.upper)} x2={x(row.upper)} y1={y + 4} y2={y + 14} />
              </g>
            ) : null}
            <text x={x(Math.max(row.share, row.upper ?? 0)) + 4} y={y + 14} fontSize="11" fill={COLORS.muted}>
              {fmt(locale, row.share)}
            </text>
            {row.stated !== null ? (
              <>
                <rect x={plotX} y={y + FONT + 6} width={x(row.stated) - plotX} height={FONT + 2} fill={COLORS.competitor} />
                <text x={x(row.stated) + 4} y={y + 2 * FONT + 6} fontSize="11" fill={COLORS.muted}>
                  {fmt(locale, row.stated)}
                </text>
              </>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
