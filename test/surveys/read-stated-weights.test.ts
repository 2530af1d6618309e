import { describe, expect, it } from "vitest";
import { readStatedWeights } from "../../surveys/read-stated-weights";

describe("readStatedWeights", () => {
  it("reads no weights from an empty column", () => {
    expect(readStatedWeights(null)).toBeNull();
    expect(readStatedWeights("")).toBeNull();
  });

  it("reads the adopted quality share and weights by attribute code", () => {
    expect(readStatedWeights('{"qualityShare":60,"weights":{"speed":70,"comfort":30,"fare":100}}')).toEqual({
      qualityShare: 60,
      weights: { speed: 70, comfort: 30, fare: 100 },
    });
  });

  it("throws on a value that is not JSON, naming the column", () => {
    expect(() => readStatedWeights("{not json")).toThrow("stated_weights_json requires JSON of the stated weights");
  });

  it("throws on JSON of another shape (a share above 100, no weights)", () => {
    expect(() => readStatedWeights('{"qualityShare":160,"weights":{"speed":100}}')).toThrow("stated_weights_json requires qualityShare 0-100");
    expect(() => readStatedWeights('{"qualityShare":60}')).toThrow("stated_weights_json requires qualityShare 0-100");
  });
});
