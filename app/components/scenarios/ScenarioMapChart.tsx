import type { ApplyScenarioResult, ValueMapPoint, ValueMapResult } from "../../../analysis";
import { clipPolygon, COLORS, fmt, niceDomain, textWidth, ticks, type ChartText, type Point } from "../report/chart-kit";
import { placeLabels } from "../report/label-placement";
import { MapFrame, mapZoneBoxes } from "../report/MapFrame";

type MapOk = Extract<ValueMapResult, { ok: true }>;
type ResultOk = Extract<ApplyScenarioResult, { ok: true }>;

export interface ScenarioMapChartProps extends ChartText {
  /** the base map (its band and fair zone) */
  base: MapOk;
  result: ResultOk;
  /** offer names by code */
  names: Record<string, string>;
  /** the scenario's name (the chart's accessible label) */
  name: string;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  interactive?: boolean;
  /** the SVG's id (one per scenario on the page) */
  id?: string;
}

export const SCENARIO_MAP_SIZE = { width: 640, height: 500 } as const;

/**
 * A scenario on the value map (docs/method.md §9), as pure SVG: each offer's base point (hollow),
 * an arrow to its scenario point (filled), the scenario's fair-value line with its band and the
 * better/worse zones, the scenario's value frontier (dotted ring), and the base's line dashed
 * where the scenario moved it. Labels sit by the
 * scenario points without overlapping; every scenario point carries its figures before and
 * after for the page's tooltip.
 */
