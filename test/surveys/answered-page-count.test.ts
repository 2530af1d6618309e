import { describe, expect, it } from "vitest";
import { answeredPageCount } from "../../surveys/answered-page-count";
import { buildRatingQuestionnaire } from "../../surveys/build-rating-questionnaire";
import { study, validAnswers } from "./fixtures";

describe("answeredPageCount", () => {
  const survey = buildRatingQuestionnaire(study);

  it("counts the pages a full answer touches: screening, weights, the two known offers, purchase", () => {
    // fixtures: knows alpha and beta (gamma's page stays hidden), buys beta.
    expect(answeredPageCount(survey, validAnswers())).toBe(5);
  });

  it("counts a page once whatever the number of its answers, and none for no answers", () => {
    expect(answeredPageCount(survey, { known_offers: ["alpha"] })).toBe(1);
    expect(answeredPageCount(survey, { known_offers: ["alpha"], rating_alpha_speed: 8, rating_alpha_comfort: 7 })).toBe(2);
    expect(answeredPageCount(survey, {})).toBe(0);
    expect(answeredPageCount(survey, { known_offers: null })).toBe(0);
  });
});
