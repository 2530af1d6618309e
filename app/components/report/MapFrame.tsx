import { COLORS, textWidth, ticks } from "./chart-kit";

type Plot = { x: number; y: number; w: number; h: number };
type Box = Plot;

/** Where a value map writes its two zone names: "better value" bottom right, "worse value" top left. */
export function mapZoneBoxes(plot: Plot, better: string, worse: string, font: number): [Box, Box] {
  return [
    { x: plot.x + plot.w - 8 - textWidth(better, font), y: plot.y + plot.h - 24, w: textWidth(better, font), h: 18 },
    { x: plot.x + 8, y: plot.y + 6, w: textWidth(worse, font), h: 18 },
  ];
}

/**
 * What every value map draws around its points (the report's map and the scenario map): the zone
 * names, the plot's frame, the ticks of both axes and the axis titles.
 */
export function MapFrame(props: {
  plot: Plot;
  height: number;
  narrow: boolean;
  font: number;
  x: (v: number) => number;
  y: (v: number) => number;
  xDomain: [number, number];
  yDomain: [number, number];
  zones: { boxes: [Box, Box]; better: string; worse: string };
  xTitle: string;
  yTitle: string;
}) {
  const { plot, font, x, y, zones } = props;
  const [better, worse] = zones.boxes;
  return (
    <>
      <text x={better.x + better.w} y={better.y + 14} textAnchor="end" fontSize={font} fill={COLORS.good} fontWeight="600" data-zone-label="better">
        {zones.better}
      </text>
      <text x={worse.x} y={worse.y + 14} fontSize={font} fill={COLORS.bad} fontWeight="600" data-zone-label="worse">
        {zones.worse}
      </text>
      <rect x={plot.x} y={plot.y} width={plot.w} height={plot.h} fill="none" stroke="#98a2b3" />
      {ticks(props.xDomain).map((v) => (
        <text key={`x${v}`} x={x(v)} y={plot.y + plot.h + 18} textAnchor="middle" fontSize="12" fill={COLORS.muted}>
          {v}
        </text>
      ))}
      {ticks(props.yDomain).map((v) => (
        <text key={`y${v}`} x={plot.x - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill={COLORS.muted}>
          {v}
        </text>
      ))}
      <text x={plot.x + plot.w / 2} y={props.height - 12} textAnchor="middle" fontSize={font} fill={COLORS.ink}>
        {props.xTitle}
      </text>
      <text transform={`translate(${props.narrow ? 15 : 16} ${plot.y + plot.h / 2}) rotate(-90)`} textAnchor="middle" fontSize={font} fill={COLORS.ink}>
        {props.yTitle}
      </text>
    </>
  );
}
