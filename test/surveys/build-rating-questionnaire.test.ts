import { describe, expect, it } from "vitest";
import { ConditionRunner, Model, type Question, type QuestionCheckboxModel } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { asksConsideredSet, buildRatingQuestionnaire, screenOutExpression, type SurveyJson } from "../../surveys/build-rating-questionnaire";
import { singlePriceStudy, study } from "./fixtures";

const model = (s = study) => new Model(buildRatingQuestionnaire(s));
const question = (m: Model, name: string): Question => {
  const found = m.getQuestionByName(name);
  if (!found) throw new Error(`question ${name} missing`);
  return found;
};

describe("buildRatingQuestionnaire: loading", () => {
  // Regression: multipletext items have no min/max in survey-core 3.0.0 ("Unknown property in
  // class 'multipletextitem'"); the builder bounds them with a numeric validator instead.
  it("loads in survey-core without JSON errors", () => {
    expect((model().jsonErrors ?? []).map((e) => e.message)).toEqual([]);
  });

  it("loads the single-price study without JSON errors", () => {
    expect((model(singlePriceStudy).jsonErrors ?? []).map((e) => e.message)).toEqual([]);
  });

  it("has the stable question names, in page order", () => {
    const perOffer = (o: string) => [
      `rating_${o}_speed`,
      `rating_${o}_comfort`,
      `rating_${o}_safety`,
      `overall_${o}`,
      `rating_${o}_fare`,
      `rating_${o}_fees`,
      `worth_${o}`,
    ];
    expect(model().getAllQuestions().map((q) => q.name)).toEqual([
      "known_offers",
      "weights_quality",
      "weights_quality_total",
      "weights_price",
      "weights_price_total",
      "quality_share",
      "price_share",
      ...perOffer("alpha"),
      ...perOffer("beta"),
      ...perOffer("gamma"),
      "last_purchase",
      "considered_offers",
    ]);
  });

  it("has the page names screening, weights, one page per offer, purchase", () => {
    expect(model().pages.map((p) => p.name)).toEqual(["screening", "weights", "offer_alpha", "offer_beta", "offer_gamma", "purchase"]);
  });

  it("shows English titles by default", () => {
    expect(question(model(), "rating_alpha_speed").title).toBe("Speed");
  });

  it("shows the Chinese attribute title in zh-cn", () => {
    const m = model();
    m.locale = "zh-cn";
    expect(question(m, "rating_alpha_speed").title).toBe("速度");
  });

  it("fills the offer name into the Chinese overall question title", () => {
    const m = model();
    m.locale = "zh-cn";
    expect(question(m, "overall_beta").title).toBe("贝塔巴士的总体质量");
  });

  it("shows the Chinese screening question in zh-cn", () => {
    const m = model();
    m.locale = "zh-cn";
    expect(question(m, "known_offers").title).toBe("以下哪些产品或服务您足够了解，可以进行评价？");
  });

  it("shows the Chinese study title in zh-cn", () => {
    const m = model();
    m.locale = "zh-cn";
    expect(m.title).toBe("通勤铁路");
  });
});

describe("buildRatingQuestionnaire: constant sum", () => {
  it("fails validation of the quality weights when they sum to 90", () => {
    const m = model();
    m.data = { known_offers: ["alpha", "beta"], weights_quality: { speed: 50, comfort: 30, safety: 10 } };
    expect(question(m, "weights_quality").validate()).toBe(false);
  });

  it("shows the sum-of-100 message on the failing weights question", () => {
    const m = model();
    m.data = { weights_quality: { speed: 50, comfort: 30, safety: 10 } };
    const q = question(m, "weights_quality");
    q.validate();
    expect(q.errors.map((e) => e.getText())).toContain("The points require a total of 100.");
  });

  it("passes validation of the quality weights when they sum to 100", () => {
    const m = model();
    m.data = { weights_quality: { speed: 50, comfort: 30, safety: 20 } };
    expect(question(m, "weights_quality").validate()).toBe(true);
  });

  it("passes validation of the price weights when they sum to 100 (80 + 20)", () => {
    const m = model();
    m.data = { weights_price: { fare: 80, fees: 20 } };
    expect(question(m, "weights_price").validate()).toBe(true);
  });

  // 150 + (-50) + 0 = 100: the sum alone would pass; each item's 0-100 bound must catch it.
  it("rejects a quality weight above 100 and a negative one even when the sum is 100", () => {
    const m = model();
    m.data = { weights_quality: { speed: 150, comfort: -50, safety: 0 } };
    expect(question(m, "weights_quality").validate()).toBe(false);
  });

  it("shows the live sum in weights_quality_total (50 + 30 + 10 = 90)", () => {
    const m = model();
    m.setValue("weights_quality", { speed: 50, comfort: 30, safety: 10 });
    expect(question(m, "weights_quality_total").value).toBe(90);
  });

  it("updates the live sum when one item changes (50 + 30 + 20 = 100)", () => {
    const m = model();
    m.setValue("weights_quality", { speed: 50, comfort: 30, safety: 10 });
    m.setValue("weights_quality", { speed: 50, comfort: 30, safety: 20 });
    expect(question(m, "weights_quality_total").value).toBe(100);
  });

  it("computes the price share as 100 minus the quality share (100 - 70 = 30)", () => {
    const m = model();
    m.setValue("quality_share", 70);
    expect(question(m, "price_share").value).toBe(30);
  });

  it("builds no price weights question for a single price attribute", () => {
    const names = model(singlePriceStudy).getAllQuestions().map((q) => q.name);
    expect([names.includes("weights_price"), names.includes("weights_price_total")]).toEqual([false, false]);
  });

  it("still builds the quality weights question when the single price attribute drops the price one", () => {
    expect(model(singlePriceStudy).getQuestionByName("weights_quality")?.getType()).toBe("multipletext");
  });
});

