import { describe, expect, it } from "vitest";
import { StudyDefinitionSchema } from "../../surveys/study-definition";
import { study } from "./fixtures";

describe("StudyDefinitionSchema", () => {
  // Questionnaire versions frozen before the direction was removed carry it in their
  // definition JSON; they still parse, and the direction is gone (ratings are never inverted).
  it("parses a frozen definition whose attributes still carry a direction, and drops it", () => {
    const frozen = JSON.parse(JSON.stringify(study)) as { attributes: Array<Record<string, unknown>> };
    frozen.attributes = frozen.attributes.map((a) => ({ ...a, direction: a.code === "fare" ? "lower" : "higher" }));
    const parsed = StudyDefinitionSchema.parse(frozen);
    expect(parsed.attributes.map((a) => a.code)).toEqual(["speed", "comfort", "safety", "fare", "fees"]);
    expect(parsed.attributes.some((a) => "direction" in a)).toBe(false);
  });
});
