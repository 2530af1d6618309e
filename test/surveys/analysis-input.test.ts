import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { parseAnalysisInput } from "../../surveys/analysis-input";
import { analyzeStudy } from "../../analysis";

const fixture = JSON.parse(readFileSync("test/fixtures/analysis-input.json", "utf8")) as Record<string, unknown>;
const docs = readFileSync("docs/analysis-format.md", "utf8");
/** The JSON blocks of docs/analysis-format.md: the complete example, then the summary. */
const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? "") as Record<string, unknown>);

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

describe("parseAnalysisInput", () => {
  it("accepts the worked-example fixture", () => {
    expect(parseAnalysisInput(fixture).ok).toBe(true);
  });

  it("accepts the complete example of docs/analysis-format.md", () => {
    expect(problems(blocks[0])).toEqual([]);
  });

  it("accepts the documented summary in place of the respondents", () => {
    const { respondents: _r, ...rest } = blocks[0] ?? {};
    expect(problems({ ...rest, ...blocks[1] })).toEqual([]);
  });

  it("analyses the complete example without NaN", () => {
    const parsed = parseAnalysisInput(blocks[0]);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    const text = JSON.stringify(analyzeStudy({ ...parsed.input, options: { ...parsed.input.options, bootstrap: { replicates: 20 } } }));
    expect(text).not.toMatch(/NaN|Infinity|null,"reason"/);
  });

  it("names the path of a wrong attribute kind", () => {
    expect(problems(changed((i) => (i.attributes[3].kind = "colour")))).toEqual(["attributes[3].kind requires quality or price"]);
  });

  it("names a missing field", () => {
    expect(problems(changed((i) => delete i.offers[1].id))).toEqual(["offers[1].id is required"]);
  });

  it("names a value of the wrong type", () => {
    expect(problems(changed((i) => (i.respondents[0].qualityShare = "60")))).toEqual(["respondents[0].qualityShare requires a number (got string)"]);
  });

  it("rejects a quality share above 100", () => {
    expect(problems(changed((i) => (i.respondents[0].qualityShare = 160)))).toEqual(["respondents[0].qualityShare requires a number from 0 to 100"]);
  });

  it("rejects an unknown field, naming it", () => {
    expect(problems(changed((i) => (i.options.fairValueLin = "parity")))).toEqual(["options.fairValueLin is not a known field"]);
  });

  it("requires exactly one own offer", () => {
    expect(problems(changed((i) => (i.offers[1].own = true)))).toEqual(['offers requires exactly one offer with "own": true (got 2)']);
  });

  it("rejects repeated offer ids", () => {
    expect(problems(changed((i) => (i.offers[2].id = "birch")))).toContain('offers[2].id repeats "birch"; offer ids must be unique');
  });

  it("rejects a rating of an attribute that is not listed", () => {
    expect(problems(changed((i) => (i.respondents[1].ratings.aster.comfrot = 7)))).toEqual([
      "respondents[1].ratings.aster.comfrot is not an attribute id listed in attributes",
    ]);
  });

  it("rejects a rating of an offer that is not listed", () => {
    expect(problems(changed((i) => (i.respondents[0].ratings.dahlia = { reliability: 5 })))).toEqual([
      'respondents[0].ratings.dahlia requires an offer id listed in offers (got "dahlia")',
    ]);
  });

  it("rejects summary weights that do not sum to 100 per kind", () => {
    const { respondents: _r, ...rest } = blocks[0] ?? {};
    const summary = structuredClone(blocks[1]?.summary) as { weights: Record<string, number> };
    summary.weights.service = 15;
    expect(problems({ ...rest, summary })).toEqual(["summary.weights of the quality attributes require a sum of 100 (got 95)"]);
  });

  it("requires either respondents or summary", () => {
    expect(problems(changed((i) => delete i.respondents))).toEqual(["input requires either respondents or summary"]);
  });

  it("rejects respondents and summary together", () => {
    expect(problems({ ...fixture, summary: blocks[1]?.summary })).toContain("summary requires respondents or summary, not both");
  });

  it("rejects the own offer as the reference", () => {
    expect(problems(changed((i) => (i.options.reference = "aster")))).toEqual(["options.reference requires a competitor, not the own offer"]);
  });

  it("rejects group weights that do not sum to 100 per kind", () => {
    const complete = structuredClone(blocks[0]) as { groups: Array<{ weight: number }> };
    (complete.groups[0] as { weight: number }).weight = 60;
    expect(problems(complete)).toEqual(["groups weights of the quality groups require a sum of 100 (got 90)"]);
  });

  it("rejects an unknown fair-value line", () => {
    expect(problems(changed((i) => (i.options.fairValueLine = "steep")))).toEqual([
      'options.fairValueLine requires "weights", "parity", "regression" or {"slope": number}',
    ]);
  });

  it("gives one line per problem", () => {
    const many = changed((i) => {
      i.attributes[0].kind = "x";
      i.offers[0].own = "yes";
    });
    expect(problems(many)).toHaveLength(2);
  });
});
