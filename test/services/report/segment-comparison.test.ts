import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSegmentComparison } from "../../../app/lib/report/segment-comparison.server";
import { reportCache, reportRespondents } from "../../../app/lib/report/report.server";
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

  it("tests each attribute gap per segment by Welch's t-test, as docs/method.md §4 (g) states it", async () => {
    // Recomputed here from the segment's own respondents (not from the analysis): for the first
    // quality attribute in "home", own = aster, reference = birch and cedar with a_k = 1/2 (no
    // shares): gap = m_own − (m_birch + m_cedar) / 2, SE² = s_own²/n_own + Σ a_k² s_k²/n_k,
    // t = gap / SE, df = SE⁴ / Σ v² / (n − 1) over the three terms v.
    const view = await loadSegmentComparison(demo.db, demo.study, "en", options, [], { question: "segment", values: ["home", "office"] });
    const home = view.segments.find((s) => s.value === "home")!;
    const attribute = view.report.attributes.find((a) => a.kind === "quality")!.code;
    const respondents = await reportRespondents(demo.db, demo.study, home.report.options);
    expect(respondents.length).toBe(home.n);
    const sample = (offer: string) => respondents.flatMap((r) => (r.ratings[offer]?.[attribute] !== undefined ? [r.ratings[offer]![attribute]!] : []));
    const stats = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { m, v: xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1), n: xs.length };
    };
    const own = stats(sample("aster"));
    const refs = ["birch", "cedar"].map((o) => stats(sample(o)));
    const terms = [{ v: own.v / own.n, n: own.n }, ...refs.map((r) => ({ v: (0.25 * r.v) / r.n, n: r.n }))];
    const se2 = terms.reduce((a, x) => a + x.v, 0);
    const gap = own.m - (refs[0]!.m + refs[1]!.m) / 2;
    const df = se2 ** 2 / terms.reduce((a, x) => a + x.v ** 2 / (x.n - 1), 0);

    const tests = home.report.analysis!.gapTests;
    const row = tests.ok ? tests.attributes.find((r) => r.id === attribute) : undefined;
    expect(row && row.ok).toBe(true);
    if (!row || !row.ok) return;
    expect(row.gap).toBeCloseTo(gap, 9);
    expect(row.standardError).toBeCloseTo(Math.sqrt(se2), 9);
    expect(row.t).toBeCloseTo(gap / Math.sqrt(se2), 9);
    expect(row.df).toBeCloseTo(df, 6);
    expect(row.significant).toBe(row.p < 0.05);
    // The two segments are tested on their own respondents: their gaps differ.
    const office = view.segments.find((s) => s.value === "office")!.report.analysis!.gapTests;
    const officeRow = office.ok ? office.attributes.find((r) => r.id === attribute) : undefined;
    expect(officeRow && officeRow.ok && officeRow.gap).not.toBeCloseTo(gap, 6);
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
