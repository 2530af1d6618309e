import { describe, expect, it } from "vitest";
import { clipPolygon, formatDay, niceDomain, textWidth, ticks, wrapText } from "../../app/components/report/chart-kit";
import { overlapArea, placeLabels, type LabelRequest } from "../../app/components/report/label-placement";
import { LruCache } from "../../app/lib/platform/lru-cache.server";
import { parseReportOptions, parseReportOptionsWithIssues, reportQuery } from "../../app/lib/report/report-options.server";

const study = { fairValueLine: "weights" as const, fairValueSlope: null };
const q = (s: string) => new URLSearchParams(s);

describe("parseReportOptions", () => {
  it("defaults to the study's line and leaves flagged responses out", () => {
    expect(parseReportOptions(q(""), study)).toEqual({ line: "weights", flagged: "out" });
    expect(parseReportOptions(q(""), { fairValueLine: "slope", fairValueSlope: 1.25 })).toEqual({ line: "slope", slope: 1.25, flagged: "out" });
    expect(parseReportOptions(q(""), { fairValueLine: "parity", fairValueSlope: null })).toEqual({ line: "parity", flagged: "out" });
  });

  it("reads every option from the query string", () => {
    const options = parseReportOptions(q("line=slope&slope=1.5&segment=channel:online&wave=2&flagged=in&versus=birch&bubbles=1"), study);
    expect(options).toEqual({ line: "slope", slope: 1.5, segment: { question: "channel", value: "online" }, wave: 2, flagged: "in", versus: "birch", bubbles: true });
  });

  it("keeps a segment value holding a colon (split at the first)", () => {
    expect(parseReportOptions(q("segment=time:09:30"), study).segment).toEqual({ question: "time", value: "09:30" });
  });

  it("names bad values and falls back to the defaults", () => {
    const { options, ignored } = parseReportOptionsWithIssues(q("line=zigzag&wave=-1&flagged=maybe&segment=nocolon&versus=<script>&bubbles=yes"), study);
    expect(options).toEqual({ line: "weights", flagged: "out" });
    expect(ignored.sort()).toEqual(["bubbles", "flagged", "line", "segment", "versus", "wave"]);
  });

  it("refuses a given-slope line without a usable slope", () => {
    for (const slope of ["", "0", "-2", "abc", "1e9"]) {
      const { options, ignored } = parseReportOptionsWithIssues(q(`line=slope&slope=${slope}`), study);
      expect(options.line, slope).toBe("weights");
      expect(options.slope, slope).toBeUndefined();
      expect(ignored, slope).toContain("slope");
    }
  });

  it("writes options back to a query string that reads back the same", () => {
    const samples = [
      "line=parity&flagged=out",
      "line=slope&slope=0.8&segment=region:north&wave=3&flagged=in&versus=cedar&bubbles=1",
      "line=regression&segment=size:a%20b&flagged=out",
    ];
    for (const s of samples) {
      const options = parseReportOptions(q(s), study);
      expect(parseReportOptions(q(reportQuery(options)), study)).toEqual(options);
    }
  });
});

describe("placeLabels", () => {
  const bounds = { x: 0, y: 0, w: 400, h: 300 };
  const boxesOverlap = (labels: ReturnType<typeof placeLabels>) => {
    let total = 0;
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) total += overlapArea(labels[i]!, labels[j]!);
    return total;
  };

  it("puts a lone label to the right of its point, inside the bounds", () => {
    const [label] = placeLabels([{ x: 100, y: 100, r: 6, w: 60, h: 16 }], bounds);
    expect(label).toMatchObject({ x: 110, y: 92, anchor: "start", overlaps: false, leader: false });
  });

  it("moves a label near the right edge to the left of its point", () => {
    const [label] = placeLabels([{ x: 390, y: 100, r: 6, w: 60, h: 16 }], bounds);
    expect(label!.anchor).toBe("end");
    expect(label!.x + label!.w).toBeLessThanOrEqual(390);
  });

  it("separates the labels of points that sit on top of each other, without covering any marker", () => {
    const points: LabelRequest[] = [
      { x: 200, y: 150, r: 8, w: 90, h: 17 },
      { x: 203, y: 152, r: 6, w: 90, h: 17 },
      { x: 206, y: 149, r: 6, w: 90, h: 17 },
      { x: 200, y: 156, r: 6, w: 90, h: 17 },
    ];
    const labels = placeLabels(points, bounds);
    expect(labels.every((l) => !l.overlaps)).toBe(true);
    expect(boxesOverlap(labels)).toBe(0);
    for (const l of labels) {
      expect(l.x).toBeGreaterThanOrEqual(0);
      expect(l.x + l.w).toBeLessThanOrEqual(400);
      for (const p of points) expect(overlapArea(l, { x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r })).toBe(0);
    }
  });

  it("avoids the obstacles it is given (the zone names)", () => {
    const zone = { x: 100, y: 90, w: 120, h: 20 };
    const [label] = placeLabels([{ x: 95, y: 100, r: 6, w: 60, h: 16 }], bounds, [zone]);
    expect(overlapArea(label!, zone)).toBe(0);
    expect(label!.overlaps).toBe(false);
  });

  it("flags a label that cannot be placed without overlap (the least overlapping spot is used)", () => {
    const tiny = { x: 0, y: 0, w: 30, h: 20 };
    const [label] = placeLabels([{ x: 15, y: 10, r: 4, w: 80, h: 16 }], tiny);
    expect(label!.overlaps).toBe(true);
  });
});

