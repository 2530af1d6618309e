import type { ReportView } from "~/lib/report/report-view";
import { COLORS, fmt, wrapText, type ChartText } from "./chart-kit";

export interface WhatWhoChartProps extends ChartText {
  report: ReportView;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  /** bars are focusable and carry their figures for the page's tooltip */
  interactive?: boolean;
}

const FONT = 12;

/**
 * What/who ranking (method.md (g)): the firm's functions by the weighted shortfall they own
 * (sum over attributes of cell x w_i x max(0, 1 - r_i)), highest first.
 */
export function WhatWhoChart({ report, t, locale, width = 640, interactive = false }: WhatWhoChartProps) {
  const W = Math.round(width);
  // Narrow boxes put each function's name on its own line above its bar.
  const narrow = W < 480;
  const result = report.whatWho.result;
  if (!result.ok) return null;
  const names = new Map(report.whatWho.functions.map((f) => [f.key, f.name]));
  const labelW = narrow ? W - 8 : 190;
  const plotX = narrow ? 4 : labelW + 10;
  const plotW = W - plotX - 70;
  const max = Math.max(1e-9, ...result.functions.map((f) => f.priority));
  const nameH = narrow ? FONT + 4 : 0;
  const rowH = 30 + nameH;
  const H = 10 + result.functions.length * rowH + 6;
  return (
    <svg
      id="what-who"
      data-chart="what-who"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart what-who"
      data-width={W}
      role="img"
      aria-label={t("report.whatWho.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {result.functions.map((f, i) => {
        const y = 10 + i * rowH + nameH;
        const name = `${f.rank}. ${names.get(f.id) ?? f.id}`;
        const barWidth = (f.priority / max) * plotW;
        const tip = `${name}: ${t("report.whatWho.priority")} ${fmt(locale, f.priority)}`;
        return (
          <g key={f.id} data-function={f.id} data-priority={f.priority.toFixed(4)} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
            <title>{tip}</title>
            <text x={narrow ? 4 : labelW} y={narrow ? y - 2 : y + 15} textAnchor={narrow ? "start" : "end"} fontSize={FONT} fill={COLORS.ink}>
              {wrapText(name, FONT, labelW - 4, 1)[0]}
            </text>
            <rect x={plotX} y={y + 3} width={Math.max(1, barWidth)} height={16} fill={f.priority > 0 ? COLORS.bad : COLORS.grid} />
            <text x={plotX + barWidth + 4} y={y + 15} fontSize="11" fill={COLORS.muted}>
              {fmt(locale, f.priority)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
