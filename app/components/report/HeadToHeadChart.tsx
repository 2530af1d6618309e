import type { HeadToHeadResult } from "../../../analysis/types";
import type { ReportView } from "~/lib/report/report-view";
import { COLORS, fmt, textWidth, wrapText, type ChartText } from "./chart-kit";

export interface HeadToHeadChartProps extends ChartText {
  report: ReportView;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  /** bars are focusable and carry their figures for the page's tooltip */
  interactive?: boolean;
}

const FONT = 12;
const MAX_THICK = 44;
const MIN_THICK = 6;

/**
 * Head-to-head area chart (method.md (e)) of the own offer against `report.versus`, for the
 * quality and the price attributes: each bar's thickness is the attribute's weight, its length
 * the advantage r_i - 1 (right and green: own better; left and red: own worse), so its area is
 * w_i (r_i - 1) and the areas sum to the score minus 100.
 */
export function HeadToHeadChart({ report, t, locale, width = 640, interactive = false }: HeadToHeadChartProps) {
  const W = Math.round(width);
  // Narrow boxes put each attribute's name on its own line above its bar.
  const narrow = W < 480;
  const versus = report.versus;
  const pair = versus ? report.analysis?.headToHead[versus] : undefined;
  if (!pair || (!pair.quality.ok && !pair.price.ok)) return null;
  const panels = (["quality", "price"] as const).map((kind) => ({ kind, result: pair[kind] })).filter((p) => p.result.ok) as Array<{
    kind: "quality" | "price";
    result: Extract<HeadToHeadResult, { ok: true }>;
  }>;
  const maxAdv = Math.max(0.05, ...panels.flatMap((p) => p.result.rows.map((r) => Math.abs(r.advantage))));
  const labelW = narrow ? W - 8 : 150;
  const plotX = narrow ? 56 : labelW + 10;
  const plotW = narrow ? W - 2 * plotX : W - plotX - 70;
  const zero = plotX + plotW / 2;
  const len = (adv: number) => (adv / maxAdv) * (plotW / 2);
  let cursor = 8;
  const drawn = panels.map((panel) => {
    const top = cursor;
    const title = wrapText(
      t(panel.kind === "quality" ? "report.h2h.quality" : "report.h2h.price", { score: fmt(locale, panel.result.score) }),
      13,
      W - 4,
      2,
    );
    cursor += 26 + (title.length - 1) * 17;
    const rows = panel.result.rows.map((row) => {
      const thick = Math.max(MIN_THICK, (row.weight / 100) * MAX_THICK * 2.2);
      const lines = wrapText(report.names.attributes[row.id] ?? row.id, FONT, labelW - 4);
      const y = cursor + (narrow ? lines.length * (FONT + 2) + 2 : 0);
      cursor = y + (narrow ? thick : Math.max(thick, 2 * (FONT + 2))) + 8;
      return { row, y, thick, lines };
    });
    cursor += 30;
    return { panel, top, rows, bottom: cursor - 30, title };
  });
  const H = cursor + 6;
  const own = report.own ? (report.names.offers[report.own] ?? report.own) : "";
  const other = versus ? (report.names.offers[versus] ?? versus) : "";
  return (
    <svg
      id="head-to-head"
      data-chart="head-to-head"
      data-versus={versus ?? ""}
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart head-to-head"
      data-width={W}
      role="img"
      aria-label={t("report.h2h.title", { own, other })}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {drawn.map(({ panel, top, rows, bottom, title }) => (
        <g key={panel.kind} data-kind={panel.kind}>
          {title.map((line, i) => (
            <text key={i} x={0} y={top + 14 + i * 17} fontSize="13" fontWeight="700" fill={COLORS.ink}>
              {line}
            </text>
          ))}
          <line x1={zero} x2={zero} y1={top + 20 + (title.length - 1) * 17} y2={bottom} stroke={COLORS.ink} />
          {rows.map(({ row, y, thick, lines }) => {
            const l = len(row.advantage);
            const good = row.advantage >= 0;
            const name = report.names.attributes[row.id] ?? row.id;
            const cy = y + (narrow ? thick : Math.max(thick, 2 * (FONT + 2))) / 2;
            const valueText = `${row.advantage >= 0 ? "+" : ""}${fmt(locale, row.advantage * 100, 1)}%`;
            const valueW = textWidth(valueText, 11);
            // The figure sits beyond the bar's end on white; where there is no room (a bar reaching
            // the edge) it sits on the other side of the zero line, never on the bar's colour.
            const outside = good ? zero + l + 4 + valueW <= W - 2 : zero + l - 4 - valueW >= 2;
            const valueX = outside ? (good ? zero + l + 4 : zero + l - 4) : good ? zero - 4 : zero + 4;
            const tip = `${name}: ${t("report.weight")} ${fmt(locale, row.weight)}, ${own} ${fmt(locale, row.own, 2)}, ${other} ${fmt(locale, row.competitor, 2)} (${valueText})`;
            return (
              <g key={row.id} data-attribute={row.id} data-advantage={row.advantage.toFixed(4)} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
                <title>{tip}</title>
                {lines.map((line, i) =>
                  narrow ? (
                    <text key={i} x={4} y={y - 4 - (lines.length - 1 - i) * (FONT + 2)} fontSize={FONT} fill={COLORS.ink}>
                      {line}
                    </text>
                  ) : (
                    <text key={i} x={labelW} y={cy + 4 + (i - (lines.length - 1) / 2) * (FONT + 2)} textAnchor="end" fontSize={FONT} fill={COLORS.ink}>
                      {line}
                    </text>
                  ),
                )}
                <rect
                  x={Math.min(zero, zero + l)}
                  y={cy - thick / 2}
                  width={Math.max(1, Math.abs(l))}
                  height={thick}
                  fill={good ? COLORS.good : COLORS.bad}
                  className={good ? "advantage" : "disadvantage"}
                />
                <text
                  x={valueX}
                  y={cy + 4}
                  textAnchor={good === outside ? "start" : "end"}
                  fontSize="11"
                  fill={COLORS.muted}
                  data-value-label={outside ? "end" : "opposite"}
                >
                  {valueText}
                </text>
              </g>
            );
          })}
          <text x={zero} y={bottom + 16} textAnchor="middle" fontSize="11" fill={COLORS.muted}>
            {t("report.h2h.axis", { own, other })}
          </text>
        </g>
      ))}
    </svg>
  );
}
