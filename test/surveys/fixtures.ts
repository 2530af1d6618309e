import type { AttributeDefinition, OfferDefinition, StudyDefinition } from "../../surveys/study-definition";

const offer = (code: string, name: string, nameZh: string, own = false): OfferDefinition => ({ code, name, nameZh, own });
const attribute = (
  code: string,
  kind: "quality" | "price",
  name: string,
  nameZh: string,
  description = "",
): AttributeDefinition => ({ code, kind, name, nameZh, description, descriptionZh: null, group: null });

/** 3 offers (alpha own), 3 quality attributes, 2 price attributes. */
export const study: StudyDefinition = {
  title: "Commuter rail",
  titleZh: "通勤铁路",
  market: "Daily commuters between the two cities.",
  marketZh: "两城之间的日常通勤者。",
  languages: ["en", "zh-CN"],
  offers: [offer("alpha", "Alpha Rail", "阿尔法铁路", true), offer("beta", "Beta Bus", "贝塔巴士"), offer("gamma", "Gamma Car", "伽马汽车")],
  attributes: [
    attribute("speed", "quality", "Speed", "速度", "Door to door time"),
    attribute("comfort", "quality", "Comfort", "舒适"),
    attribute("safety", "quality", "Safety", "安全"),
    attribute("fare", "price", "Fare", "票价"),
    attribute("fees", "price", "Fees", "手续费"),
  ],
  profileQuestions: [],
};

/** Same offers, 2 quality attributes and a single price attribute. */
/** The study with one segment question, "Which describes you best?": home or office (quotas and segments). */
export const studyWithSegment: StudyDefinition = {
  ...study,
  profileQuestions: [
    {
      code: "segment",
      kind: "choice",
      text: "Which describes you best?",
      textZh: "哪项最符合您？",
      choices: [
        { code: "home", label: "Home", labelZh: "家用" },
        { code: "office", label: "Office", labelZh: "办公" },
      ],
      isSegment: true,
    },
  ],
};

export const singlePriceStudy: StudyDefinition = {
  ...study,
  attributes: [
    attribute("speed", "quality", "Speed", "速度"),
    attribute("comfort", "quality", "Comfort", "舒适"),
    attribute("fare", "price", "Fare", "票价"),
  ],
  profileQuestions: [],
};

/** A qualified respondent who knows alpha and beta and answers every question validly. */
export function validAnswers(): Record<string, unknown> {
  return {
    known_offers: ["alpha", "beta"],
    weights_quality: { speed: 50, comfort: 30, safety: 20 },
    weights_price: { fare: 80, fees: 20 },
    quality_share: 70,
    rating_alpha_speed: 9,
    rating_alpha_comfort: 7,
    rating_alpha_safety: 8,
    rating_alpha_fare: 4,
    rating_alpha_fees: 6,
    overall_alpha: 8,
    worth_alpha: 6,
    rating_beta_speed: 5,
    rating_beta_comfort: 6,
    rating_beta_safety: 7,
    rating_beta_fare: 9,
    rating_beta_fees: 8,
    overall_beta: 6,
    worth_beta: 8,
    last_purchase: "beta",
    // The bought offer's choice is hidden: it counts as considered without being ticked.
    considered_offers: ["alpha"],
  };
}
