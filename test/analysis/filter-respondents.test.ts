import { describe, it, expect } from "vitest";
import { filterRespondents } from "../../analysis";

const people = [
  { id: "1", segment: "own", wave: "2024" },
  { id: "2", segment: "lost", wave: "2024" },
  { id: "3", segment: "own", wave: "2025" },
  { id: "4" },
];
const ids = (list: Array<{ id: string }>) => list.map((r) => r.id);

describe("filterRespondents", () => {
  it("keeps everyone with an empty filter", () => {
    expect(ids(filterRespondents(people, {}))).toEqual(["1", "2", "3", "4"]);
  });

  it("keeps one segment", () => {
    expect(ids(filterRespondents(people, { segment: "own" }))).toEqual(["1", "3"]);
  });

  it("keeps any of a list of segments", () => {
    expect(ids(filterRespondents(people, { segment: ["lost", "own"] }))).toEqual(["1", "2", "3"]);
  });

  it("keeps one wave", () => {
    expect(ids(filterRespondents(people, { wave: "2024" }))).toEqual(["1", "2"]);
  });

  it("requires both criteria when both are given", () => {
    expect(ids(filterRespondents(people, { segment: "own", wave: "2025" }))).toEqual(["3"]);
  });

  it("leaves out respondents without the attribute when a criterion is given", () => {
    expect(ids(filterRespondents(people, { wave: ["2024", "2025"] }))).not.toContain("4");
  });

  it("returns an empty list for a segment nobody is in", () => {
    expect(filterRespondents(people, { segment: "nobody" })).toEqual([]);
  });
});
