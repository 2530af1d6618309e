import { describe, expect, it } from "vitest";
import { parseStageParam, STAGES, StageSchema, stageParam } from "../../surveys/stage";

describe("stage spellings", () => {
  it("stores focus_group and rating, and nothing else", () => {
    expect(STAGES).toEqual(["focus_group", "rating"]);
    expect(StageSchema.safeParse("focus-group").success).toBe(false);
    expect(StageSchema.parse("focus_group")).toBe("focus_group");
  });

  it("spells the focus group focus-group in URLs and reads it back", () => {
    expect(stageParam("focus_group")).toBe("focus-group");
    expect(stageParam("rating")).toBe("rating");
    for (const stage of STAGES) expect(parseStageParam(stageParam(stage))).toBe(stage);
  });

  it("reads no stage from an absent, stored-spelling or unknown parameter", () => {
    expect(parseStageParam(null)).toBeNull();
    expect(parseStageParam(undefined)).toBeNull();
    expect(parseStageParam("")).toBeNull();
    expect(parseStageParam("focus_group")).toBeNull();
    expect(parseStageParam("Rating")).toBeNull();
    expect(parseStageParam("other")).toBeNull();
  });
});
