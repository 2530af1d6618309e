import { describe, expect, it } from "vitest";
import { Model, type Question } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { applyOfferOrder } from "../../surveys/apply-offer-order";
import { applyScreenEarly } from "../../surveys/apply-screen-early";
import { buildRatingQuestionnaire, type SurveyJson } from "../../surveys/build-rating-questionnaire";
import { readRatingResponse } from "../../surveys/read-rating-response";
import type { StudyDefinition } from "../../surveys/study-definition";
import { study, validAnswers } from "./fixtures";

const profile = (code: string, askFirst?: boolean) => ({
  code,
  kind: "choice" as const,
  text: `Question ${code}`,
  textZh: null,
  choices: [
    { code: "a", label: "A", labelZh: null },
    { code: "b", label: "B", labelZh: null },
  ],
  isSegment: true,
  ...(askFirst === undefined ? {} : { askFirst }),
});
const withProfile: StudyDefinition = { ...study, profileQuestions: [profile("region"), profile("size", true)] };
const byAttribute: StudyDefinition = { ...study, ratingLayout: "attribute" };
const pages = (json: SurveyJson) => json.pages.map((p) => p.name);
const names = (json: SurveyJson, page: string) => json.pages.find((p) => p.name === page)!.elements.map((e) => e.name);
const element = (json: SurveyJson, name: string) => {
  const walk = (els: Array<Record<string, unknown>>): Record<string, unknown> | undefined =>
    els.flatMap((e) => (e.type === "panel" ? [walk(e.elements as Array<Record<string, unknown>>)] : [e])).find((e) => e?.name === name);
  return json.pages.map((p) => walk(p.elements)).find(Boolean)!;
};

describe("screening early (issue 15)", () => {
  it("asks a profile question marked 'ask first' right after the familiarity screen, the others at the end", () => {
    const json = buildRatingQuestionnaire(withProfile);
    expect(pages(json)).toEqual(["screening", "profile_first", "weights", "offer_alpha", "offer_beta", "offer_gamma", "purchase", "profile"]);
    expect(names(json, "profile_first")).toEqual(["profile_size"]);
    expect(names(json, "profile")).toEqual(["profile_region"]);
  });

  it("moves the questions carrying a quota to the early page at start, dropping an emptied last page", () => {
    const json = applyScreenEarly(buildRatingQuestionnaire(withProfile), ["region"]);
    expect(pages(json)).toEqual(["screening", "profile_first", "weights", "offer_alpha", "offer_beta", "offer_gamma", "purchase"]);
    expect(names(json, "profile_first")).toEqual(["profile_size", "profile_region"]);
    // Without "ask first" questions the early page is made.
    const plain = applyScreenEarly(buildRatingQuestionnaire({ ...study, profileQuestions: [profile("region"), profile("size")] }), ["size"]);
    expect(pages(plain).slice(0, 3)).toEqual(["screening", "profile_first", "weights"]);
    expect(names(plain, "profile")).toEqual(["profile_region"]);
    // No quota: unchanged.
    const untouched = buildRatingQuestionnaire(withProfile);
    expect(applyScreenEarly(untouched, [])).toBe(untouched);
  });

  it("titles the screening page (its accessible name is not 'screening') and shows no library progress bar", () => {
    const json = buildRatingQuestionnaire(study);
    expect(json.pages[0]!.title).toEqual({ default: "Offers you know", "zh-cn": "您了解的选项" });
    expect(json.showProgressBar).toBe("off");
  });
});

describe("anchors that fit the question", () => {
  it("price ratings ask satisfaction, quality ratings quality; each anchor names its score", () => {
    const json = buildRatingQuestionnaire(study);
    const price = element(json, "rating_alpha_fare");
    const quality = element(json, "rating_alpha_speed");
    expect([price.minRateDescription, price.maxRateDescription]).toEqual([
      { default: "1 = Very dissatisfied", "zh-cn": "1 = 非常不满意" },
      { default: "10 = Very satisfied", "zh-cn": "10 = 非常满意" },
    ]);
    expect([quality.minRateDescription, quality.maxRateDescription]).toEqual([
      { default: "1 = Very poor", "zh-cn": "1 = 非常差" },
      { default: "10 = Excellent", "zh-cn": "10 = 非常好" },
    ]);
    // Both above the buttons: neither sits under "Don't know", the last button.
    expect(quality.rateDescriptionLocation).toBe("top");
  });
});

describe("layout 'one attribute, all offers'", () => {
  it("ends the researcher's description as a sentence before the page's instruction, in each language", () => {
    const described: StudyDefinition = {
      ...byAttribute,
      attributes: byAttribute.attributes.map((a) =>
        a.code === "speed"
          ? { ...a, description: "Door to door, rarely late", descriptionZh: "门到门，很少晚点" }
          : a.code === "comfort"
            ? { ...a, description: "Seats and space.", descriptionZh: null }
            : a,
      ),
    };
    const json = buildRatingQuestionnaire(described);
    const description = (page: string) => json.pages.find((p) => p.name === page)!.description;
    // The instruction is questionnaire-texts.ts's attributePageDescription.
    expect(description("attribute_speed")).toEqual({
      default: "Door to door, rarely late. Rate each offer you know from 1 (very poor) to 10 (excellent).",
      "zh-cn": "门到门，很少晚点。请为您了解的每个选项打分：1 分（非常差）到 10 分（非常好）。",
    });
    // Already a sentence; no Chinese given: the English one, then the Chinese instruction after a space.
    expect(description("attribute_comfort")).toEqual({
      default: "Seats and space. Rate each offer you know from 1 (very poor) to 10 (excellent).",
      "zh-cn": "Seats and space. 请为您了解的每个选项打分：1 分（非常差）到 10 分（非常好）。",
    });
  });

  it("has a page per attribute with one rating per offer, then overall, the price attributes and worth", () => {
    const json = buildRatingQuestionnaire(byAttribute);
    expect(pages(json)).toEqual([
      "screening",
      "weights",
      "attribute_speed",
      "attribute_comfort",
      "attribute_safety",
      "overall",
      "attribute_fare",
      "attribute_fees",
      "worth",
      "purchase",
    ]);
    expect(names(json, "attribute_speed")).toEqual(["rating_alpha_speed", "rating_beta_speed", "rating_gamma_speed"]);
    expect(names(json, "worth")).toEqual(["worth_alpha", "worth_beta", "worth_gamma"]);
    expect((new Model(json).jsonErrors ?? []).map((e) => e.message)).toEqual([]);
  });

  it("shows only the offers the respondent knows, in their stored order", () => {
    const json = applyOfferOrder(buildRatingQuestionnaire(byAttribute), ["gamma", "alpha", "beta"]);
    expect(names(json, "attribute_fare")).toEqual(["rating_gamma_fare", "rating_alpha_fare", "rating_beta_fare"]);
    const model = new Model(json);
    model.data = { known_offers: ["alpha", "beta"] };
    model.currentPageNo = 2;
    expect(model.currentPage.name).toBe("attribute_speed");
    expect(model.currentPage.questions.filter((q: Question) => q.isVisible).map((q: Question) => q.name)).toEqual(["rating_alpha_speed", "rating_beta_speed"]);
  });

  it("reads the same answers as the offer-per-page layout", () => {
    const read = readRatingResponse(byAttribute, validAnswers());
    expect(read).toEqual(readRatingResponse(study, validAnswers()));
    expect(read.ok).toBe(true);
  });
});
