import type { ValueLeadsShareView } from "~/lib/report/scenario-view";
import { COLORS, fmt, ticks, type ChartText } from "../report/chart-kit";

export interface ValueLeadsChartProps extends ChartText {
  view: ValueLeadsShareView;
  names: Record<string, string>;
  own: string | null;
  width?: number;
  interactive?: boolean;
}

/** A symmetric-enough axis range around the values that always includes 0, at a step of 1, 2, 5 or 10. */
function domain(values: number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = Math.max(1, (hi - lo) * 0.12);
  const step = [1, 2, 5, 10, 20, 50].find((s) => (hi - lo + 2 * pad) / s <= 8) ?? 100;
  return [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step];
}

/** Tick values of a domain at the step `ticks` would choose for it, or finer for small spans. */
function axisTicks([lo, hi]: [number, number]): number[] {
  const span = hi - lo;
  if (span > 40) return ticks([lo, hi]);
  const step = [1, 2, 5, 10].find((s) => span / s <= 8) ?? 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/**
 * Value leads share (docs/method.md §10) as pure SVG: each (offer, wave) pair as a point, its
 * distance to the fair-value line in a wave across and its share change by the next wave up,
 * with the pooled least-squares line when it could be fitted.
 */
export function ValueLeadsChart({ view, names, own, t, locale, width = 640, interactive = false }: ValueLeadsChartProps) {
  if (view.points.length === 0) return null;
  const W = Math.round(width);
  const narrow = W < 480;
  const H = Math.round(Math.min(420, Math.max(280, W * 0.7)));
  const M = narrow ? { top: 12, right: 10, bottom: 46, left: 46 } : { top: 16, right: 20, bottom: 52, left: 58 };
  const FONT = narrow ? 12 : 13;
  const xd = domain(view.points.map((p) => p.value));
  const yd = domain(view.points.map((p) => p.change));
  const plot = { x: M.left, y: M.top, w: W - M.left - M.right, h: H - M.top - M.bottom };
  const x = (v: number) => plot.x + ((v - xd[0]) / (xd[1] - xd[0])) * plot.w;
  const y = (v: number) => plot.y + plot.h - ((v - yd[0]) / (yd[1] - yd[0])) * plot.h;
  const fit = view.result.ok ? view.result : null;
  const clipId = `value-leads-plot-${W}`;
  return (
    <svg
      id="value-leads-share"
      data-chart="value-leads-share"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart value-leads"
      role="img"
      aria-label={t("scenarios.vls.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} />
        </clipPath>
      </defs>
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <g clipPath={`url(#${clipId})`}>
        {axisTicks(xd).map((v) => (
          <line key={`gx${v}`} x1={x(v)} x2={x(v)} y1={plot.y} y2={plot.y + plot.h} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        {axisTicks(yd).map((v) => (
          <line key={`gy${v}`} x1={plot.x} x2={plot.x + plot.w} y1={y(v)} y2={y(v)} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        <line x1={x(0)} y1={plot.y} x2={x(0)} y2={plot.y + plot.h} stroke="#98a2b3" strokeDasharray="5 4" />
        <line x1={plot.x} y1={y(0)} x2={plot.x + plot.w} y2={y(0)} stroke="#98a2b3" strokeDasharray="5 4" />
        {fit ? (
          <line
            className="fit-line"
            x1={x(xd[0])}
            y1={y(fit.intercept + fit.slope * xd[0])}
            x2={x(xd[1])}
            y2={y(fit.intercept + fit.slope * xd[1])}
            stroke={COLORS.ink}
            strokeWidth="2"
          />
        ) : null}
      </g>
      <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} fill="none" stroke="#98a2b3" />
      {axisTicks(xd).map((v) => (
        <text key={`x${v}`} x={x(v)} y={plot.y + plot.h + 18} textAnchor="middle" fontSize="12" fill={COLORS.muted}>
          {v}
        </text>
      ))}
      {axisTicks(yd).map((v) => (
        <text key={`y${v}`} x={plot.x - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill={COLORS.muted}>
          {v}
        </text>
      ))}
      <text x={plot.x + plot.w / 2} y={H - 10} textAnchor="middle" fontSize={FONT} fill={COLORS.ink}>
        {t("scenarios.vls.axisX")}
      </text>
      <text transform={`translate(${narrow ? 14 : 16} ${plot.y + plot.h / 2}) rotate(-90)`} textAnchor="middle" fontSize={FONT} fill={COLORS.ink}>
        {t("scenarios.vls.axisY")}
      </text>
      {view.points.map((p) => {
        const text = t("scenarios.vls.point", {
          offer: names[p.offer] ?? p.offer,
          wave: p.wave,
          next: p.next,
          value: fmt(locale, p.value),
          change: fmt(locale, p.change),
        });
        const color = p.offer === own ? COLORS.own : COLORS.competitor;
        return (
          <g
            key={`${p.offer}-${p.wave}`}
            className="point"
            data-offer={p.offer}
            data-wave={p.wave}
            tabIndex={interactive ? 0 : undefined}
            data-tip={interactive ? text : undefined}
            aria-label={interactive ? text : undefined}
            role={interactive ? "button" : undefined}
          >
            <title>{text}</title>
            <circle cx={x(p.value)} cy={y(p.change)} r={p.offer === own ? 6 : 5} fill={color} fillOpacity={0.8} stroke="#ffffff" strokeWidth="1" />
          </g>
        );
      })}
    </svg>
  );
}
