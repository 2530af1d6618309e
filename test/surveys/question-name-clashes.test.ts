import { describe, expect, it } from "vitest";
import { questionNameClashes } from "../../surveys/question-name-clashes";
import { validateStudy } from "../../surveys/validate-study";
import type { StudyDefinition } from "../../surveys/study-definition";
import { study } from "./fixtures";

const attr = (code: string, kind: "quality" | "price") => ({ code, kind, name: code, nameZh: null, description: "", descriptionZh: null, group: null });

describe("questionNameClashes", () => {
  it("finds none in an ordinary study", () => {
    expect(questionNameClashes(study)).toEqual([]);
  });

  it("finds rating_a_b_c made twice by offers a, a_b and attributes b_c, c", () => {
    const clashing: StudyDefinition = {
      ...study,
      offers: [
        { code: "a", name: "A", nameZh: null, own: true },
        { code: "a_b", name: "AB", nameZh: null, own: false },
      ],
      attributes: [attr("b_c", "quality"), attr("c", "quality"), attr("fare", "price")],
    };
    expect(questionNameClashes(clashing)).toContain("rating_a_b_c");
    expect(validateStudy(clashing).map((i) => i.code)).toEqual(["study.issue.nameClash"]);
  });

  it("finds an attribute code that repeats a fixed name of the focus group (points_quality_total)", () => {
    const clashing: StudyDefinition = { ...study, attributes: [attr("speed", "quality"), attr("quality_total", "quality"), attr("fare", "price")] };
    expect(questionNameClashes(clashing)).toEqual(["points_quality_total"]);
  });

  it("lets an attribute be coded price (the focus group's panel points_price is no answer)", () => {
    expect(questionNameClashes({ ...study, attributes: [attr("speed", "quality"), attr("price", "price")] })).toEqual([]);
  });
});
