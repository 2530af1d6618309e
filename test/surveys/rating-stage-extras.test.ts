import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { unknownAnswerNames } from "../../surveys/answer-names";
import { buildFocusGroupQuestionnaire } from "../../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import { readRatingResponse, type ReadResult } from "../../surveys/read-rating-response";
import type { StudyDefinition } from "../../surveys/study-definition";
import { study, validAnswers } from "./fixtures";

const withProfile: StudyDefinition = {
  ...study,
  profileQuestions: [
    {
      code: "segment",
      kind: "choice",
      text: "Which describes you best?",
      textZh: "哪项最符合您？",
      choices: [
        { code: "daily", label: "Daily commuter", labelZh: "每日通勤" },
        { code: "occasional", label: "Occasional", labelZh: "偶尔" },
      ],
      isSegment: true,
    },
    { code: "town", kind: "text", text: "Where do you live?", textZh: null, choices: [], isSegment: false },
  ],
};
const stated: StudyDefinition = {
  ...study,
  statedWeights: { qualityShare: 55, weights: { speed: 50, comfort: 30, safety: 20, fare: 60, fees: 40 } },
};
const value = (r: ReadResult) => {
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.value;
};

describe("rating stage: don't know", () => {
  it("offers 1 to 10 and don't know on every rating, in both languages", () => {
    const m = new Model(buildRatingQuestionnaire(study));
    const q = m.getQuestionByName("rating_alpha_speed") as unknown as { visibleRateValues: Array<{ value: unknown; text: string }> };
    expect(q.visibleRateValues.map((v) => v.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "dk"]);
    m.locale = "zh-cn";
    expect(q.visibleRateValues.at(-1)?.text).toBe("不知道");
  });

  it("stores no rating row for don't know, and null overall/worth", () => {
    const v = value(readRatingResponse(study, { ...validAnswers(), rating_alpha_comfort: "dk", overall_beta: "dk", worth_alpha: "dk" }));
    expect(v.ratings.some((r) => r.offer === "alpha" && r.attribute === "comfort")).toBe(false);
    expect(v.ratings).toHaveLength(9);
    expect(v.offers.find((o) => o.offer === "beta")?.overall).toBeNull();
    expect(v.offers.find((o) => o.offer === "alpha")?.worth).toBeNull();
  });
});

describe("rating stage: profile questions", () => {
  it("asks them last, on a profile page, a choice required and a text optional", () => {
    const m = new Model(buildRatingQuestionnaire(withProfile));
    expect(m.pages.at(-1)?.name).toBe("profile");
    expect(m.getQuestionByName("profile_segment").isRequired).toBe(true);
    expect(m.getQuestionByName("profile_town").isRequired).toBe(false);
    m.locale = "zh-cn";
    expect(m.getQuestionByName("profile_segment").title).toBe("哪项最符合您？");
  });

  it("reads the choice code and the trimmed text", () => {
    const v = value(readRatingResponse(withProfile, { ...validAnswers(), profile_segment: "daily", profile_town: " Lyon " }));
    expect(v.profile).toEqual([
      { question: "segment", value: "daily" },
      { question: "town", value: "Lyon" },
    ]);
  });

  it("refuses a missing or unknown choice", () => {
    const r = readRatingResponse(withProfile, { ...validAnswers(), profile_segment: "weekly" });
    expect(r.ok ? [] : r.errors).toEqual(["profile_segment requires one of daily, occasional"]);
    const missing = readRatingResponse(withProfile, validAnswers());
    expect(missing.ok ? [] : missing.errors).toEqual(["profile_segment requires one of daily, occasional"]);
  });
});

describe("rating stage: adopted stated weights", () => {
  it("does not ask for weights or the quality share", () => {
    const m = new Model(buildRatingQuestionnaire(stated));
    expect(m.pages.map((p) => p.name)).not.toContain("weights");
    expect(m.getQuestionByName("quality_share")).toBeNull();
  });

  it("stores the adopted weights and quality share as the response's", () => {
    const { weights_quality: _q, weights_price: _p, quality_share: _s, ...answers } = validAnswers();
    const v = value(readRatingResponse(stated, answers));
    expect(v.qualityShare).toBe(55);
    expect(v.weights).toEqual([
      { attribute: "speed", weight: 50 },
      { attribute: "comfort", weight: 30 },
      { attribute: "safety", weight: 20 },
      { attribute: "fare", weight: 60 },
      { attribute: "fees", weight: 40 },
    ]);
  });
});

describe("unknownAnswerNames", () => {
  it("accepts every answer of a valid respondent and names forged keys", () => {
    const survey = buildRatingQuestionnaire(study);
    expect(unknownAnswerNames(survey, validAnswers())).toEqual([]);
    expect(unknownAnswerNames(survey, { ...validAnswers(), rating_alpha_wifi: 5, rating_delta_speed: 3, weights_quality_total: 100 })).toEqual([
      "rating_alpha_wifi",
      "rating_delta_speed",
      "weights_quality_total",
    ]);
  });

  it("knows the focus-group names inside panels", () => {
    const survey = buildFocusGroupQuestionnaire(study);
    expect(unknownAnswerNames(survey, { points_speed: 50, suggestion_5_points: 1, quality_share: 50, rating_alpha_speed: 3 })).toEqual([
      "rating_alpha_speed",
    ]);
  });
});
