import { describe, expect, it } from "vitest";
import { Model, type ItemValue, type Question, type QuestionRadiogroupModel } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { applyMaxDiffDesign } from "../../surveys/apply-maxdiff-design";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import { answerNames } from "../../surveys/answer-names";
import { readRatingResponse } from "../../surveys/read-rating-response";
import type { StudyDefinition } from "../../surveys/study-definition";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { study, validAnswers } from "./fixtures";

/**
 * The rating stage with MaxDiff for quality (3 attributes, 3 per task: T = ceil(3·3/3) = 3 tasks,
 * docs/method.md §7 (a)) and the price research block (range 0..100 EUR, likelihoods, a ladder of
 * five prices starting at index floor((5 − 1)/2) = 2, i.e. 30).
 */
const methods = StudyMethodsSchema.parse({
  importance: { rating: { quality: "maxdiff", price: "points" } },
  maxDiffPerTask: 4,
  priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [10, 20, 30, 40, 50] },
});
const withMethods: StudyDefinition = { ...study, methods };
/** The respondent's design: three tasks of the three quality attributes, in screen order. */
const design = { quality: [["comfort", "speed", "safety"], ["safety", "comfort", "speed"], ["speed", "safety", "comfort"]] };

const model = () => new Model(applyMaxDiffDesign(buildRatingQuestionnaire(withMethods), design));
const question = (m: Model, name: string): Question => {
  const found = m.getQuestionByName(name);
  if (!found) throw new Error(`question ${name} missing`);
  return found;
};

/** Valid answers of the fixture's respondent plus MaxDiff, prices and the ladder (yes at 30, yes at 40, no at 50). */
function answers(): Record<string, unknown> {
  const base = validAnswers();
  delete base.weights_quality;
  return {
    ...base,
    maxdiff_quality_1_most: "speed",
    maxdiff_quality_1_least: "comfort",
    maxdiff_quality_2_most: "speed",
    maxdiff_quality_2_least: "safety",
    maxdiff_quality_3_most: "safety",
    maxdiff_quality_3_least: "comfort",
    price_too_cheap: 5,
    price_cheap: 15,
    price_expensive: 35,
    price_too_expensive: 60,
    price_likely_cheap: 5,
    price_likely_expensive: 2,
    price_ladder_3: "yes",
    price_ladder_4: "yes",
    price_ladder_5: "no",
  };
}

describe("rating questionnaire with MaxDiff and the price block: building", () => {
  it("loads in survey-core without JSON errors", () => {
    expect((model().jsonErrors ?? []).map((e) => e.message)).toEqual([]);
  });

  it("asks quality by three MaxDiff tasks instead of points, price still by points, and the block after the ratings", () => {
    const json = buildRatingQuestionnaire(withMethods);
    const pages = json.pages.map((p) => p.name);
    expect(pages).toEqual([
      "screening",
      "weights",
      "maxdiff_quality_1",
      "maxdiff_quality_2",
      "maxdiff_quality_3",
      "offer_alpha",
      "offer_beta",
      "offer_gamma",
      "price_research",
      "price_likelihood",
      "price_ladder",
      "purchase",
    ]);
    const names = [...answerNames(json)];
    expect(names).not.toContain("weights_quality");
    expect(names).toContain("weights_price");
    expect(names.filter((n) => n.startsWith("maxdiff_") || n.startsWith("price_"))).toEqual([
      "maxdiff_quality_1_most",
      "maxdiff_quality_1_least",
      "maxdiff_quality_2_most",
      "maxdiff_quality_2_least",
      "maxdiff_quality_3_most",
      "maxdiff_quality_3_least",
      "price_too_cheap",
      "price_cheap",
      "price_expensive",
      "price_too_expensive",
      "price_likely_cheap",
      "price_likely_expensive",
      // start 30, then up (40, 50), then down (20, 10)
      "price_ladder_3",
      "price_ladder_4",
      "price_ladder_5",
      "price_ladder_2",
      "price_ladder_1",
    ]);
  });

  it("keeps a definition without methods as before: points for both kinds, no block", () => {
    const pages = buildRatingQuestionnaire(study).pages.map((p) => p.name);
    expect(pages.some((p) => p.startsWith("maxdiff_") || p.startsWith("price_"))).toBe(false);
  });

  it("offers each task exactly the design's items, in its order", () => {
    const m = model();
    const choices = (name: string) => (question(m, name) as QuestionRadiogroupModel).visibleChoices.map((c: ItemValue) => c.value as string);
    expect(choices("maxdiff_quality_2_most")).toEqual(["safety", "comfort", "speed"]);
    expect(choices("maxdiff_quality_2_least")).toEqual(["safety", "comfort", "speed"]);
  });

  it("refuses the same item as most and least important, in both languages", () => {
    for (const [locale, text] of [
      ["", "The least important requires another item than the most important."],
      ["zh-cn", "最不重要的一项须与最重要的一项不同。"],
    ] as const) {
      const m = model();
      m.locale = locale;
      m.setValue("maxdiff_quality_1_most", "speed");
      m.setValue("maxdiff_quality_1_least", "speed");
      const least = question(m, "maxdiff_quality_1_least");
      expect(least.validate()).toBe(false);
      expect(least.errors.map((e) => e.getText())).toEqual([text]);
      m.setValue("maxdiff_quality_1_least", "comfort");
      expect(least.validate()).toBe(true);
    }
  });

  it("checks the order of the four prices: a bargain price below the too-cheap price is refused", () => {
    const m = model();
    m.setValue("price_too_cheap", 20);
    m.setValue("price_cheap", 10);
    const cheap = question(m, "price_cheap");
    expect(cheap.validate()).toBe(false);
    expect(cheap.errors.map((e) => e.getText())).toEqual(["The bargain price requires at least the price that is too cheap."]);
    m.setValue("price_cheap", 20);
    expect(cheap.validate()).toBe(true);
  });

  it("refuses a price outside the study's range", () => {
    const m = model();
    m.setValue("price_too_expensive", 150);
    expect(question(m, "price_too_expensive").validate()).toBe(false);
  });

  it("walks the ladder: 30 first; after yes 40, after yes again 50; after no at 30, 20", () => {
    const m = model();
    const visible = () => [1, 2, 3, 4, 5].filter((n) => question(m, `price_ladder_${n}`).isVisible);
    expect(visible()).toEqual([3]);
    m.setValue("price_ladder_3", "yes");
    expect(visible()).toEqual([3, 4]);
    m.setValue("price_ladder_4", "yes");
    expect(visible()).toEqual([3, 4, 5]);
    m.setValue("price_ladder_3", "no");
    expect(visible()).toEqual([2, 3]);
    m.setValue("price_ladder_2", "no");
    expect(visible()).toEqual([1, 2, 3]);
  });

  it("shows the respondent's own prices in the likelihood questions", () => {
    const m = model();
    m.setValue("price_cheap", 15);
    expect(question(m, "price_likely_cheap").locTitle.renderedHtml).toContain("EUR 15");
  });
});

