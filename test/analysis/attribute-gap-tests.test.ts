import { describe, it, expect } from "vitest";
import { attributeGapTests } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

function gap(result: ReturnType<typeof attributeGapTests>, id: string) {
  const found = ok(result).attributes.find((a) => a.id === id);
  if (found === undefined || !found.ok) throw new Error(`no test for ${id}`);
  return found;
}

describe("attributeGapTests (Welch t-test)", () => {
  const headToHead = attributeGapTests({ respondents, offers, attributes, ownId: "aster", referenceIds: ["birch"] });

  it("tests aster against birch on reliability: gap 1.25, SE 0.75, t 1.6667, df 4.3307 (method.md worked example)", () => {
    // aster 9, 8, 9, 7: mean 8.25, s² 0.916667, n 4; birch 7, 6, 8: mean 7, s² 1, n 3.
    // SE² = 0.916667 / 4 + 1 / 3 = 0.5625; t = 1.25 / 0.75; df = 0.5625² / (0.229167² / 3 +
    // 0.333333² / 2) = 0.316406 / 0.073061 = 4.330693.
    const r = gap(headToHead, "reliability");
    expect([r.test, r.gap, r.standardError, r.t, r.df]).toEqual([
      "welch-t",
      expect.closeTo(1.25, 12),
      expect.closeTo(0.75, 12),
      expect.closeTo(5 / 3, 12),
      expect.closeTo(4.330693, 5),
    ]);
  });

  it("gives the two-sided p 0.1654 (scipy.stats.ttest_ind, equal_var=False) and calls it not significant", () => {
    const r = gap(headToHead, "reliability");
    expect([r.p, r.significant]).toEqual([expect.closeTo(0.1654338, 6), false]);
  });

  it("gives the 95 % interval 1.25 ± t(0.975, 4.3307) 0.75 = 1.25 ± 2.694798 * 0.75", () => {
    // t quantile from scipy.stats.t.ppf(0.975, 4.330693) = 2.694798.
    const r = gap(headToHead, "reliability");
    expect([r.lower, r.upper]).toEqual([expect.closeTo(1.25 - 2.694798 * 0.75, 5), expect.closeTo(1.25 + 2.694798 * 0.75, 5)]);
  });

  it("tests against the mean of birch and cedar with Welch–Satterthwaite: gap 1.75, t 2.7815, df 6.4083, p 0.0298", () => {
    // cedar reliability 6, 7, 5: mean 6, s² 1, n 3. m_R = (7 + 6) / 2 = 6.5, gap 1.75;
    // SE² = 0.229167 + 0.25 * 0.333333 + 0.25 * 0.333333 = 0.395833, SE 0.629153, t 2.781518;
    // df = 0.395833² / (0.229167² / 3 + 0.083333² / 2 + 0.083333² / 2) = 6.408284;
    // p = 2 * scipy.stats.t.sf(2.781518, 6.408284) = 0.0298129: significant at 0.05.
    const r = gap(attributeGapTests({ respondents, offers, attributes, ownId: "aster" }), "reliability");
    expect([r.gap, r.standardError, r.t, r.df, r.p, r.significant]).toEqual([
      expect.closeTo(1.75, 12),
      expect.closeTo(0.6291529, 6),
      expect.closeTo(2.7815179, 6),
      expect.closeTo(6.408284, 5),
      expect.closeTo(0.0298129, 6),
      true,
    ]);
  });

  it("says too-few-ratings when an offer has one rating on the attribute", () => {
    const few = attributeGapTests({ respondents: respondents.slice(0, 2), offers, attributes, ownId: "aster", referenceIds: ["birch"] });
    expect(ok(few).attributes[0]).toMatchObject({ ok: true });
    const one = attributeGapTests({ respondents: respondents.slice(0, 1), offers, attributes, ownId: "aster", referenceIds: ["birch"] });
    expect(ok(one).attributes[0]).toEqual({ ok: false, id: "reliability", reason: "too-few-ratings" });
  });

  it("says zero-variance when every rating is the same", () => {
    const same = respondents.slice(0, 2).map((r) => ({ ...r, ratings: { aster: { reliability: 8 }, birch: { reliability: 7 } } }));
    const result = attributeGapTests({ respondents: same, offers, attributes: [{ id: "reliability", kind: "quality" }], ownId: "aster", referenceIds: ["birch"] });
    expect(ok(result).attributes[0]).toEqual({ ok: false, id: "reliability", reason: "zero-variance" });
  });

  it("refuses an unknown own offer and an invalid level", () => {
    expect([
      attributeGapTests({ respondents, offers, attributes, ownId: "nope" }),
      attributeGapTests({ respondents, offers, attributes, ownId: "aster", level: 1 }),
    ]).toEqual([
      { ok: false, reason: "unknown-offer" },
      { ok: false, reason: "invalid-level" },
    ]);
  });
});
