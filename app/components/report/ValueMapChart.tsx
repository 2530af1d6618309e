import type { ReportView } from "~/lib/report/report-view";
import { clipPolygon, COLORS, fmt, niceDomain, textWidth, ticks, type ChartText, type Point } from "./chart-kit";
import { overlapArea, placeLabels, type Box } from "./label-placement";
import { MapFrame, mapZoneBoxes } from "./MapFrame";
import { shownIntervals } from "./shown-intervals";
import type { ReportMapPoint as MapPoint } from "../../../analysis";

export interface ValueMapChartProps extends ChartText {
  report: ReportView;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  /** points are focusable and carry their figures for the page's tooltip */
  interactive?: boolean;
  /** fixed axes (the segment comparison draws every segment's map on the same axes); default fitted to the points */
  domain?: { x: [number, number]; y: [number, number] };
  /** the drawing's id when several maps share a page (default "value-map") */
  svgId?: string;
}

export const VALUE_MAP_SIZE = { width: 640, height: 500 } as const;

/**
 * The customer value map (method.md (c)) as pure SVG: relative quality (x) against relative
 * price (y), 95 % interval whiskers (bootstrap, or delta method for large n) on both axes, the chosen fair-value line with its band,
 * the better/worse value zones shaded and named, frontier offers marked, parity lines at 100,
 * bubbles by market share when chosen, and each offer's movement across waves when there are
 * several. Labels are placed around their points without overlapping (label-placement.ts).
 */
