import { describe, expect, it } from "vitest";
import { groupSuggestions } from "../../analysis/group-suggestions";

describe("groupSuggestions", () => {
  it("groups case-insensitively and by collapsed white space, with counts and mean points", () => {
    const groups = groupSuggestions([
      { text: "Warranty", weight: 10 },
      { text: " warranty ", weight: null },
      { text: "WARRANTY", weight: 20 },
      { text: "Milk  frother", weight: 5 },
      { text: "milk frother", weight: null },
      { text: "Design", weight: null },
      { text: "   ", weight: 50 },
    ]);
    // Hand: warranty 3 times (points 10, 20 -> mean 15), milk frother twice (5), design once (none).
    expect(groups).toEqual([
      { text: "Warranty", count: 3, meanPoints: 15 },
      { text: "Milk frother", count: 2, meanPoints: 5 },
      { text: "Design", count: 1, meanPoints: null },
    ]);
  });

  it("keeps the most frequent spelling and orders ties alphabetically", () => {
    const groups = groupSuggestions([
      { text: "app", weight: null },
      { text: "App", weight: null },
      { text: "App", weight: null },
      { text: "Zest", weight: null },
      { text: "Body", weight: null },
      { text: "body", weight: null },
      { text: "Zest", weight: null },
    ]);
    expect(groups.map((g) => [g.text, g.count])).toEqual([
      ["App", 3],
      ["Body", 2],
      ["Zest", 2],
    ]);
  });

  it("keeps Chinese text as it is", () => {
    expect(groupSuggestions([{ text: "售后服务", weight: 30 }, { text: "售后服务", weight: 10 }])).toEqual([{ text: "售后服务", count: 2, meanPoints: 20 }]);
  });
});