export function ScenarioMapChart({ base, result, names, name, t, locale, width = SCENARIO_MAP_SIZE.width, interactive = false, id = "scenario-map" }: ScenarioMapChartProps) {
  const W = Math.round(width);
  const narrow = W < 480;
  const H = Math.round(Math.min(SCENARIO_MAP_SIZE.height, Math.max(320, W * 0.9)));
  const M = narrow ? { top: 12, right: 10, bottom: 50, left: 46 } : { top: 16, right: 20, bottom: 56, left: 62 };
  const FONT = narrow ? 12 : 13;
  const before = new Map(result.points.base.map((p) => [p.offerId, p]));
  const after = new Map(result.points.scenario.map((p) => [p.offerId, p]));
  const all = [...result.points.base, ...result.points.scenario];
  const xd = niceDomain(all.map((p) => p.quality));
  const yd = niceDomain(all.map((p) => p.relativePrice));
  const plot = { x: M.left, y: M.top, w: W - M.left - M.right, h: H - M.top - M.bottom };
  const x = (v: number) => plot.x + ((v - xd[0]) / (xd[1] - xd[0])) * plot.w;
  const y = (v: number) => plot.y + plot.h - ((v - yd[0]) / (yd[1] - yd[0])) * plot.h;
  const line = result.line.scenario;
  const fair = (q: number) => line.intercept + line.slope * q;
  const baseFair = (q: number) => result.line.base.intercept + result.line.base.slope * q;
  const lineMoved = Math.abs(line.slope - result.line.base.slope) > 1e-9 || Math.abs(line.intercept - result.line.base.intercept) > 1e-9;
  // Fair zone: v = fair(Q) - RP in [lower, upper], so RP in [fair - upper, fair - lower].
  const { lower, upper } = base.fairZone;
  const toPoints = (corners: Point[]) =>
    clipPolygon(corners, xd, yd)
      .map(([a, b]) => `${x(a)},${y(b)}`)
      .join(" ");
  const below = toPoints([
    [xd[0], fair(xd[0]) - upper],
    [xd[1], fair(xd[1]) - upper],
    [xd[1], Math.min(yd[0], fair(xd[1]) - upper)],
    [xd[0], Math.min(yd[0], fair(xd[0]) - upper)],
  ]);
  const above = toPoints([
    [xd[0], fair(xd[0]) - lower],
    [xd[1], fair(xd[1]) - lower],
    [xd[1], Math.max(yd[1], fair(xd[1]) - lower)],
    [xd[0], Math.max(yd[1], fair(xd[0]) - lower)],
  ]);
  const band = toPoints([
    [xd[0], fair(xd[0]) - upper],
    [xd[1], fair(xd[1]) - upper],
    [xd[1], fair(xd[1]) - lower],
    [xd[0], fair(xd[0]) - lower],
  ]);
  const label = (offer: string) => names[offer] ?? offer;
  const offers = result.comparison.map((c) => c.offer);
  const ends = offers.map((offer) => after.get(offer) ?? before.get(offer)).filter((p): p is ValueMapPoint => p !== undefined);
  const order = [...ends].sort((a, b) => Number(b.own) - Number(a.own) || b.n - a.n);
  const zoneBetter = t("report.betterValue");
  const zoneWorse = t("report.worseValue");
  const zoneBoxes = mapZoneBoxes(plot, zoneBetter, zoneWorse, FONT);
  const radius = (own: boolean) => (own ? 8 : 6);
  const placed = placeLabels(
    order.map((p) => ({ x: x(p.quality), y: y(p.relativePrice), r: radius(p.own), w: textWidth(label(p.offerId), FONT) + 4, h: FONT + 4 })),
    { x: plot.x + 2, y: plot.y + 2, w: plot.w - 4, h: plot.h - 4 },
    zoneBoxes,
  );
  // The scenario's frontier, drawn only where it separates offers (as on the report's map).
  const showFrontier = result.points.scenario.some((p) => p.frontier) && result.points.scenario.some((p) => !p.frontier);
  const clipId = `${id}-plot-${W}`;
  const arrowId = (own: boolean) => `${id}-arrow-${own ? "own" : "competitor"}-${W}`;
  const tip = (offer: string) => {
    const b = before.get(offer);
    const s = after.get(offer);
    const pair = (from: number | undefined, to: number | undefined) =>
      `${from !== undefined ? fmt(locale, from) : "–"} → ${to !== undefined ? fmt(locale, to) : "–"}`;
    return [
      label(offer),
      `${t("report.axisQuality")} ${pair(b?.quality, s?.quality)}`,
      `${t("report.axisPrice")} ${pair(b?.relativePrice, s?.relativePrice)}`,
      `${t("report.valueGap")} ${pair(b?.value, s?.value)}`,
      `${t("report.zone")} ${b ? t(`report.zone.${b.zone}`) : "–"} → ${s ? t(`report.zone.${s.zone}`) : "–"}`,
    ].join("\n");
  };
  return (
    <svg
      id={id}
      data-chart="scenario-map"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart value-map scenario-map"
      data-width={W}
      role="img"
      aria-label={t("scenarios.chart.label", { name })}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
      data-slope={line.slope.toFixed(4)}
    >
      <defs>
        {[true, false].map((own) => (
          <marker key={String(own)} id={arrowId(own)} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill={own ? COLORS.own : COLORS.competitor} />
          </marker>
        ))}
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} />
        </clipPath>
      </defs>
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <g clipPath={`url(#${clipId})`}>
        <polygon points={below} fill={COLORS.better} data-zone="better" />
        <polygon points={above} fill={COLORS.worse} data-zone="worse" />
        <polygon points={band} fill={COLORS.band} data-zone="fair" />
        {ticks(xd).map((v) => (
          <line key={`gx${v}`} x1={x(v)} x2={x(v)} y1={plot.y} y2={plot.y + plot.h} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        {ticks(yd).map((v) => (
          <line key={`gy${v}`} x1={plot.x} x2={plot.x + plot.w} y1={y(v)} y2={y(v)} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        <line x1={x(100)} y1={plot.y} x2={x(100)} y2={plot.y + plot.h} stroke="#98a2b3" strokeDasharray="5 4" />
        <line x1={plot.x} y1={y(100)} x2={plot.x + plot.w} y2={y(100)} stroke="#98a2b3" strokeDasharray="5 4" />
        {lineMoved ? (
          <line className="base-line" x1={x(xd[0])} y1={y(baseFair(xd[0]))} x2={x(xd[1])} y2={y(baseFair(xd[1]))} stroke={COLORS.muted} strokeWidth="1.5" strokeDasharray="6 4" />
        ) : null}
        <line className="fair-value-line" x1={x(xd[0])} y1={y(fair(xd[0]))} x2={x(xd[1])} y2={y(fair(xd[1]))} stroke={COLORS.ink} strokeWidth="2" />
        {offers.map((offer) => {
          const b = before.get(offer);
          if (!b) return null;
          return (
            <circle
              key={`base-${offer}`}
              className="base-marker"
              data-base={offer}
              cx={x(b.quality)}
              cy={y(b.relativePrice)}
              r={radius(b.own) - 1}
              fill="#ffffff"
              stroke={b.own ? COLORS.own : COLORS.competitor}
              strokeWidth="1.5"
              strokeDasharray="3 2"
            />
          );
        })}
        {offers.map((offer) => {
          const b = before.get(offer);
          const s = after.get(offer);
          if (!b || !s) return null;
          const x1 = x(b.quality);
          const y1 = y(b.relativePrice);
          const x2 = x(s.quality);
          const y2 = y(s.relativePrice);
          const length = Math.hypot(x2 - x1, y2 - y1);
          // From the edge of the base marker to the edge of the scenario marker; none when they touch.
          const start = radius(b.own);
          const end = length - radius(s.own) - 1;
          if (end - start < 6) return null;
          return (
            <line
              key={`arrow-${offer}`}
              data-arrow={offer}
              x1={x1 + ((x2 - x1) * start) / length}
              y1={y1 + ((y2 - y1) * start) / length}
              x2={x1 + ((x2 - x1) * end) / length}
              y2={y1 + ((y2 - y1) * end) / length}
              stroke={s.own ? COLORS.own : COLORS.competitor}
              strokeWidth="2"
              markerEnd={`url(#${arrowId(s.own)})`}
            />
          );
        })}
      </g>
      <MapFrame
        plot={plot}
        height={H}
        narrow={narrow}
        font={FONT}
        x={x}
        y={y}
        xDomain={xd}
        yDomain={yd}
        zones={{ boxes: zoneBoxes, better: zoneBetter, worse: zoneWorse }}
        xTitle={t("report.axisQuality")}
        yTitle={t("report.axisPrice")}
      />
      {order.map((p, i) => {
        const box = placed[i]!;
        const color = p.own ? COLORS.own : COLORS.competitor;
        const text = tip(p.offerId);
        const cx = x(p.quality);
        const cy = y(p.relativePrice);
        return (
          <g
            key={p.offerId}
            className="point"
            data-offer={p.offerId}
            data-own={p.own ? "true" : undefined}
            tabIndex={interactive ? 0 : undefined}
            data-tip={interactive ? text : undefined}
            aria-label={interactive ? text.replace(/\n/g, "; ") : undefined}
            role={interactive ? "button" : undefined}
          >
            <title>{text.replace(/\n/g, "; ")}</title>
            {p.frontier && showFrontier ? <circle className="frontier" cx={cx} cy={cy} r={radius(p.own) + 4} fill="none" stroke={COLORS.good} strokeWidth="2" strokeDasharray="2 2" /> : null}
            <circle className="marker" cx={cx} cy={cy} r={radius(p.own)} fill={color} stroke={color} strokeWidth={2} />
            {box.leader ? (
              <line x1={cx} y1={cy} x2={box.anchor === "start" ? box.x : box.x + box.w} y2={box.y + box.h / 2} stroke={COLORS.muted} strokeWidth="0.75" />
            ) : null}
            <text
              x={box.anchor === "start" ? box.x + 2 : box.x + box.w - 2}
              y={box.y + box.h - 4}
              textAnchor={box.anchor}
              fontSize={FONT}
              fontWeight={p.own ? 700 : 400}
              fill={COLORS.ink}
              stroke="#ffffff"
              strokeWidth="3"
              paintOrder="stroke"
              strokeLinejoin="round"
              className="point-label"
            >
              {label(p.offerId)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
