import { describe, expect, it } from "vitest";
import { reportTakeaway, takeawayText, type TakeawayInput } from "../../app/lib/report/report-takeaway";
import { serverTranslator } from "../../app/i18n/messages.server";

/**
 * The takeaway from method.md's worked example (respondent level): aster (own) against birch and
 * cedar. Every figure is method.md's: Q = 117.254, RP = 107.6159, V = 107.5216; quality weights
 * 40, 25, 23.75, 11.25 and ratios 1.2692, 1.0244, 1.3421, 0.8. The intervals are chosen by hand
 * for each case (the worked example's four respondents give no meaningful bootstrap).
 *
 * Weighted differences w (r - 1), by hand: reliability 40 x 0.2692 = 10.77, comfort
 * 25 x 0.0244 = 0.61, service 23.75 x 0.3421 = 8.13, styling 11.25 x (0.8 - 1) = -2.25: the
 * lead is widest on reliability (27 % above: 1.2692 - 1 = 0.2692), although service's ratio is
 * higher.
 */
const worked: TakeawayInput = {
  own: "Aster",
  quality: { value: 117.254, interval: { lower: 112.4, upper: 122.1 } },
  relativePrice: { value: 107.6159, interval: { lower: 103.2, upper: 112.5 } },
  valueScore: { value: 107.5216, interval: { lower: 103.9, upper: 111.0 } },
  attributes: [
    { name: "reliability", weight: 40, ratio: { value: 1.2692, interval: { lower: 1.18, upper: 1.36 } } },
    { name: "comfort", weight: 25, ratio: { value: 1.0244 } },
    { name: "service", weight: 23.75, ratio: { value: 1.3421 } },
    { name: "styling", weight: 11.25, ratio: { value: 0.8 } },
  ],
};

describe("reportTakeaway", () => {
  it("says the worked example in four sentences: quality 17 % above, price 8 % above, value 107.5, widest lead on reliability", () => {
    const text = reportTakeaway(worked, "en", serverTranslator("en")).map((s) => takeawayText(serverTranslator("en"), s));
    expect(text).toEqual([
      // 117.254 - 100 = 17.254 -> 17; interval 112.4 - 100 = 12.4 -> +12, 122.1 - 100 -> +22
      "Aster's quality is rated 17% above the market average (95% interval +12% to +22%).",
      // 107.6159 - 100 = 7.6159 -> 8; 3.2 -> +3, 12.5 -> +13 (half away from zero)
      "Its price is rated 8% above the market average (95% interval +3% to +13%): customers find it dearer.",
      "Its customer value score is 107.5 (95% interval 103.9 to 111.0; 100 = parity): customers get better value from it than from its competitors on average.",
      // (1.18 - 1) x 100 = 18, (1.36 - 1) x 100 = 36
      "Its lead is widest on reliability, rated 27% above the competitors (95% interval +18% to +36%).",
    ]);
  });

  it("says 'not significant' when an interval includes no difference", () => {
    const input: TakeawayInput = {
      ...worked,
      quality: { value: 103.1, interval: { lower: 98.2, upper: 108.0 } },
      valueScore: { value: 101.2, interval: { lower: 97.5, upper: 104.9 } },
    };
    const text = reportTakeaway(input, "en", serverTranslator("en")).map((s) => takeawayText(serverTranslator("en"), s));
    // 98.2 - 100 = -1.8 -> -2; 108.0 - 100 -> +8
    expect(text[0]).toBe("Aster's quality is rated 3% above the market average (95% interval -2% to +8%: not significant).");
    expect(text[2]).toBe("Its customer value score is 101.2 (95% interval 97.5 to 104.9; 100 = parity): not significantly different from its competitors (100).");
  });

  it("names the widest gap when the largest weighted difference is a shortfall, and a cheaper price", () => {
    // Styling at 0.5 with weight 40: 40 x (0.5 - 1) = -20 outweighs reliability's 10.77.
    const input: TakeawayInput = {
      own: "Aster",
      quality: { value: 92.5 },
      relativePrice: { value: 94.2 },
      attributes: [
        { name: "reliability", weight: 40, ratio: { value: 1.2692 } },
        { name: "styling", weight: 40, ratio: { value: 0.5 } },
      ],
    };
    const text = reportTakeaway(input, "en", serverTranslator("en")).map((s) => takeawayText(serverTranslator("en"), s));
    expect(text).toEqual([
      "Aster's quality is rated 8% below the market average.", // 100 - 92.5 = 7.5 -> 8
      "Its price is rated 6% below the market average: customers find it cheaper.", // 100 - 94.2 = 5.8 -> 6
      "Its gap is widest on styling, rated 50% below the competitors.",
    ]);
  });

  it("is written in Chinese for a Chinese reader, with the same figures", () => {
    const text = reportTakeaway({ ...worked, own: "紫菀", attributes: [{ ...worked.attributes[0]!, name: "可靠性" }] }, "zh-CN", serverTranslator("zh-CN")).map((s) => takeawayText(serverTranslator("zh-CN"), s));
    expect(text[0]).toBe("紫菀的质量评价比市场平均高 17%（95% 区间 +12% 至 +22%）。");
    expect(text[1]).toBe("其价格评价比市场平均高 8%（95% 区间 +3% 至 +13%）：客户觉得它更贵。");
    expect(text[2]).toContain("107.5");
    expect(text[3]).toBe("领先最多的是可靠性，评价比竞争产品高 27%（95% 区间 +18% 至 +36%）。");
  });

  it("a difference under half a percent keeps one decimal instead of saying 0 %", () => {
    const text = reportTakeaway({ own: "Aster", quality: { value: 100.3 }, attributes: [] }, "en", serverTranslator("en")).map((s) => takeawayText(serverTranslator("en"), s));
    expect(text).toEqual(["Aster's quality is rated 0.3% above the market average."]);
  });
});
