import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { buildFocusGroupQuestionnaire } from "../../surveys/build-focus-group-questionnaire";
import { singlePriceStudy, study } from "./fixtures";

const model = (s = study) => new Model(buildFocusGroupQuestionnaire(s));

describe("buildFocusGroupQuestionnaire", () => {
  it("loads in survey-core without JSON errors, for both fixtures", () => {
    expect((model().jsonErrors ?? []).map((e) => e.message)).toEqual([]);
    expect((model(singlePriceStudy).jsonErrors ?? []).map((e) => e.message)).toEqual([]);
  });

  it("has the pages matters, suggestions, points, split and the stable question names", () => {
    const m = model();
    expect(m.pages.map((p) => p.name)).toEqual(["matters", "suggestions", "points", "split"]);
    expect(m.getAllQuestions().map((q) => q.name)).toEqual([
      "matters_quality",
      "matters_price",
      ...[1, 2, 3, 4, 5].flatMap((n) => [`suggestion_${n}`, `suggestion_${n}_points`]),
      "points_speed",
      "points_comfort",
      "points_safety",
      "points_quality_total",
      "points_fare",
      "points_fees",
      "points_price_total",
      "quality_share",
      "price_share",
    ]);
  });

  it("does not ask about a kind with a single attribute", () => {
    const names = model(singlePriceStudy).getAllQuestions().map((q) => q.name);
    expect(names).not.toContain("matters_price");
    expect(names).not.toContain("points_fare");
    expect(names).toContain("matters_quality");
  });

  it("shows points only for the attributes ticked as mattering", () => {
    const m = model();
    m.setValue("matters_quality", ["speed", "safety"]);
    expect(m.getQuestionByName("points_speed").isVisible).toBe(true);
    expect(m.getQuestionByName("points_comfort").isVisible).toBe(false);
    expect(m.getQuestionByName("points_safety").isVisible).toBe(true);
  });

  it("fails the points page when the ticked quality points sum to 90, passes at 100", () => {
    const m = model();
    m.setValue("matters_quality", ["speed", "comfort"]);
    m.setValue("matters_price", ["fare", "fees"]);
    m.setValue("points_fare", 70);
    m.setValue("points_fees", 30);
    m.setValue("points_speed", 60);
    m.setValue("points_comfort", 30);
    const page = m.getPageByName("points");
    expect(page.validate(false)).toBe(false);
    m.setValue("points_comfort", 40);
    expect(page.validate(false)).toBe(true);
  });

  it("clears the points of an attribute unticked later, so the total counts only what is shown", () => {
    const m = model();
    m.setValue("matters_quality", ["speed", "comfort"]);
    m.setValue("points_comfort", 40);
    m.setValue("matters_quality", ["speed"]);
    expect(m.getValue("points_comfort")).toBeUndefined();
  });

  it("shows the next suggestion field only after the previous one has text", () => {
    const m = model();
    expect(m.getQuestionByName("suggestion_2").isVisible).toBe(false);
    expect(m.getQuestionByName("suggestion_1_points").isVisible).toBe(false);
    m.setValue("suggestion_1", "Quiet operation");
    expect(m.getQuestionByName("suggestion_2").isVisible).toBe(true);
    expect(m.getQuestionByName("suggestion_1_points").isVisible).toBe(true);
  });

  it("shows Chinese texts in zh-cn", () => {
    const m = model();
    m.locale = "zh-cn";
    expect(m.getQuestionByName("matters_quality").title).toBe("选择时，以下哪些质量方面对您重要？");
    expect(m.getQuestionByName("points_speed").title).toBe("速度");
  });
});
