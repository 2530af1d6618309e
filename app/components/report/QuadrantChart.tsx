import type { ImportancePerformanceResult } from "../../../analysis/index";
import { COLORS, fmt, textWidth, type ChartText } from "./chart-kit";

type Quadrants = Extract<ImportancePerformanceResult, { ok: true }>;

const FONT = 11;

/**
 * Importance × performance (method-more.md §2): each quality attribute by the own offer's ratio
 * to the reference (right: performs better) and its importance (up), split at the cuts into
 * fix first (important, lagging), keep up, possibly over-invested and low priority.
 */
export function QuadrantChart({
  result,
  names,
  t,
  locale,
  width = 640,
  interactive = false,
}: ChartText & { result: Quadrants; names: Record<string, string>; width?: number; interactive?: boolean }) {
  const W = Math.round(width);
  const H = Math.round(Math.max(260, Math.min(420, W * 0.7)));
  const left = 48;
  const right = W - 10;
  const top = 10;
  const bottom = H - 40;
  const ratios = result.attributes.map((a) => a.ratio).concat(result.performanceCut);
  const importance = result.attributes.map((a) => a.importance).concat(result.importanceCut);
  const xPad = Math.max(0.05, (Math.max(...ratios) - Math.min(...ratios)) * 0.15);
  const x0 = Math.min(...ratios) - xPad;
  const x1 = Math.max(...ratios) + xPad;
  const y0 = 0;
  const y1 = Math.max(...importance) * 1.15 || 1;
  const sx = (v: number) => left + ((v - x0) / (x1 - x0)) * (right - left);
  const sy = (v: number) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top);
  const cx = sx(result.performanceCut);
  const cy = sy(result.importanceCut);
  const corner = (key: "fix-first" | "keep" | "over-invested" | "low-priority", x: number, y: number, anchor: "start" | "end") => (
    <text x={x} y={y} fontSize={FONT} fontWeight={700} fill={key === "fix-first" ? COLORS.bad : COLORS.muted} textAnchor={anchor} data-quadrant-label={key}>
      {t(`report.quadrant.${key}`)}
    </text>
  );
  return (
    <svg
      id="quadrant"
      data-chart="quadrant"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart quadrant"
      data-width={W}
      role="img"
      aria-label={t("report.quadrant.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <rect x={left} y={top} width={Math.max(0, cx - left)} height={Math.max(0, cy - top)} fill={COLORS.worse} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={COLORS.grid} />
      <line x1={left} x2={left} y1={top} y2={bottom} stroke={COLORS.grid} />
      <line x1={cx} x2={cx} y1={top} y2={bottom} stroke={COLORS.ink} strokeDasharray="3 3" />
      <line x1={left} x2={right} y1={cy} y2={cy} stroke={COLORS.ink} strokeDasharray="3 3" />
      {corner("fix-first", left + 4, top + 14, "start")}
      {corner("keep", right - 4, top + 14, "end")}
      {corner("low-priority", left + 4, bottom - 6, "start")}
      {corner("over-invested", right - 4, bottom - 6, "end")}
      <text x={(left + right) / 2} y={H - 8} fontSize={FONT} textAnchor="middle" fill={COLORS.ink}>
        {t("report.quadrant.performance")}
      </text>
      <text x={16} y={(top + bottom) / 2} fontSize={FONT} textAnchor="middle" fill={COLORS.ink} transform={`rotate(-90 16 ${(top + bottom) / 2})`}>
        {t("report.quadrant.importance")}
      </text>
      <text x={cx} y={bottom + 14} fontSize={FONT} textAnchor="middle" fill={COLORS.muted}>
        {fmt(locale, result.performanceCut, 2)}
      </text>
      <text x={left - 4} y={cy + 4} fontSize={FONT} textAnchor="end" fill={COLORS.muted}>
        {fmt(locale, result.importanceCut)}
      </text>
      {result.attributes.map((a) => {
        const name = names[a.id] ?? a.id;
        const x = sx(a.ratio);
        const y = sy(a.importance);
        const flip = x + 6 + textWidth(name, FONT) > right;
        const tip = `${name}: ${t("report.quadrant.importance")} ${fmt(locale, a.importance)}, ${t("report.quadrant.performance")} ${fmt(locale, a.ratio, 2)} · ${t(`report.quadrant.${a.quadrant}`)}`;
        return (
          <g key={a.id} data-attribute={a.id} data-quadrant={a.quadrant} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
            <title>{tip}</title>
            <circle cx={x} cy={y} r={5} fill={a.quadrant === "fix-first" ? COLORS.bad : COLORS.own} />
            <text x={flip ? x - 7 : x + 7} y={y + 4} fontSize={FONT} fill={COLORS.ink} textAnchor={flip ? "end" : "start"}>
              {name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
