import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { parseAnalysisInput } from "../../surveys/analysis-input";
import { analyzeStudy } from "../../analysis";

const fixture = JSON.parse(readFileSync("test/fixtures/analysis-input.json", "utf8")) as Record<string, unknown>;

/** The fixture with one change; `edit` may mutate the deep copy. */
function changed(edit: (input: any) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = structuredClone(fixture);
  edit(copy);
  return copy;
}
const problems = (data: unknown) => {
  const result = parseAnalysisInput(data);
  return result.ok ? [] : result.problems;
};

describe("parseAnalysisInput: map options (docs/method.md §5)", () => {
  it("accepts mapReference market, relativePriceFrom prices and band quartiles", () => {
    const input = changed((i) => {
      i.offers.forEach((o: { price?: number }, k: number) => (o.price = 20 + 5 * k));
      i.options = { mapReference: "market", relativePriceFrom: "prices", band: "quartiles" };
    });
    expect(problems(input)).toEqual([]);
  });

  it("rejects an unknown map reference and band", () => {
    expect(problems(changed((i) => (i.options = { mapReference: "everyone", band: "deciles" })))).toEqual([
      "options.band requires a number of 0 or more or \"quartiles\"",
      "options.mapReference requires rest-of-market or market",
    ]);
  });

  it("requires prices on at least 2 offers for a map from prices", () => {
    expect(problems(changed((i) => (i.options = { relativePriceFrom: "prices" })))).toEqual([
      "options.relativePriceFrom prices requires a price above 0 on at least 2 offers",
    ]);
  });

  it("refuses a share of 0 when the reference is share-weighted", () => {
    const input = changed((i) => {
      i.offers[0].share = 40;
      i.offers[1].share = 0;
      i.offers[2].share = 25;
      i.options = { shareWeighted: true };
    });
    expect(problems(input)).toEqual(["offers[1].share requires a number above 0 when options.shareWeighted is true"]);
  });

  it("accepts threshold standard-error and importance shapley", () => {
    expect(problems(changed((i) => (i.options = { threshold: "standard-error", importance: "shapley" })))).toEqual([]);
  });

  it("accepts cost groups on price attributes and the quadrant's importance", () => {
    const input = changed((i) => {
      i.attributes.find((a: { id: string }) => a.id === "running").costGroup = "time";
      i.options = { quadrantImportance: "derived" };
    });
    expect(problems(input)).toEqual([]);
  });

  it("refuses a cost group on a quality attribute", () => {
    const input = changed((i) => (i.attributes.find((a: { id: string }) => a.id === "comfort").costGroup = "money"));
    expect(problems(input)).toEqual(["attributes[1].costGroup is for price attributes only (a cost the customer gives up)"]);
  });

  it("refuses an unknown cost group and an unknown quadrant importance", () => {
    const input = changed((i) => {
      i.attributes.find((a: { id: string }) => a.id === "running").costGroup = "effort";
      i.options = { quadrantImportance: "both" };
    });
    expect(problems(input).sort()).toEqual(["attributes[5].costGroup requires money, time, energy or psychic", "options.quadrantImportance requires stated or derived"]);
  });

  it("rejects an unknown importance method", () => {
    expect(problems(changed((i) => (i.options = { importance: "regression" })))).toEqual(["options.importance requires relative-weights, shapley or ols"]);
  });
});

describe("parseAnalysisInput: MaxDiff answers (docs/method.md §7)", () => {
  const task = { items: ["reliability", "comfort", "service"], best: "reliability", worst: "service" };

  it("accepts MaxDiff tasks of quality attributes and weightsFrom maxdiff", () => {
    const input = changed((i) => {
      i.respondents[0].maxDiff = [task];
      i.options = { weightsFrom: "maxdiff" };
    });
    expect(problems(input)).toEqual([]);
  });

  it("names an item that is not an attribute, a best not shown, and best = worst", () => {
    const input = changed((i) => {
      i.respondents[0].maxDiff = [
        { items: ["reliability", "colour"], best: "reliability", worst: "colour" },
        { items: ["reliability", "comfort"], best: "service", worst: "service" },
      ];
    });
    expect(problems(input)).toEqual([
      'respondents[0].maxDiff[0].items[1] requires an attribute id listed in attributes (got "colour")',
      'respondents[0].maxDiff[1].best requires one of the task\'s items (got "service")',
      'respondents[0].maxDiff[1].worst requires one of the task\'s items (got "service")',
      "respondents[0].maxDiff[1].worst requires an item other than best",
    ]);
  });

  it("requires the items of one task to be of one kind", () => {
    expect(problems(changed((i) => (i.respondents[0].maxDiff = [{ items: ["reliability", "purchase"], best: "reliability", worst: "purchase" }])))).toEqual([
      "respondents[0].maxDiff[0].items require attributes of one kind (got quality and price); ask each kind in tasks of its own",
    ]);
  });

  it("accepts quality tasks and price tasks side by side (both kinds asked by MaxDiff)", () => {
    const input = changed((i) => {
      i.respondents[0].maxDiff = [task, { items: ["purchase", "running"], best: "purchase", worst: "running" }];
    });
    expect(problems(input)).toEqual([]);
  });

  it("requires MaxDiff answers for weightsFrom maxdiff", () => {
    expect(problems(changed((i) => (i.options = { weightsFrom: "maxdiff" })))).toEqual(["options.weightsFrom maxdiff requires respondents with maxDiff answers"]);
  });
});

