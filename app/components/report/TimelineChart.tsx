import type { ReportView } from "~/lib/report/report.server";
import { COLORS, fmt, formatDay, niceDomain, textWidth, wrapText, type ChartText } from "./chart-kit";

export interface TimelineChartProps extends ChartText {
  report: ReportView;
}

const W = 640;
const FONT = 12;
const PANEL_H = 110;
const M = { left: 56, right: 96 };

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * Key events timeline (method.md (f)): each offer's Q, RP and V per wave in three panels, the
 * researcher's dated events as numbered markers across the panels, listed under them.
 */
export function TimelineChart({ report, t, locale }: TimelineChartProps) {
  const timeline = report.timeline;
  if (!timeline.ok || timeline.series.length === 0) return null;
  const waves = timeline.waves;
  const plotW = W - M.left - M.right;
  const slot = plotW / Math.max(1, waves.length);
  const waveX = (index: number) => M.left + slot * (index + 0.5);
  const events = timeline.events;
  const firstX = waveX(0);
  const lastX = waveX(waves.length - 1);
  const before = events.filter((e) => e.position === "before-first").length;
  const after = events.filter((e) => e.position === "after-last").length;
  let beforeIndex = 0;
  let afterIndex = 0;
  // Events before the first wave (after the last) spread over the margin left (right) of it, in date order.
  const rawX = events.map((e) => {
    if (e.position === "before-first") {
      beforeIndex += 1;
      return M.left + ((firstX - M.left) * beforeIndex) / (before + 1);
    }
    if (e.position === "after-last") {
      afterIndex += 1;
      return lastX + ((M.left + plotW - lastX) * afterIndex) / (after + 1);
    }
    const a = waves.findIndex((w) => w.wave === e.afterWave);
    const b = waves.findIndex((w) => w.wave === e.beforeWave);
    const da = dayNumber(waves[a]!.date);
    const db = dayNumber(waves[b]!.date);
    const f = db > da ? (dayNumber(e.date) - da) / (db - da) : 0.5;
    return waveX(a) + (waveX(b) - waveX(a)) * Math.min(0.9, Math.max(0.1, f));
  });
  // Numbered badges keep 16 units apart (events are in date order, so x never decreases).
  const xsOfEvents: number[] = [];
  for (const x of rawX) xsOfEvents.push(Math.max(x, (xsOfEvents.at(-1) ?? -Infinity) + 16));
  const eventX = (i: number) => Math.min(W - 8, xsOfEvents[i]!);
  const colorOf = (offer: string, i: number) => (offer === report.own ? COLORS.own : COLORS.series[(i % (COLORS.series.length - 1)) + 1]!);
  const metrics = [
    { key: "quality" as const, label: "Q" },
    { key: "relativePrice" as const, label: "RP" },
    { key: "value" as const, label: "V" },
  ];
  const top = 44;
  const panelsBottom = top + metrics.length * (PANEL_H + 12);
  const listTop = panelsBottom + 34;
  const H = listTop + events.length * 18 + 8;
  const legendItems = timeline.series.map((s, i) => ({ offer: s.offer, color: colorOf(s.offer, i), name: report.names.offers[s.offer] ?? s.offer }));
  let legendX = M.left;
  return (
    <svg
      id="timeline"
      data-chart="timeline"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      className="chart timeline"
      role="img"
      aria-label={t("report.timeline.title")}
      xmlns="http://www.w3.org/2000/svg"
      fontFamily="'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {legendItems.map((item) => {
        const x0 = legendX;
        legendX += 26 + textWidth(item.name, FONT) + 14;
        return (
          <g key={item.offer}>
            <line x1={x0} x2={x0 + 20} y1={12} y2={12} stroke={item.color} strokeWidth="3" />
            <text x={x0 + 24} y={16} fontSize={FONT} fill={COLORS.ink}>
              {item.name}
            </text>
          </g>
        );
      })}
      {metrics.map((metric, m) => {
        const y0 = top + m * (PANEL_H + 12);
        const values = timeline.series.flatMap((s) => s.points.map((p) => p[metric.key]).filter((v): v is number => v !== null));
        const d = niceDomain(values, 100, 3);
        const y = (v: number) => y0 + PANEL_H - ((v - d[0]) / (d[1] - d[0])) * PANEL_H;
        return (
          <g key={metric.key} data-metric={metric.key}>
            <rect x={M.left} y={y0} width={plotW} height={PANEL_H} fill="none" stroke={COLORS.grid} />
            <line x1={M.left} x2={M.left + plotW} y1={y(100)} y2={y(100)} stroke="#98a2b3" strokeDasharray="4 4" />
            <text x={M.left - 8} y={y0 + PANEL_H / 2 + 4} textAnchor="end" fontSize="13" fontWeight="700" fill={COLORS.ink}>
              {metric.label}
            </text>
            <text x={M.left - 8} y={y0 + 10} textAnchor="end" fontSize="10" fill={COLORS.muted}>
              {d[1]}
            </text>
            <text x={M.left - 8} y={y0 + PANEL_H} textAnchor="end" fontSize="10" fill={COLORS.muted}>
              {d[0]}
            </text>
            {timeline.series.map((s, i) => {
              const pts = s.points
                .filter((p) => p[metric.key] !== null)
                .map((p) => ({ x: waveX(waves.findIndex((w) => w.wave === p.wave)), y: y(p[metric.key] as number), p }));
              const color = colorOf(s.offer, i);
              return (
                <g key={s.offer} data-offer={s.offer}>
                  <polyline points={pts.map((q) => `${q.x},${q.y}`).join(" ")} fill="none" stroke={color} strokeWidth="2" />
                  {pts.map((q) => (
                    <circle key={q.p.wave} cx={q.x} cy={q.y} r={3.5} fill={color}>
                      <title>{`${report.names.offers[s.offer] ?? s.offer}, W${q.p.wave}: ${metric.label} ${fmt(locale, q.p[metric.key] as number)}, n = ${q.p.n}`}</title>
                    </circle>
                  ))}
                </g>
              );
            })}
            {events.map((e, i) => (
              <line key={e.id} x1={eventX(i)} x2={eventX(i)} y1={y0} y2={y0 + PANEL_H} stroke="#b45309" strokeDasharray="2 3" data-event={i + 1} />
            ))}
          </g>
        );
      })}
      {waves.map((w, i) => (
        <g key={w.wave}>
          <text x={waveX(i)} y={panelsBottom + 2} textAnchor="middle" fontSize="11" fill={COLORS.ink}>
            {`${t("report.timeline.wave", { wave: w.wave })} · n=${w.n}`}
          </text>
          <text x={waveX(i)} y={panelsBottom + 15} textAnchor="middle" fontSize="10" fill={COLORS.muted}>
            {formatDay(locale, w.date)}
          </text>
        </g>
      ))}
      {events.map((e, i) => (
        <g key={e.id} className="event">
          <circle cx={eventX(i)} cy={top - 10} r={7} fill="#b45309" />
          <text x={eventX(i)} y={top - 6.5} textAnchor="middle" fontSize="9" fill="#ffffff" fontWeight="700">
            {i + 1}
          </text>
          <text x={4} y={listTop + i * 18} fontSize={FONT} fill={COLORS.ink}>
            {wrapText(`${i + 1}. ${formatDay(locale, e.date)} · ${report.names.offers[e.offer] ?? e.offer}: ${e.label}`, FONT, W - 8, 1)[0]}
          </text>
        </g>
      ))}
    </svg>
  );
}