describe("rating questionnaire with MaxDiff and the price block: reading", () => {
  it("reads the tasks with their items, the four prices, the likelihoods and the ladder path; no quality weights", () => {
    const read = readRatingResponse(withMethods, answers(), { maxDiffDesign: design });
    if (!read.ok) throw new Error(read.errors.join("; "));
    expect(read.value.maxDiff).toEqual([
      { kind: "quality", task: 1, items: ["comfort", "speed", "safety"], best: "speed", worst: "comfort" },
      { kind: "quality", task: 2, items: ["safety", "comfort", "speed"], best: "speed", worst: "safety" },
      { kind: "quality", task: 3, items: ["speed", "safety", "comfort"], best: "safety", worst: "comfort" },
    ]);
    expect(read.value.weights).toEqual([
      { attribute: "fare", weight: 80 },
      { attribute: "fees", weight: 20 },
    ]);
    expect(read.value.prices).toEqual({ tooCheap: 5, cheap: 15, expensive: 35, tooExpensive: 60, likelihoodCheap: 5, likelihoodExpensive: 2 });
    expect(read.value.ladder).toEqual([
      { price: 30, buy: true },
      { price: 40, buy: true },
      { price: 50, buy: false },
    ]);
  });

  it("ignores ladder answers off the asked path (no at 30 stops the upward walk)", () => {
    const read = readRatingResponse(withMethods, { ...answers(), price_ladder_3: "no", price_ladder_2: "yes" }, { maxDiffDesign: design });
    if (!read.ok) throw new Error(read.errors.join("; "));
    expect(read.value.ladder).toEqual([
      { price: 20, buy: true },
      { price: 30, buy: false },
    ]);
  });

  it("refuses the same item as most and least, an item the task did not show, and prices out of order", () => {
    const read = readRatingResponse(
      withMethods,
      { ...answers(), maxdiff_quality_1_least: "speed", maxdiff_quality_2_most: "fare", price_expensive: 10 },
      { maxDiffDesign: design },
    );
    expect(read.ok ? [] : read.errors).toEqual([
      "maxdiff_quality_1_least requires another item than maxdiff_quality_1_most",
      "maxdiff_quality_2_most requires one of safety, comfort, speed",
      "price_expensive requires at least price_cheap",
    ]);
  });

  it("requires the respondent's design and a ladder answer where the path asks one", () => {
    const noDesign = readRatingResponse(withMethods, answers());
    expect(noDesign.ok ? [] : noDesign.errors).toEqual(["maxdiff_quality requires the respondent's design of 3 tasks"]);
    const missing = { ...answers() };
    delete missing.price_ladder_5;
    const read = readRatingResponse(withMethods, missing, { maxDiffDesign: design });
    expect(read.ok ? [] : read.errors).toEqual(['price_ladder_5 requires "yes" or "no"']);
  });
});