export function ValueMapChart({ report, t, locale, width = VALUE_MAP_SIZE.width, interactive = false, domain, svgId = "value-map" }: ValueMapChartProps) {
  const map = report.analysis?.valueMap;
  if (!map || !map.ok) return null;
  // Narrow boxes (phones) get tighter margins and a slightly smaller font; the height follows the width.
  const W = Math.round(width);
  const narrow = W < 480;
  const H = Math.round(Math.min(VALUE_MAP_SIZE.height, Math.max(320, W * 0.9)));
  const M = narrow ? { top: 12, right: 10, bottom: 50, left: 46 } : { top: 16, right: 20, bottom: 56, left: 62 };
  const FONT = narrow ? 12 : 13;
  const intervals = shownIntervals(report.analysis)?.offers ?? {};
  const trail = report.options.wave === undefined && report.timeline.ok && report.timeline.waves.length > 1 ? report.timeline.series : [];
  const shares = new Map(report.offers.map((o) => [o.code, o.marketShare]));
  const bubbles = report.options.bubbles === true && report.offers.some((o) => o.marketShare !== null);

  const xs = map.points.flatMap((p) => {
    const i = intervals[p.offer]?.quality;
    return [p.quality, ...(i?.ok ? [i.lower, i.upper] : [])];
  });
  const ys = map.points.flatMap((p) => {
    const i = intervals[p.offer]?.relativePrice;
    return [p.relativePrice, ...(i?.ok ? [i.lower, i.upper] : [])];
  });
  for (const s of trail) {
    for (const p of s.points) {
      xs.push(p.quality);
      ys.push(p.relativePrice);
    }
  }
  // "Relative quality (100 = market average)", or without the note where it does not fit.
  const axisTitle = (title: string, room: number) => {
    const full = t("report.axisWithNote", { title, note: t("report.marketAverage") });
    return textWidth(full, FONT) <= room - 8 ? full : title;
  };
  const xd = domain?.x ?? niceDomain(xs);
  const yd = domain?.y ?? niceDomain(ys);
  const plot = { x: M.left, y: M.top, w: W - M.left - M.right, h: H - M.top - M.bottom };
  const x = (v: number) => plot.x + ((v - xd[0]) / (xd[1] - xd[0])) * plot.w;
  const y = (v: number) => plot.y + plot.h - ((v - yd[0]) / (yd[1] - yd[0])) * plot.h;
  const fair = (q: number) => map.line.intercept + map.line.slope * q;
  const band = map.band;
  // Zones in data space, clipped to the plotted domain: below the band is better value, above worse.
  const toPoints = (corners: Point[]) =>
    clipPolygon(corners, xd, yd)
      .map(([a, b]) => `${x(a)},${y(b)}`)
      .join(" ");
  const poly = (offset: number, far: number) =>
    toPoints([
      [xd[0], fair(xd[0]) + offset],
      [xd[1], fair(xd[1]) + offset],
      [xd[1], far],
      [xd[0], far],
    ]);
  const bandPoly = toPoints([
    [xd[0], fair(xd[0]) - band],
    [xd[1], fair(xd[1]) - band],
    [xd[1], fair(xd[1]) + band],
    [xd[0], fair(xd[0]) + band],
  ]);

  const radius = (offer: string, own: boolean) => {
    const share = shares.get(offer);
    if (bubbles && share !== null && share !== undefined) return 5 + Math.sqrt(Math.max(0, share)) * 2.4;
    return own ? 8 : 6;
  };
  const name = (offer: string) => report.names.offers[offer] ?? offer;
  const labelText = (p: (typeof map.points)[number]) => `${name(p.offer)} (n=${p.n}${p.n < report.smallN ? "*" : ""})`;
  // Own first, then by n: the most important labels get the best spots.
  const order = [...map.points].sort((a, b) => Number(b.own) - Number(a.own) || b.n - a.n);
  const zoneBetter = t("report.betterValue");
  const zoneWorse = t("report.worseValue");
  const zoneBoxes = mapZoneBoxes(plot, zoneBetter, zoneWorse, FONT);
  const place = (text: (p: MapPoint) => string) =>
    placeLabels(
      order.map((p) => ({ x: x(p.quality), y: y(p.relativePrice), r: radius(p.offer, p.own), w: textWidth(text(p), FONT) + 4, h: FONT + 4 })),
      { x: plot.x + 2, y: plot.y + 2, w: plot.w - 4, h: plot.h - 4 },
      zoneBoxes,
    );
  // Where the full labels cannot all be placed clear of each other (a narrow box), the names
  // alone are (n stays in the tooltip and the table).
  let labelOf = labelText;
  let placed = place(labelText);
  const crowded = (labels: Box[]) =>
    labels.some((l, i) => [...labels.slice(i + 1), ...zoneBoxes].some((o) => overlapArea(l, o) > 0) || l.x < plot.x || l.x + l.w > plot.x + plot.w);
  if (crowded(placed)) {
    labelOf = (p) => `${name(p.offer)}${p.n < report.smallN ? "*" : ""}`;
    placed = place(labelOf);
  }
  // The frontier is drawn only where it separates offers (not when every offer is on it).
  const showFrontier = map.points.some((p) => p.frontier) && map.points.some((p) => !p.frontier);
  const intervalText = (i: { ok: boolean; lower?: number; upper?: number } | undefined) =>
    i?.ok && i.lower !== undefined && i.upper !== undefined ? ` (${t("report.interval", { lower: fmt(locale, i.lower), upper: fmt(locale, i.upper) })})` : "";
  // Ids inside the drawing are unique per map when several share a page.
  const idPrefix = svgId === "value-map" ? "" : `${svgId}-`;
  const clipId = `${idPrefix}value-map-plot-${W}`;
  // A wave's tag is left out where it would sit on the offer's own (all-waves) marker or on an
  // offer's label.
  const nearCurrent = (offer: string, quality: number, relativePrice: number) => {
    const current = map.points.find((p) => p.offer === offer);
    if (!current) return false;
    // The tag's box (right of and below the wave's dot) against the current marker's circle.
    const cx = x(current.quality);
    const cy = y(current.relativePrice);
    const box = { x0: x(quality) + 3, x1: x(quality) + 20, y0: y(relativePrice) + 2, y1: y(relativePrice) + 14 };
    if (placed.some((l) => box.x0 < l.x + l.w && l.x < box.x1 && box.y0 < l.y + l.h && l.y < box.y1)) return true;
    const dx = Math.max(box.x0 - cx, 0, cx - box.x1);
    const dy = Math.max(box.y0 - cy, 0, cy - box.y1);
    return Math.hypot(dx, dy) < radius(offer, current.own) + 3;
  };
  return (
    <svg
      id={svgId}
      data-chart="value-map"
      data-testid="value-map"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart value-map"
      data-width={W}
      role="img"
      aria-label={t("report.valueMap")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
      data-line={map.line.kind}
      data-slope={map.line.slope.toFixed(4)}
    >
      <defs>
        {[
          ["own", COLORS.own],
          ["competitor", COLORS.competitor],
        ].map(([key, color]) => (
          <marker key={key} id={`${idPrefix}trail-arrow-${key}-${W}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill={color} />
          </marker>
        ))}
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} />
        </clipPath>
      </defs>
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      <g clipPath={`url(#${clipId})`}>
        <polygon points={poly(-band, Math.min(yd[0], fair(xd[0]) - band, fair(xd[1]) - band))} fill={COLORS.better} data-zone="better" />
        <polygon points={poly(band, Math.max(yd[1], fair(xd[0]) + band, fair(xd[1]) + band))} fill={COLORS.worse} data-zone="worse" />
        <polygon points={bandPoly} fill={COLORS.band} data-zone="fair" />
        {ticks(xd).map((v) => (
          <line key={`gx${v}`} x1={x(v)} x2={x(v)} y1={plot.y} y2={plot.y + plot.h} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        {ticks(yd).map((v) => (
          <line key={`gy${v}`} x1={plot.x} x2={plot.x + plot.w} y1={y(v)} y2={y(v)} stroke={COLORS.grid} strokeWidth="0.5" />
        ))}
        <line x1={x(100)} y1={plot.y} x2={x(100)} y2={plot.y + plot.h} stroke="#98a2b3" strokeDasharray="5 4" data-parity="x" />
        <line x1={plot.x} y1={y(100)} x2={plot.x + plot.w} y2={y(100)} stroke="#98a2b3" strokeDasharray="5 4" data-parity="y" />
        <line
          className="fair-value-line"
          x1={x(xd[0])}
          y1={y(fair(xd[0]))}
          x2={x(xd[1])}
          y2={y(fair(xd[1]))}
          stroke={COLORS.ink}
          strokeWidth="2"
        />
        {trail.map((s) => (
          <g key={`trail-${s.offer}`} className="trail" data-trail={s.offer}>
            {s.points.slice(1).map((p, k) => {
              // One segment per move, with an arrowhead at the later wave (direction of travel).
              const from = s.points[k]!;
              return (
                <line
                  key={`move-${p.wave}`}
                  x1={x(from.quality)}
                  y1={y(from.relativePrice)}
                  x2={x(p.quality)}
                  y2={y(p.relativePrice)}
                  stroke={s.offer === report.own ? COLORS.own : COLORS.competitor}
                  strokeWidth="1.5"
                  strokeDasharray="3 3"
                  markerEnd={`url(#${idPrefix}trail-arrow-${s.offer === report.own ? "own" : "competitor"}-${W})`}
                  data-move={`${from.wave}-${p.wave}`}
                />
              );
            })}
            {s.points.map((p) => (
              <g key={p.wave}>
                <circle cx={x(p.quality)} cy={y(p.relativePrice)} r={3} fill={s.offer === report.own ? COLORS.own : COLORS.competitor} opacity="0.6" />
                {nearCurrent(s.offer, p.quality, p.relativePrice) ? null : (
                  <text x={x(p.quality) + 4} y={y(p.relativePrice) + 12} fontSize="10" fill={COLORS.muted} stroke="#ffffff" strokeWidth="2.5" paintOrder="stroke">
                    {`W${p.wave}`}
                  </text>
                )}
              </g>
            ))}
          </g>
        ))}
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
        xTitle={axisTitle(t("report.axisQuality"), plot.w)}
        yTitle={axisTitle(t("report.axisPrice"), plot.h)}
      />
      {order.map((p, i) => {
        const q = intervals[p.offer]?.quality;
        const rp = intervals[p.offer]?.relativePrice;
        const cx = x(p.quality);
        const cy = y(p.relativePrice);
        const r = radius(p.offer, p.own);
        const color = p.own ? COLORS.own : COLORS.competitor;
        const box = placed[i]!;
        const small = p.n < report.smallN;
        const figures = intervals[p.offer];
        const tip = [
          name(p.offer),
          `${t("report.axisQuality")} ${fmt(locale, p.quality)}${intervalText(figures?.quality)}`,
          `${t("report.axisPrice")} ${fmt(locale, p.relativePrice)}${intervalText(figures?.relativePrice)}`,
          `${t("report.valueGap")} ${fmt(locale, p.value)} · ${t(`report.zone.${p.zone}`)}`,
          `${t("report.n", { n: p.n })}${small ? " *" : ""}`,
        ].join("\n");
        return (
          <g
            key={p.offer}
            data-offer={p.offer}
            data-own={p.own ? "true" : undefined}
            data-frontier={p.frontier ? "true" : undefined}
            className="point"
            tabIndex={interactive ? 0 : undefined}
            data-tip={interactive ? tip : undefined}
            aria-label={interactive ? tip.replace(/\n/g, "; ") : undefined}
            role={interactive ? "button" : undefined}
          >
            <title>{tip.replace(/\n/g, "; ")}</title>
            {q?.ok ? (
              <g stroke={color} strokeWidth="1.5" className="whisker" data-axis="x">
                <line x1={x(q.lower)} x2={x(q.upper)} y1={cy} y2={cy} />
                <line x1={x(q.lower)} x2={x(q.lower)} y1={cy - 4} y2={cy + 4} />
                <line x1={x(q.upper)} x2={x(q.upper)} y1={cy - 4} y2={cy + 4} />
              </g>
            ) : null}
            {rp?.ok ? (
              <g stroke={color} strokeWidth="1.5" className="whisker" data-axis="y">
                <line x1={cx} x2={cx} y1={y(rp.lower)} y2={y(rp.upper)} />
                <line x1={cx - 4} x2={cx + 4} y1={y(rp.lower)} y2={y(rp.lower)} />
                <line x1={cx - 4} x2={cx + 4} y1={y(rp.upper)} y2={y(rp.upper)} />
              </g>
            ) : null}
            {p.frontier && showFrontier ? <circle cx={cx} cy={cy} r={r + 4} fill="none" stroke={COLORS.good} strokeWidth="2" strokeDasharray="2 2" /> : null}
            <circle
              className="marker"
              cx={cx}
              cy={cy}
              r={r}
              fill={p.own ? COLORS.own : "#ffffff"}
              fillOpacity={bubbles ? 0.55 : 1}
              stroke={color}
              strokeWidth={2}
              strokeDasharray={small ? "3 2" : undefined}
            />
            {box.leader ? (
              <line
                x1={cx}
                y1={cy}
                x2={box.anchor === "start" ? box.x : box.x + box.w}
                y2={box.y + box.h / 2}
                stroke={COLORS.muted}
                strokeWidth="0.75"
              />
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
              {labelOf(p)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
