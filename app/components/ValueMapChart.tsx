import { formatNumber, type MessageKey } from "~/i18n";
import type { FairValueLine, ValueMapPoint } from "../../analysis/types";
import { useT } from "./use-t";

interface Props {
  points: ValueMapPoint[];
  line: FairValueLine;
  band: number;
  names: Record<string, string>;
}

const W = 640;
const H = 480;
const M = { top: 20, right: 24, bottom: 52, left: 64 };

/** A "nice" axis range around the data that always includes parity (100). */
function domain(values: number[]): [number, number] {
  const lo = Math.min(100, ...values);
  const hi = Math.max(100, ...values);
  const pad = Math.max(5, (hi - lo) * 0.15);
  return [Math.floor((lo - pad) / 5) * 5, Math.ceil((hi + pad) / 5) * 5];
}

function ticks([lo, hi]: [number, number]): number[] {
  const step = hi - lo > 60 ? 20 : hi - lo > 30 ? 10 : 5;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/**
 * The customer value map (method.md (c)) as server-rendered SVG: relative quality on x, relative
 * price on y, the fair-value line with its band, the better/worse value zones, parity lines at 100.
 */
export function ValueMapChart({ points, line, band, names }: Props) {
  const { t, locale } = useT();
  const xd = domain(points.map((p) => p.quality));
  const yd = domain(points.map((p) => p.relativePrice));
  const x = (v: number) => M.left + ((v - xd[0]) / (xd[1] - xd[0])) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - yd[0]) / (yd[1] - yd[0])) * (H - M.top - M.bottom);
  const fair = (q: number) => line.intercept + line.slope * q;
  // Zone between the line shifted by `offset` and a far-away edge; the clip path trims it.
  const poly = (offset: number, far: number) =>
    [
      [xd[0], fair(xd[0]) + offset],
      [xd[1], fair(xd[1]) + offset],
      [xd[1], far],
      [xd[0], far],
    ]
      .map(([a, b]) => `${x(a!)},${y(b!)}`)
      .join(" ");
  const fmt = (v: number) => formatNumber(locale, v, 1);
  // Labels of points in the right third go to the left of the point so they stay inside.
  const flip = (q: number) => x(q) > M.left + ((W - M.left - M.right) * 2) / 3;
  const zoneLabel = (key: MessageKey, qx: number, ry: number, anchor: "start" | "end") => (
    <text x={x(qx)} y={y(ry)} textAnchor={anchor} className="zone-label" fontSize="13" fill="#475467">
      {t(key)}
    </text>
  );
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="value-map"
      role="img"
      aria-label={t("report.valueMap")}
      xmlns="http://www.w3.org/2000/svg"
      data-testid="value-map"
    >
      <defs>
        <clipPath id="plot">
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <g clipPath="url(#plot)">
        <polygon points={poly(-band, -1e4)} fill="#e3f3e8" />
        <polygon points={poly(band, 1e4)} fill="#fbe7e4" />
        <line x1={x(xd[0])} y1={y(fair(xd[0]))} x2={x(xd[1])} y2={y(fair(xd[1]))} stroke="#1d2430" strokeWidth="2" />
        <line x1={x(100)} y1={y(yd[0])} x2={x(100)} y2={y(yd[1])} stroke="#98a2b3" strokeDasharray="4 4" />
        <line x1={x(xd[0])} y1={y(100)} x2={x(xd[1])} y2={y(100)} stroke="#98a2b3" strokeDasharray="4 4" />
      </g>
      {zoneLabel("report.betterValue", xd[1] - (xd[1] - xd[0]) * 0.02, yd[0] + (yd[1] - yd[0]) * 0.04, "end")}
      {zoneLabel("report.worseValue", xd[0] + (xd[1] - xd[0]) * 0.02, yd[1] - (yd[1] - yd[0]) * 0.06, "start")}
      <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} fill="none" stroke="#98a2b3" />
      {ticks(xd).map((v) => (
        <text key={`x${v}`} x={x(v)} y={H - M.bottom + 18} textAnchor="middle" fontSize="12" fill="#475467">
          {v}
        </text>
      ))}
      {ticks(yd).map((v) => (
        <text key={`y${v}`} x={M.left - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#475467">
          {v}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 10} textAnchor="middle" fontSize="13" fill="#1d2430">
        {t("report.axisQuality")}
      </text>
      <text transform={`translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize="13" fill="#1d2430">
        {t("report.axisPrice")}
      </text>
      {points.map((p) => (
        <g key={p.offerId} data-offer={p.offerId}>
          <title>{`${names[p.offerId] ?? p.offerId}: Q ${fmt(p.quality)}, RP ${fmt(p.relativePrice)}, n = ${p.n}`}</title>
          <circle cx={x(p.quality)} cy={y(p.relativePrice)} r={p.own ? 8 : 6} fill={p.own ? "#1f5fbf" : "#fff"} stroke="#1f5fbf" strokeWidth="2" />
          <text
            x={x(p.quality) + (flip(p.quality) ? -11 : 11)}
            y={y(p.relativePrice) - 8}
            textAnchor={flip(p.quality) ? "end" : "start"}
            fontSize="13"
            fontWeight={p.own ? 700 : 400}
            fill="#1d2430"
          >
            {`${names[p.offerId] ?? p.offerId} (n=${p.n})`}
          </text>
        </g>
      ))}
    </svg>
  );
}
