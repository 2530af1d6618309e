// One chart's layout and markup (the timeline: panels, wave badges, the event list), kept in one piece to be read as a drawing.
import type { ReportView } from "~/lib/report/report-view";
import { COLORS, fmt, formatDay, niceDomain, textWidth, wrapText, type ChartText } from "./chart-kit";

export interface TimelineChartProps extends ChartText {
  report: ReportView;
  /** drawing width (the page's box; 640 for exports) */
  width?: number;
  /** data points are focusable and carry their figures for the page's tooltip */
  interactive?: boolean;
}

const FONT = 12;
const DAY = 86_400_000;

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Month starts between two times (ms), every `step` months, for the time axis. */
function monthTicks(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  const d = new Date(from);
  // Date.UTC carries month numbers past 11 into the next years.
  for (let k = d.getUTCMonth() + 1; ; k++) {
    const t = Date.UTC(d.getUTCFullYear(), k, 1);
    if (t > to) break;
    if ((k % 12) % step === 0) out.push(t);
  }
  return out;
}

/**
 * Key events timeline (method.md (f)) on a time-proportional axis: each offer's relative quality,
 * relative price and customer value score per wave in three panels (100 = market average), the
 * waves and the researcher's dated events placed at their dates (two waves a day apart sit a
 * day apart; months are ticked), events as numbered markers across the panels, listed under them.
 */
