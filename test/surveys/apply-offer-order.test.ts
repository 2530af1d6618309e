import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { applyOfferOrder } from "../../surveys/apply-offer-order";
import { buildRatingQuestionnaire, type SurveyJson } from "../../surveys/build-rating-questionnaire";
import { study } from "./fixtures";

const ORDER = ["gamma", "alpha", "beta"];

const choicesOf = (json: SurveyJson, name: string): unknown[] => {
  for (const page of json.pages) {
    const el = page.elements.find((e) => e.name === name);
    if (el) return (el.choices as Array<{ value: unknown }>).map((c) => c.value);
  }
  throw new Error(`element ${name} missing`);
};

describe("applyOfferOrder", () => {
  it("puts the offer pages in the given order and keeps the other pages in place", () => {
    const json = applyOfferOrder(buildRatingQuestionnaire(study), ORDER);
    expect(json.pages.map((p) => p.name)).toEqual(["screening", "weights", "offer_gamma", "offer_alpha", "offer_beta", "purchase"]);
  });

  it("moves each offer page with its own questions", () => {
    const json = applyOfferOrder(buildRatingQuestionnaire(study), ORDER);
    expect(json.pages[2]!.elements.map((e) => e.name)).toEqual([
      "rating_gamma_speed",
      "rating_gamma_comfort",
      "rating_gamma_safety",
      "overall_gamma",
      "offer_gamma_price",
      "worth_gamma",
    ]);
  });

  it("moves each offer page with its own visibility condition", () => {
    const json = applyOfferOrder(buildRatingQuestionnaire(study), ORDER);
    expect(json.pages[2]!.visibleIf).toBe("{known_offers} contains 'gamma'");
  });

  it("orders the known_offers choices", () => {
    expect(choicesOf(applyOfferOrder(buildRatingQuestionnaire(study), ORDER), "known_offers")).toEqual(["gamma", "alpha", "beta"]);
  });

  it("orders the last_purchase choices and keeps none last", () => {
    expect(choicesOf(applyOfferOrder(buildRatingQuestionnaire(study), ORDER), "last_purchase")).toEqual([
      "gamma",
      "alpha",
      "beta",
      "none",
    ]);
  });

  it("orders the considered_offers choices and keeps only_bought last", () => {
    expect(choicesOf(applyOfferOrder(buildRatingQuestionnaire(study), ORDER), "considered_offers")).toEqual(["gamma", "alpha", "beta", "only_bought"]);
  });

  it("keeps the elements of the weights page unchanged", () => {
    const built = buildRatingQuestionnaire(study);
    expect(applyOfferOrder(built, ORDER).pages[1]).toEqual(built.pages[1]);
  });

  it("does not mutate the input JSON", () => {
    const built = buildRatingQuestionnaire(study);
    const before = structuredClone(built);
    applyOfferOrder(built, ORDER);
    expect(built).toEqual(before);
  });

  it("keeps everything outside the pages (title, triggers)", () => {
    const built = buildRatingQuestionnaire(study);
    const { pages: _pages, ...rest } = applyOfferOrder(built, ORDER);
    const { pages: _builtPages, ...builtRest } = built;
    expect(rest).toEqual(builtRest);
  });

  it("loads in survey-core with the offer pages in the new order", () => {
    const model = new Model(applyOfferOrder(buildRatingQuestionnaire(study), ORDER));
    expect(model.pages.map((p) => p.name)).toEqual(["screening", "weights", "offer_gamma", "offer_alpha", "offer_beta", "purchase"]);
  });

  it("leaves the canonical order unchanged", () => {
    const built = buildRatingQuestionnaire(study);
    expect(applyOfferOrder(built, ["alpha", "beta", "gamma"])).toEqual(built);
  });
});
