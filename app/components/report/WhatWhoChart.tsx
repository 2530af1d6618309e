import type { ReportView } from "~/lib/report/report.server";
import { COLORS, fmt, wrapText, type ChartText } from "./chart-kit";

export interface WhatWhoChartProps extends ChartText {
  report: ReportView;
}

const W = 640;
const FONT = 12;

/**
 * What/who ranking (method.md (g)): the firm's functions by the weighted shortfall they own
 * (sum over attributes of cell x w_i x max(0, 1 - r_i)), highest first.
 */
export function WhatWhoChart({ report, t, locale }: WhatWhoChartProps) {
  const result = report.whatWho.result;
  if (!result.ok) return null;
  const names = new Map(report.whatWho.functions.map((f) => [f.key, f.name]));
  const labelW = 190;
  const plotX = labelW + 10;
  const plotW = W - plotX - 70;
  const max = Math.max(1e-9, ...result.functions.map((f) => f.priority));
  const rowH = 30;
  const H = 10 + result.functions.length * rowH + 6;
  return (
    <svg
      id="what-who"
      data-chart="what-who"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart what-who"
      role="img"
      aria-label={t("report.whatWho.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {result.functions.map((f, i) => {
        const y = 10 + i * rowH;
        const name = `${f.rank}. ${names.get(f.id) ?? f.id}`;
        const width = (f.priority / max) * plotW;
        return (
          <g key={f.id} data-function={f.id} data-priority={f.priority.toFixed(4)}>
            <text x={labelW} y={y + 15} textAnchor="end" fontSize={FONT} fill={COLORS.ink}>
              {wrapText(name, FONT, labelW - 4, 1)[0]}
            </text>
            <rect x={plotX} y={y + 3} width={Math.max(1, width)} height={16} fill={f.priority > 0 ? COLORS.bad : COLORS.grid} />
            <text x={plotX + width + 4} y={y + 15} fontSize="11" fill={COLORS.muted}>
              {fmt(locale, f.priority)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
