import { formatNumber, type Locale, type MessageKey } from "~/i18n";

/** A translator bound to a locale: charts take it as a prop so they render without hooks. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What every chart component takes besides the report: locale-bound labels. */
export interface ChartText {
  t: Translate;
  locale: Locale;
}

export const fmt = (locale: Locale, value: number, decimals = 1) => formatNumber(locale, value, decimals);

/** A calendar date YYYY-MM-DD for the reader's locale ("Nov 20, 2026", "2026年11月20日"); anything else as given. */
export function formatDay(locale: Locale, iso: string): string {
  const time = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(time);
}

/** A "nice" axis range around the values that always includes `anchor` (parity, 100). */
export function niceDomain(values: number[], anchor = 100, minPad = 5): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(anchor, ...finite);
  const hi = Math.max(anchor, ...finite);
  const pad = Math.max(minPad, (hi - lo) * 0.12);
  return [Math.floor((lo - pad) / 5) * 5, Math.ceil((hi + pad) / 5) * 5];
}

/** Tick values at a step of 5, 10, 20 or 50 giving at most about eight ticks. */
export function ticks([lo, hi]: [number, number]): number[] {
  const span = hi - lo;
  const step = [5, 10, 20, 50, 100].find((s) => span / s <= 8) ?? 200;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/**
 * Estimated rendered width of a label in SVG units: CJK and other wide characters take about
 * one em, narrow Latin characters about 0.58 em (a slight overestimate, so labels keep clear).
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff) || (code >= 0xff00 && code <= 0xffef)) em += 1;
    else if (/[mwMW@%]/.test(ch)) em += 0.85;
    else if (/[iljtfI.,:;!|' ]/.test(ch)) em += 0.35;
    else em += 0.6;
  }
  return em * fontSize;
}

/** Splits a label into lines of at most `maxWidth` (by `textWidth`), at spaces or between CJK characters. */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines = 2): string[] {
  const tokens = text.match(/[\u2e80-\uffef]|[^\s\u2e80-\uffef]+|\s+/g) ?? [text];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const candidate = line + token;
    if (line.trim() !== "" && textWidth(candidate.trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trim());
      line = token.trim() === "" ? "" : token;
    } else line = candidate;
  }
  if (line.trim() !== "") lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

/** Chart palette: own offer, competitors, good and bad, neutral. Colour-blind-safe pairs. */
export const COLORS = {
  own: "#1f5fbf",
  competitor: "#6b7280",
  series: ["#1f5fbf", "#c2410c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f"],
  good: "#15693e",
  bad: "#b42318",
  better: "#e3f3e8",
  worse: "#fbe7e4",
  band: "#eef1f5",
  ink: "#1d2430",
  muted: "#475467",
  grid: "#d0d5dd",
} as const;

export type Point = readonly [number, number];

/**
 * Clips a convex polygon to the rectangle [x0, x1] x [y0, y1] (Sutherland-Hodgman, one edge at a
 * time). Charts draw zones as clipped polygons rather than huge shapes behind a clip path: a
 * steep fair-value line otherwise throws vertices tens of thousands of pixels out, which some
 * renderers (resvg) cannot handle.
 */
export function clipPolygon(points: readonly Point[], [x0, x1]: [number, number], [y0, y1]: [number, number]): Point[] {
  const edges: Array<{ inside: (p: Point) => boolean; cross: (a: Point, b: Point) => Point }> = [
    { inside: (p) => p[0] >= x0, cross: (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])] },
    { inside: (p) => p[0] <= x1, cross: (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])] },
    { inside: (p) => p[1] >= y0, cross: (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0] },
    { inside: (p) => p[1] <= y1, cross: (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1] },
  ];
  let out: Point[] = [...points];
  for (const edge of edges) {
    const input = out;
    out = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length]!;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) out.push(edge.cross(previous, current));
        out.push(current);
      } else if (edge.inside(previous)) {
        out.push(edge.cross(previous, current));
      }
    });
  }
  return out;
}