describe("parseAnalysisInput: price research answers (docs/method.md §8)", () => {
  it("accepts Van Westendorp prices with NMS likelihoods, and Gabor–Granger answers on the ladder", () => {
    const input = changed((i) => {
      i.respondents[0].priceSensitivity = { tooCheap: 10, cheap: 15, expensive: 25, tooExpensive: 30, likelihoodAtCheap: 5, likelihoodAtExpensive: 2 };
      i.respondents[0].gaborGranger = [{ price: 20, buy: true }, { price: 25, buy: false }];
      i.priceResearch = { ladder: [15, 20, 25], calibration: { 1: 0, 2: 0.1, 3: 0.3, 4: 0.5, 5: 0.8 } };
    });
    expect(problems(input)).toEqual([]);
  });

  it("rejects a likelihood outside 1..5 and a calibration above 1", () => {
    const input = changed((i) => {
      i.respondents[0].priceSensitivity = { tooCheap: 10, cheap: 15, expensive: 25, tooExpensive: 30, likelihoodAtCheap: 6 };
      i.priceResearch = { calibration: { 1: 0, 2: 0.1, 3: 0.3, 4: 0.5, 5: 1.5 } };
    });
    expect(problems(input)).toEqual([
      "respondents[0].priceSensitivity.likelihoodAtCheap requires a whole number from 1 to 5",
      'priceResearch.calibration["5"] requires a number from 0 to 1',
    ]);
  });

  it("requires a ladder for Gabor–Granger answers, and their prices on it", () => {
    expect(problems(changed((i) => (i.respondents[0].gaborGranger = [{ price: 20, buy: true }])))).toEqual([
      "respondents[0].gaborGranger[0].price requires priceResearch.ladder",
    ]);
    const offLadder = changed((i) => {
      i.respondents[0].gaborGranger = [{ price: 22, buy: true }];
      i.priceResearch = { ladder: [15, 20, 25] };
    });
    expect(problems(offLadder)).toEqual(["respondents[0].gaborGranger[0].price requires a price on priceResearch.ladder (got 22)"]);
  });

  it("requires an ascending ladder", () => {
    expect(problems(changed((i) => (i.priceResearch = { ladder: [20, 15] })))).toEqual(["priceResearch.ladder[1] requires prices in ascending order without repeats"]);
  });

  it("rejects an unknown field in the price research block", () => {
    expect(problems(changed((i) => (i.priceResearch = { ladders: [20] })))).toEqual(["priceResearch.ladders is not a known field"]);
  });
});

describe("docs/analysis-format.md: the example with the tools after the map", () => {
  const docs = readFileSync("docs/analysis-format.md", "utf8");
  const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? "") as unknown);

  it("is accepted", () => {
    expect(problems(blocks[2])).toEqual([]);
  });

  it("is analysed without NaN, with its map from prices against the market and its price research", () => {
    const parsed = parseAnalysisInput(blocks[2]);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    const report = analyzeStudy(parsed.input);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
    // mean price (30 + 25 + 35) / 3 = 30: aster's RP 100.
    expect(report.valueMap.ok && [report.valueMap.reference, report.valueMap.points[0]?.relativePrice]).toEqual(["market", 100]);
    expect([report.maxDiff.ok, report.priceResearch.vanWestendorp.ok, report.priceResearch.gaborGranger.ok]).toEqual([true, true, true]);
  });
});
