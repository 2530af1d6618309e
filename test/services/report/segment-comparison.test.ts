import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSegmentComparison } from "../../../app/lib/report/segment-comparison.server";
import { reportCache } from "../../../app/lib/report/report.server";
import { demoDb } from "../demo-db";

/**
 * The segment comparison service on the demo (segment question "segment": home / office, every
 * respondent answered it): each segment is the report filtered to it, so the two segments
 * partition the analysed respondents, and each row's V is (q Q + (100 − q) S) / 100
 * (docs/method.md, customer value score) from that segment's own q and map point.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
const options = { line: "weights" as const, flagged: "out" as const };
beforeAll(async () => {
  demo = await demoDb();
  reportCache.clear();
});
afterAll(() => demo.cleanup());

describe("loadSegmentComparison (service)", () => {
  it("compares every answer with respondents by default, the segments partitioning the analysed respondents", async () => {
    const view = await loadSegmentComparison(demo.db, demo.study, "en", options, [], { question: null, values: [] });
    expect(view.issue).toBeNull();
    expect(view.question).toBe("segment");
    expect(view.segments.map((s) => s.value)).toEqual(["home", "office"]);
    expect(view.segments.reduce((sum, s) => sum + s.n, 0)).toBe(view.report.counts.analysed);
    for (const s of view.segments) {
      expect(s.report.options.segment).toEqual({ question: "segment", value: s.value });
      expect(s.rows.map((r) => r.offer).sort()).toEqual(["aster", "birch", "cedar"]);
      const a = s.report.analysis!;
      const q = "ok" in a.weights ? null : a.weights.qualityShare;
      expect(q).not.toBeNull();
      for (const r of s.rows) {
        const point = a.valueMap.ok ? a.valueMap.points.find((p) => p.offer === r.offer)! : null;
        expect(r.quality).toBe(point!.quality);
        expect(r.relativePrice).toBe(point!.relativePrice);
        expect(r.value).toBeCloseTo((q! * point!.quality + (100 - q!) * point!.satisfaction) / 100, 9);
        expect(r.qualityInterval!.lower).toBeLessThan(r.quality);
        expect(r.qualityInterval!.upper).toBeGreaterThan(r.quality);
      }
    }
  });

  it("drops unknown answers and questions, and says when fewer than two answers can be compared", async () => {
    const unknown = await loadSegmentComparison(demo.db, demo.study, "zh-CN", options, [], { question: "nope", values: ["home", "mars"] });
    expect(unknown.question).toBe("segment");
    expect(unknown.selected).toEqual(["home", "office"]);
    // Every respondent moved to "home": one answer with respondents is nothing to compare.
    await demo.db.run(sql`update response_profile set value = 'home' where question_code = 'segment'`);
    reportCache.clear();
    const one = await loadSegmentComparison(demo.db, demo.study, "en", options, [], { question: "segment", values: ["home", "office"] });
    expect(one.issue).toBe("need-two");
    expect(one.selected).toEqual(["home"]);
    expect(one.segments).toEqual([]);
  });
});
