import { describe, expect, it } from "vitest";
import { definitionChanges } from "../../surveys/definition-changes";
import type { StudyDefinition } from "../../surveys/study-definition";
import { study } from "./fixtures";

describe("definitionChanges", () => {
  it("is empty for the same definition", () => {
    expect(definitionChanges(study, structuredClone(study))).toEqual([]);
  });

  it("lists study fields, added, removed and changed items by code, and reordering", () => {
    const after: StudyDefinition = {
      ...structuredClone(study),
      titleZh: "城际通勤",
      offers: [study.offers[1]!, study.offers[0]!, { code: "delta", name: "Delta Taxi", nameZh: null, own: false }],
      attributes: study.attributes.map((a) => (a.code === "speed" ? { ...a, name: "Travel time" } : a)).filter((a) => a.code !== "fees"),
    };
    expect(definitionChanges(study, after)).toEqual([
      { part: "study", field: "titleZh" },
      { part: "offer", change: "added", code: "delta", name: "Delta Taxi" },
      { part: "offer", change: "removed", code: "gamma", name: "Gamma Car" },
      { part: "attribute", change: "changed", code: "speed", name: "Travel time" },
      { part: "attribute", change: "removed", code: "fees", name: "Fees" },
      { part: "order", list: "offers" },
    ]);
  });

  it("tells adopted, changed and dropped stated weights apart", () => {
    const weights = { qualityShare: 60, weights: { speed: 100, fare: 100 } };
    expect(definitionChanges(study, { ...study, statedWeights: weights })).toEqual([{ part: "statedWeights", change: "added" }]);
    expect(definitionChanges({ ...study, statedWeights: weights }, { ...study, statedWeights: { ...weights, qualityShare: 70 } })).toEqual([
      { part: "statedWeights", change: "changed" },
    ]);
    expect(definitionChanges({ ...study, statedWeights: weights }, { ...study, statedWeights: null })).toEqual([{ part: "statedWeights", change: "removed" }]);
  });

  it("lists a changed rating layout; a definition without one is one offer per page (issue 15)", () => {
    // The fixture has no ratingLayout (as versions frozen before the choice existed).
    expect("ratingLayout" in study).toBe(false);
    expect(definitionChanges(study, { ...study, ratingLayout: "offer" })).toEqual([]);
    expect(definitionChanges(study, { ...study, ratingLayout: "attribute" })).toEqual([{ part: "study", field: "ratingLayout" }]);
    expect(definitionChanges({ ...study, ratingLayout: "attribute" }, { ...study, ratingLayout: "offer" })).toEqual([{ part: "study", field: "ratingLayout" }]);
  });
});