describe("chart text helpers", () => {
  it("measures CJK characters wider than Latin ones", () => {
    expect(textWidth("紫菀", 10)).toBe(20);
    expect(textWidth("ab", 10)).toBeCloseTo(12, 6);
    expect(textWidth("紫菀 (n=58)", 13)).toBeGreaterThan(textWidth("Aster", 13));
  });

  it("wraps at spaces and between CJK characters, with an ellipsis past the last line", () => {
    expect(wrapText("After-sales service and repairs", 12, 100)).toEqual(["After-sales", "service and…"]);
    expect(wrapText("售后服务与维修保养", 12, 50, 3)).toEqual(["售后服务", "与维修保", "养"]);
    expect(wrapText("Short", 12, 100)).toEqual(["Short"]);
  });

  it("formats calendar dates for the reader's locale and leaves other text alone", () => {
    expect(formatDay("en", "2026-11-20")).toBe("Nov 20, 2026");
    expect(formatDay("zh-CN", "2026-11-20")).toBe("2026年11月20日");
    expect(formatDay("en", "soon")).toBe("soon");
  });

  it("makes axis domains that hold the data and parity, with round ticks", () => {
    expect(niceDomain([112, 86, 101])).toEqual([80, 120]);
    expect(niceDomain([100.5])).toEqual([95, 110]);
    expect(ticks([80, 120])).toEqual([80, 85, 90, 95, 100, 105, 110, 115, 120]);
    expect(ticks([40, 160])).toEqual([40, 60, 80, 100, 120, 140, 160]);
  });
});

describe("LruCache", () => {
  it("keeps the most recently used entries up to its capacity", () => {
    const cache = new LruCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3); // evicts b
    expect(cache.has("b")).toBe(false);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([3, 0]);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.misses).toBe(1);
  });
});

describe("reportIntervalMethod", () => {
  it("uses the bootstrap up to 1000 analysed respondents and the delta method above", async () => {
    const { reportIntervalMethod } = await import("../../app/lib/report/report-intervals");
    expect([1, 1000, 1001, 100_000].map(reportIntervalMethod)).toEqual(["bootstrap", "bootstrap", "delta", "delta"]);
  });
});

describe("clipPolygon", () => {
  it("cuts a zone under a steep line to the plotted box (hand-computed corners)", () => {
    // Box [0, 10] x [0, 10]; the zone under y = 4x - 10 down to y = -1000.
    const zone = clipPolygon(
      [
        [0, -10],
        [10, 30],
        [10, -1000],
        [0, -1000],
      ],
      [0, 10],
      [0, 10],
    );
    // The line crosses y = 0 at x = 2.5 and y = 10 at x = 5: the zone is the quadrilateral
    // (2.5, 0), (5, 10), (10, 10), (10, 0), in some rotation.
    const sorted = [...zone].map(([x, y]) => `${x},${y}`).sort();
    expect(sorted).toEqual(["10,0", "10,10", "2.5,0", "5,10"]);
  });

  it("keeps a polygon inside the box as it is and drops one wholly outside", () => {
    const inside: Array<[number, number]> = [
      [1, 1],
      [4, 1],
      [4, 3],
    ];
    expect(clipPolygon(inside, [0, 10], [0, 10])).toEqual(inside);
    expect(clipPolygon([[20, 20], [30, 20], [30, 30]], [0, 10], [0, 10])).toEqual([]);
  });
});