describe("buildRatingQuestionnaire: the considered set is part of the purchase question", () => {
  const bought = (offer: string) => {
    const m = model();
    m.setValue("last_purchase", offer);
    return m;
  };
  const considered = (m: Model) => question(m, "considered_offers") as QuestionCheckboxModel;

  it("asks it only once an offer is named as the last purchase", () => {
    const m = model();
    expect(question(m, "considered_offers").isVisible).toBe(false);
    m.setValue("last_purchase", "beta");
    expect(question(m, "considered_offers").isVisible).toBe(true);
    m.setValue("last_purchase", "none");
    expect(question(m, "considered_offers").isVisible).toBe(false);
  });

  it("requires an answer: the purchase page does not pass without it", () => {
    const m = bought("beta");
    expect(question(m, "considered_offers").isRequired).toBe(true);
    expect(question(m, "considered_offers").validate()).toBe(false);
    m.setValue("considered_offers", ["only_bought"]);
    expect(question(m, "considered_offers").validate()).toBe(true);
  });

  it("lists the other offers (not the one bought) and “I only considered what I bought”", () => {
    expect(considered(bought("beta")).visibleChoices.map((c) => c.value)).toEqual(["alpha", "gamma", "only_bought"]);
    expect(considered(bought("alpha")).visibleChoices.map((c) => c.value)).toEqual(["beta", "gamma", "only_bought"]);
  });

  it("makes “I only considered what I bought” exclusive", () => {
    const m = bought("beta");
    m.setValue("considered_offers", ["alpha", "gamma"]);
    const q = considered(m);
    q.clickItemHandler(q.visibleChoices.find((c) => c.value === "only_bought")!, true);
    expect(m.getValue("considered_offers")).toEqual(["only_bought"]);
  });

  it("shows the question and the exclusive answer in Chinese in zh-cn", () => {
    const m = bought("beta");
    m.locale = "zh-cn";
    expect(question(m, "considered_offers").title).toBe("购买前，您还认真考虑过哪些？");
    expect(considered(m).visibleChoices.at(-1)?.text).toBe("我只考虑过最终买的那一个");
  });

  it("is recognised by asksConsideredSet, unlike the optional question of earlier versions", () => {
    expect(asksConsideredSet(buildRatingQuestionnaire(study))).toBe(true);
    const earlier: SurveyJson = {
      pages: [
        {
          name: "purchase",
          elements: [
            { type: "radiogroup", name: "last_purchase", isRequired: true, choices: ["alpha", "beta", "none"] },
            { type: "checkbox", name: "considered_offers", choices: ["alpha", "beta"] },
          ],
        },
      ],
    };
    expect(asksConsideredSet(earlier)).toBe(false);
  });
});

describe("buildRatingQuestionnaire: screen-out", () => {
  const finishScreening = (known: string[]) => {
    const m = model();
    m.setValue("known_offers", known);
    m.nextPage();
    return m;
  };

  it("ends the survey when the own offer is not known", () => {
    expect(finishScreening(["beta", "gamma"]).state).toBe("completed");
  });

  it("ends the survey when only the own offer is known", () => {
    expect(finishScreening(["alpha"]).state).toBe("completed");
  });

  it("shows the screened-out message after a screen-out", () => {
    const m = finishScreening(["beta"]);
    expect(m.processedCompletedHtml).toContain("This survey is for people who know several of these offers.");
  });

  it("continues to the weights page when the own offer and a competitor are known", () => {
    const m = finishScreening(["alpha", "gamma"]);
    expect([m.state, m.currentPage.name]).toEqual(["running", "weights"]);
  });

  it("shows only the pages of known offers", () => {
    const m = finishScreening(["alpha", "gamma"]);
    expect(m.visiblePages.map((p) => p.name)).toEqual(["screening", "weights", "offer_alpha", "offer_gamma", "purchase"]);
  });

  const run = (known: string[]) => new ConditionRunner(screenOutExpression(study)).runValues({ known_offers: known });

  it("expression: own + competitor is not screened out", () => {
    expect(run(["alpha", "beta"])).toBe(false);
  });

  it("expression: own only is screened out", () => {
    expect(run(["alpha"])).toBe(true);
  });

  it("expression: competitors only are screened out", () => {
    expect(run(["beta", "gamma"])).toBe(true);
  });

  it("expression: an empty answer is screened out", () => {
    expect(run([])).toBe(true);
  });

  it("expression: all three known is not screened out", () => {
    expect(run(["gamma", "beta", "alpha"])).toBe(false);
  });
});