export function TimelineChart({ report, t, locale, width = 640, interactive = false }: TimelineChartProps) {
  const timeline = report.timeline;
  if (!timeline.ok || timeline.series.length === 0) return null;
  const W = Math.round(width);
  const narrow = W < 480;
  const PANEL_H = narrow ? 90 : 110;
  const M = { left: narrow ? 34 : 44, right: narrow ? 12 : 20 };
  const waves = timeline.waves;
  const events = timeline.events;
  const plotW = W - M.left - M.right;

  // The time axis: every wave and event date, padded by 4 % of the span (at least 3 days).
  const times = [...waves.map((w) => dayMs(w.date)), ...events.map((e) => dayMs(e.date))].filter(Number.isFinite);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(3 * DAY, (last - first) * 0.04);
  const t0 = first - pad;
  const t1 = last + pad;
  const timeX = (ms: number) => M.left + ((ms - t0) / (t1 - t0)) * plotW;
  const dateX = (date: string) => timeX(dayMs(date));

  // Month ticks: every 1, 2, 3, 6 or 12 months, whichever leaves room for their labels.
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const yearFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  const monthPx = (30.4 * DAY * plotW) / (t1 - t0);
  const step = [1, 2, 3, 6, 12].find((s) => s * monthPx >= (narrow ? 52 : 60)) ?? 24;
  const months = monthTicks(t0, t1, step);

  const colorOf = (offer: string, i: number) => (offer === report.own ? COLORS.own : COLORS.series[(i % (COLORS.series.length - 1)) + 1]!);
  const metrics = [
    { key: "quality" as const, label: t("report.axisQuality") },
    { key: "relativePrice" as const, label: t("report.axisPrice") },
    { key: "value" as const, label: t("report.valueScore") },
  ];

  // Legend: one row per line that fits the width.
  const legendItems = timeline.series.map((s, i) => ({ offer: s.offer, color: colorOf(s.offer, i), name: report.names.offers[s.offer] ?? s.offer }));
  const legend: Array<{ offer: string; color: string; name: string; x: number; row: number }> = [];
  {
    let x = 4;
    let row = 0;
    for (const item of legendItems) {
      const w = 26 + textWidth(item.name, FONT) + 14;
      if (x > 4 && x + w > W - 4) {
        row += 1;
        x = 4;
      }
      legend.push({ ...item, x, row });
      x += w;
    }
  }
  const legendRows = (legend.at(-1)?.row ?? 0) + 1;

  // Event badges at their dates; badges closer than 16 units go to a second (third...) row.
  const badgeRows: number[] = [];
  const rowEnds: number[] = [];
  for (const e of events) {
    const x = Math.min(W - 8, Math.max(8, dateX(e.date)));
    let row = rowEnds.findIndex((end) => x - end >= 16);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(x);
    } else rowEnds[row] = x;
    badgeRows.push(row);
  }
  const badgeTop = 8 + legendRows * 20 + 8;
  const top = badgeTop + Math.max(1, rowEnds.length) * 17 + 6;
  const panelGap = 26;
  const panelY = (m: number) => top + 18 + m * (PANEL_H + panelGap);
  const panelsBottom = panelY(metrics.length - 1) + PANEL_H;

  // Wave labels under the axis, staggered into rows where they would collide.
  const monthRowY = panelsBottom + 14;
  const waveTop = monthRowY + 10;
  const waveLabelRows: number[] = [];
  const waveRowEnds: number[] = [];
  for (const w of waves) {
    const label = `${t("report.timeline.wave", { wave: w.wave })} · n=${w.n}`;
    const half = Math.max(textWidth(label, 11), textWidth(formatDay(locale, w.date), 10)) / 2 + 4;
    const x = Math.min(W - half, Math.max(half, dateX(w.date)));
    let row = waveRowEnds.findIndex((end) => x - half >= end);
    if (row < 0) {
      row = waveRowEnds.length;
      waveRowEnds.push(x + half);
    } else waveRowEnds[row] = x + half;
    waveLabelRows.push(row);
  }
  const waveLabelX = (i: number) => {
    const w = waves[i]!;
    const label = `${t("report.timeline.wave", { wave: w.wave })} · n=${w.n}`;
    const half = Math.max(textWidth(label, 11), textWidth(formatDay(locale, w.date), 10)) / 2 + 4;
    return Math.min(W - half, Math.max(half, dateX(w.date)));
  };
  const listTop = waveTop + Math.max(1, waveRowEnds.length) * 30 + 16;
  const eventLines = events.map((e, i) => wrapText(`${i + 1}. ${formatDay(locale, e.date)} · ${report.names.offers[e.offer] ?? e.offer}: ${e.label}`, FONT, W - 8, narrow ? 2 : 1));
  const H = listTop + eventLines.reduce((s, lines) => s + lines.length * 16 + 2, 0) + 8;
  let listY = listTop;

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
      data-width={W}
    >
      <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
      {legend.map((item) => (
        <g key={item.offer}>
          <line x1={item.x} x2={item.x + 20} y1={12 + item.row * 20} y2={12 + item.row * 20} stroke={item.color} strokeWidth="3" />
          <text x={item.x + 24} y={16 + item.row * 20} fontSize={FONT} fill={COLORS.ink}>
            {item.name}
          </text>
        </g>
      ))}
      {metrics.map((metric, m) => {
        const y0 = panelY(m);
        const values = timeline.series.flatMap((s) => s.points.map((p) => p[metric.key]).filter((v): v is number => v !== null));
        const d = niceDomain(values, 100, 3);
        const y = (v: number) => y0 + PANEL_H - ((v - d[0]) / (d[1] - d[0])) * PANEL_H;
        const title = t("report.axisWithNote", { title: metric.label, note: t("report.marketAverage") });
        return (
          <g key={metric.key} data-metric={metric.key}>
            <text x={M.left} y={y0 - 6} fontSize={FONT} fontWeight="700" fill={COLORS.ink}>
              {textWidth(title, FONT) <= W - M.left - 4 ? title : metric.label}
            </text>
            <rect x={M.left} y={y0} width={plotW} height={PANEL_H} fill="none" stroke={COLORS.grid} />
            {months.map((ms) => (
              <line key={ms} x1={timeX(ms)} x2={timeX(ms)} y1={y0} y2={y0 + PANEL_H} stroke={COLORS.grid} strokeWidth="0.5" />
            ))}
            <line x1={M.left} x2={M.left + plotW} y1={y(100)} y2={y(100)} stroke="#98a2b3" strokeDasharray="4 4" />
            <text x={M.left - 4} y={y(100) + 4} textAnchor="end" fontSize="10" fill={COLORS.muted}>
              100
            </text>
            {Math.abs(y(d[1]) - y(100)) > 12 ? (
              <text x={M.left - 4} y={y0 + 10} textAnchor="end" fontSize="10" fill={COLORS.muted}>
                {d[1]}
              </text>
            ) : null}
            {Math.abs(y(d[0]) - y(100)) > 12 ? (
              <text x={M.left - 4} y={y0 + PANEL_H} textAnchor="end" fontSize="10" fill={COLORS.muted}>
                {d[0]}
              </text>
            ) : null}
            {events.map((e, i) => (
              <line key={e.id} x1={dateX(e.date)} x2={dateX(e.date)} y1={y0} y2={y0 + PANEL_H} stroke="#b45309" strokeDasharray="2 3" data-event={i + 1} />
            ))}
            {timeline.series.map((s, i) => {
              const pts = s.points.filter((p) => p[metric.key] !== null).map((p) => ({ x: dateX(p.date), y: y(p[metric.key] as number), p }));
              const color = colorOf(s.offer, i);
              const offerName = report.names.offers[s.offer] ?? s.offer;
              return (
                <g key={s.offer} data-offer={s.offer}>
                  <polyline points={pts.map((q) => `${q.x},${q.y}`).join(" ")} fill="none" stroke={color} strokeWidth="2" />
                  {pts.map((q) => {
                    const tip = `${offerName}, ${t("report.timeline.wave", { wave: q.p.wave })} (${formatDay(locale, q.p.date)}): ${metric.label} ${fmt(locale, q.p[metric.key] as number)}, n = ${q.p.n}`;
                    return (
                      <circle key={q.p.wave} cx={q.x} cy={q.y} r={3.5} fill={color} tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined} className="datum">
                        <title>{tip}</title>
                      </circle>
                    );
                  })}
                </g>
              );
            })}
          </g>
        );
      })}
      {months.map((ms) => (
        <g key={`m${ms}`} data-month={new Date(ms).toISOString().slice(0, 7)}>
          <line x1={timeX(ms)} x2={timeX(ms)} y1={panelsBottom} y2={panelsBottom + 4} stroke={COLORS.muted} />
          <text x={timeX(ms)} y={monthRowY} textAnchor="middle" fontSize="10" fill={COLORS.muted}>
            {new Date(ms).getUTCMonth() === 0 || ms === months[0] ? yearFormat.format(ms) : monthFormat.format(ms)}
          </text>
        </g>
      ))}
      {waves.map((w, i) => {
        const y = waveTop + waveLabelRows[i]! * 30;
        return (
          <g key={w.wave} data-wave={w.wave}>
            <line x1={dateX(w.date)} x2={dateX(w.date)} y1={panelsBottom} y2={y - 2} stroke={COLORS.ink} strokeWidth="1" />
            <text x={waveLabelX(i)} y={y + 10} textAnchor="middle" fontSize="11" fill={COLORS.ink}>
              {`${t("report.timeline.wave", { wave: w.wave })} · n=${w.n}`}
            </text>
            <text x={waveLabelX(i)} y={y + 23} textAnchor="middle" fontSize="10" fill={COLORS.muted}>
              {formatDay(locale, w.date)}
            </text>
          </g>
        );
      })}
      {events.map((e, i) => {
        const x = Math.min(W - 8, Math.max(8, dateX(e.date)));
        const cy = badgeTop + badgeRows[i]! * 17 + 7;
        const lines = eventLines[i]!;
        const y = listY;
        listY += lines.length * 16 + 2;
        const tip = `${i + 1}. ${formatDay(locale, e.date)} · ${report.names.offers[e.offer] ?? e.offer}: ${e.label}`;
        return (
          <g key={e.id} className="event">
            <line x1={x} x2={dateX(e.date)} y1={cy + 7} y2={top + 18} stroke="#b45309" strokeWidth="0.75" />
            <g tabIndex={interactive ? 0 : undefined} data-tip={interactive ? tip : undefined}>
              <circle cx={x} cy={cy} r={7} fill="#b45309" />
              <text x={x} y={cy + 3.5} textAnchor="middle" fontSize="9" fill="#ffffff" fontWeight="700">
                {i + 1}
              </text>
            </g>
            {lines.map((line, k) => (
              <text key={k} x={4} y={y + 12 + k * 16} fontSize={FONT} fill={COLORS.ink}>
                {line}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
