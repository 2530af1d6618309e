import { COLORS, textWidth, type ChartText } from "./chart-kit";

export interface PriceSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** [price, share 0..1] in ascending price */
  points: Array<readonly [number, number]>;
}

export interface PriceMarker {
  key: string;
  /** short label drawn at the line (PMC, OPP...) */
  short: string;
  /** the tooltip's full text */
  tip: string;
  price: number;
}

const FONT = 11;

/**
 * Curves over price (shares 0..100 % on the vertical axis) with vertical markers at named prices
 * and an optional shaded price range: the Van Westendorp curves with PMC, PME, OPP and IPP and the
 * acceptable range, and the demand / revenue curves of Newton–Miller–Smith and Gabor–Granger.
 */
export function PriceLineChart({
  id,
  title,
  series,
  markers,
  range,
  xLabel,
  price,
  t: _t,
  locale,
  width = 640,
  interactive = false,
}: ChartText & {
  id: string;
  title: string;
  series: PriceSeries[];
  markers: PriceMarker[];
  range?: { lower: number; upper: number } | undefined;
  xLabel: string;
  /** formats a price for the axis */
  price: (value: number) => string;
  width?: number;
  interactive?: boolean;
}) {
  const W = Math.round(width);
  const prices = series.flatMap((s) => s.points.map((p) => p[0])).concat(markers.map((m) => m.price));
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
  const x0 = lo - span * 0.04;
  const x1 = hi + span * 0.04;
  // Legend rows: as many labels per row as fit.
  const legend: Array<{ s: PriceSeries; x: number; row: number }> = [];
  let lx = 44;
  let row = 0;
  for (const s of series) {
    const w = 22 + textWidth(s.label, FONT) + 14;
    if (lx + w > W - 4 && lx > 44) {
      row += 1;
      lx = 44;
    }
    legend.push({ s, x: lx, row });
    lx += w;
  }
  const top = 10 + (row + 1) * 16 + 16;
  const left = 44;
  const right = W - 12;
  const plotH = Math.max(160, Math.min(260, W * 0.45));
  const bottom = top + plotH;
  const H = bottom + 40;
  const sx = (p: number) => left + ((p - x0) / (x1 - x0)) * (right - left);
  const sy = (v: number) => bottom - v * plotH;
  const xTicks = niceTicks(x0, x1, W < 480 ? 4 : 7);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <svg
      id={id}
      data-chart={id}
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart price-chart"
      data-width={W}
      role="img"
      aria-label={title}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {legend.map(({ s, x, row: r }) => (
        <g key={s.key}>
          <line x1={x} x2={x + 18} y1={16 + r * 16} y2={16 + r * 16} stroke={s.color} strokeWidth={2.5} strokeDasharray={s.dashed ? "5 3" : undefined} />
          <text x={x + 22} y={20 + r * 16} fontSize={FONT} fill={COLORS.ink}>
            {s.label}
          </text>
        </g>
      ))}
      {range ? (
        <rect data-range="acceptable" x={sx(range.lower)} y={top} width={Math.max(1, sx(range.upper) - sx(range.lower))} height={plotH} fill={COLORS.band} />
      ) : null}
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={sy(v)} y2={sy(v)} stroke={COLORS.grid} strokeWidth={v === 0 ? 1 : 0.5} />
          <text x={left - 4} y={sy(v) + 4} fontSize={FONT} textAnchor="end" fill={COLORS.muted}>
            {percent.format(v)}
          </text>
        </g>
      ))}
      {xTicks.map((p) => (
        <text key={p} x={sx(p)} y={bottom + 16} fontSize={FONT} textAnchor="middle" fill={COLORS.muted}>
          {price(p)}
        </text>
      ))}
      <text x={(left + right) / 2} y={bottom + 34} fontSize={FONT} textAnchor="middle" fill={COLORS.ink}>
        {xLabel}
      </text>
      {series.map((s) => (
        <polyline
          key={s.key}
          data-series={s.key}
          points={s.points.map(([p, v]) => `${sx(p).toFixed(1)},${sy(Math.max(0, Math.min(1, v))).toFixed(1)}`).join(" ")}
          fill="none"
          stroke={s.color}
          strokeWidth={2}
          strokeDasharray={s.dashed ? "5 3" : undefined}
        />
      ))}
      {markers.map((m, i) => (
        <g key={m.key} data-marker={m.key} data-price={m.price} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? m.tip : undefined}>
          <title>{m.tip}</title>
          <line x1={sx(m.price)} x2={sx(m.price)} y1={top} y2={bottom} stroke={COLORS.ink} strokeWidth={1} strokeDasharray="2 3" />
          <text x={sx(m.price) + 3} y={top + 12 + (i % 4) * 13} fontSize={FONT} fontWeight={700} fill={COLORS.ink}>
            {m.short}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** About `count` round tick values between lo and hi. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}
