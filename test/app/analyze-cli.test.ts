import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it, expect } from "vitest";
import { runCommand } from "../helpers/commands";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command as a child process, as `npm run analyze -- <args>` does (the built build/cli/analyze.js). */
async function analyze(...args: string[]): Promise<Run> {
  return runCommand("analyze", args);
}

interface Report {
  qualityProfile: { score: number };
  priceProfile: { score: number; relativePrice: number };
  valueScore: { value: number };
  intervals: { bootstrap: { replicates: number } };
}

let dir: string;
let report: Run;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "analyze-cli-"));
  report = await analyze("test/fixtures/analysis-input.json");
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture with one change, written to a temporary file. */
function inputFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("analyze command", () => {
  it("exits 0 with nothing on stderr for the worked example", () => {
    expect([report.code, report.stderr.trim()]).toEqual([0, ""]);
  });

  it("prints Q = 117.254 (method.md worked example)", () => {
    expect((JSON.parse(report.stdout) as Report).qualityProfile.score).toBeCloseTo(117.254, 4);
  });

  it("prints S = 92.9231 and RP = 107.6159 (method.md worked example)", () => {
    const parsed = JSON.parse(report.stdout) as Report;
    expect(parsed.priceProfile.score).toBeCloseTo(92.9231, 4);
    expect(parsed.priceProfile.relativePrice).toBeCloseTo(107.6159, 4);
  });

  it("prints V = 107.5216 (method.md worked example)", () => {
    expect((JSON.parse(report.stdout) as Report).valueScore.value).toBeCloseTo(107.5216, 4);
  });

  it("runs the bootstrap with the fixture's 1000 replicates", () => {
    expect((JSON.parse(report.stdout) as Report).intervals.bootstrap.replicates).toBe(1000);
  });

  it("exits 2 with one line naming the JSON path for a malformed input, and prints nothing else", async () => {
    const input = JSON.parse(readFileSync("test/fixtures/analysis-input.json", "utf8")) as { attributes: Array<{ kind: string }> };
    (input.attributes[3] as { kind: string }).kind = "colour";
    const run = await analyze(inputFile("bad-kind.json", JSON.stringify(input)));
    expect(run).toEqual({ code: 2, stdout: "", stderr: "attributes[3].kind requires quality or price\n" });
  }, 60_000);

  it("exits 2 and says so when the file is not JSON", async () => {
    const run = await analyze(inputFile("not-json.json", "{ offers: "));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\S+not-json\.json is not valid JSON: .+\n$/);
  }, 60_000);

  it("exits 2 without a stack trace when the file does not exist", async () => {
    const run = await analyze(join(dir, "missing.json"));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${join(dir, "missing.json")} cannot be read (ENOENT)\n`);
  }, 60_000);

  it("exits 2 with the usage when no input file is given", async () => {
    const run = await analyze();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("usage: npm run analyze -- <input.json> [--out report.json]");
  }, 60_000);

  it("writes the report to --out and prints nothing", async () => {
    const out = join(dir, "report.json");
    const run = await analyze("test/fixtures/analysis-input.json", "--out", out);
    expect([run.code, run.stdout]).toEqual([0, ""]);
    expect(existsSync(out)).toBe(true);
    expect((JSON.parse(readFileSync(out, "utf8")) as Report).qualityProfile.score).toBeCloseTo(117.254, 4);
  }, 60_000);
});

describe("analyze command: the tools after the map (docs/method.md §5–8)", () => {
  /** docs/analysis-format.md's third example: MaxDiff, price sensitivity and Gabor–Granger answers. */
  const docs = readFileSync("docs/analysis-format.md", "utf8");
  const example = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "")[2] ?? "";

  interface MethodsReport {
    valueMap: { reference: string; relativePriceFrom: string; fairZone: { kind: string }; points: Array<{ relativePrice: number }> };
    priceResearch: {
      vanWestendorp: { range: { lower: number; upper: number } };
      gaborGranger: { revenueMaximising: { price: number } };
    };
    maxDiff: { ok: boolean };
    gapTests: { attributes: Array<{ test: string }> };
  }

  let methods: Run;
  beforeAll(async () => {
    methods = await analyze(inputFile("methods.json", example));
  }, 60_000);

  it("accepts the map options and prints the map from prices against the whole market", () => {
    // mean price (30 + 25 + 35) / 3 = 30: aster 100, birch 83.3333, cedar 116.6667.
    expect([methods.code, methods.stderr.trim()]).toEqual([0, ""]);
    const parsed = JSON.parse(methods.stdout) as MethodsReport;
    expect([parsed.valueMap.reference, parsed.valueMap.relativePriceFrom, parsed.valueMap.fairZone.kind]).toEqual(["market", "prices", "quartiles"]);
    expect(parsed.valueMap.points.map((p) => p.relativePrice)).toEqual([100, expect.closeTo(83.333333, 5), expect.closeTo(116.666667, 5)]);
  });

  it("prints the Van Westendorp range [20, 33.5] of the respondents' answers", () => {
    // too cheap 15, 12, 18; cheap 22, 18, 25; expensive 32, 28, 35; too expensive 40, 35, 45.
    // PMC: at 18 TC 1/3, not cheap 0; at 22 TC 0, not cheap 1/3 -> 18 + 4 * (1/3) / (2/3) = 20.
    // PME: at 32 TE 0, not expensive 1/3; at 35 TE 1/3, not expensive 0 -> 32 + 3 / 2 = 33.5.
    const parsed = JSON.parse(methods.stdout) as MethodsReport;
    expect(parsed.priceResearch.vanWestendorp.range).toEqual({ ok: true, lower: expect.closeTo(20, 9), upper: expect.closeTo(33.5, 9) });
  });

  it("prints the Gabor–Granger revenue-maximising price 25", () => {
    // willing up to 30, 25, 35: demand 20: 1, 25: 1, 30: 2/3, 35: 1/3, 40: 0; revenue 20, 25, 20, 11.67, 0.
    expect((JSON.parse(methods.stdout) as MethodsReport).priceResearch.gaborGranger.revenueMaximising.price).toBe(25);
  });

  it("prints the MaxDiff section and the Welch gap tests", () => {
    const parsed = JSON.parse(methods.stdout) as MethodsReport;
    expect([parsed.maxDiff.ok, parsed.gapTests.attributes[0]?.test]).toEqual([true, "welch-t"]);
  });

  it("exits 2 naming an unknown map option", async () => {
    const input = JSON.parse(example) as { options: Record<string, unknown> };
    input.options.mapReference = "everyone";
    const run = await analyze(inputFile("bad-reference.json", JSON.stringify(input)));
    expect(run).toEqual({ code: 2, stdout: "", stderr: "options.mapReference requires rest-of-market or market\n" });
  }, 60_000);
});

describe("analyze command: cost groups, MaxDiff of both kinds, the quadrant's importance (docs/method.md §4, §6, §7)", () => {
  /** docs/analysis-format.md's fourth example, run from a file; the figures are worked by hand beside it there. */
  const docs = readFileSync("docs/analysis-format.md", "utf8");
  const example = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "")[3] ?? "";

  interface Output {
    qualityProfile: { score: number };
    relativeDeliveredValue: { totalCost: number; deliveredValue: number; costGroups: Array<{ id: string; weight: number; index: number }> };
    importanceQuadrant: { from: string; attributes: Array<{ id: string; quadrant: string }> };
    wonLostReasons: { byKind: { n: number; quality: number; price: number; total: number } };
    maxDiffByKind: Record<"quality" | "price", { ok: boolean; counts: { items: Array<{ id: string; score: number }> } }>;
    gapTests: { attributes: Array<{ id: string; test: string; t: number; df: number; p: number; significant: boolean }> };
  }

  let run: Run;
  let out: Output;
  beforeAll(async () => {
    run = await analyze(inputFile("gaps.json", example));
    out = JSON.parse(run.stdout) as Output;
  }, 60_000);

  it("exits 0 and prints Q = 126", () => {
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(out.qualityProfile.score).toBeCloseTo(126, 9);
  });

  it("prints the total customer cost per cost group: money 160, time 107.1429; total RP 128.3422, delivered value -2.3422", () => {
    expect(out.relativeDeliveredValue.costGroups.map((g) => [g.id, g.weight, g.index])).toEqual([
      ["money", expect.closeTo(50, 9), expect.closeTo(160, 9)],
      ["time", expect.closeTo(50, 9), expect.closeTo(107.142857, 5)],
    ]);
    expect([out.relativeDeliveredValue.totalCost, out.relativeDeliveredValue.deliveredValue]).toEqual([expect.closeTo(128.3422, 4), expect.closeTo(-2.3422, 4)]);
  });

  it("prints the quadrant from the stated importance: reliability keep, service over-invested", () => {
    expect([out.importanceQuadrant.from, out.importanceQuadrant.attributes.map((a) => [a.id, a.quadrant])]).toEqual([
      "stated",
      [
        ["reliability", "keep"],
        ["service", "over-invested"],
      ],
    ]);
  });

  it("prints the lost respondent's reasons split by kind: quality -0.6, price 0.25", () => {
    expect(out.wonLostReasons.byKind).toEqual({ n: 1, quality: expect.closeTo(-0.6, 9), price: expect.closeTo(0.25, 9), total: expect.closeTo(-0.35, 9) });
  });

  it("prints MaxDiff for both kinds: quality counts 0 and 0, price 1 and -1", () => {
    expect(out.maxDiffByKind.quality.counts.items.map((c) => [c.id, c.score])).toEqual([
      ["reliability", 0],
      ["service", 0],
    ]);
    expect(out.maxDiffByKind.price.counts.items.map((c) => [c.id, c.score])).toEqual([
      ["purchase", 1],
      ["wait", -1],
    ]);
  });

  it("prints the Welch test of reliability: t 1, df 1, p 0.5, not significant", () => {
    const reliability = out.gapTests.attributes.find((a) => a.id === "reliability");
    expect(reliability).toMatchObject({ test: "welch-t", t: expect.closeTo(1, 9), df: expect.closeTo(1, 9), p: expect.closeTo(0.5, 9), significant: false });
  });

  it("exits 2 naming an unknown field and a quadrant importance it does not know", async () => {
    const input = JSON.parse(example) as { attributes: Array<Record<string, unknown>>; options: Record<string, unknown> };
    input.attributes[2]!.costgroup = "money";
    input.options.quadrantImportance = "both";
    const bad = await analyze(inputFile("bad-gaps.json", JSON.stringify(input)));
    expect([bad.code, bad.stdout]).toEqual([2, ""]);
    expect(bad.stderr.trim().split("\n").sort()).toEqual(["attributes[2].costgroup is not a known field", "options.quadrantImportance requires stated or derived"]);
  }, 60_000);
});

describe("analyze command: options.scenarios", () => {
  interface ScenarioOutput {
    qualityProfile: { score: number };
    scenarios: Record<string, { ok: boolean; qualityProfile: { score: number }; valueMap: { points: Array<{ offer: string; quality: number }> }; shares?: { fit: { method: string } } }>;
  }
  let run: Run;
  beforeAll(async () => {
    const input = JSON.parse(readFileSync("test/fixtures/analysis-input.json", "utf8")) as {
      offers: Array<Record<string, unknown>>;
      options?: Record<string, unknown>;
    };
    input.offers.forEach((o, i) => (o.share = [34, 41, 25][i]));
    input.options = {
      ...input.options,
      bootstrap: { replicates: 50, seed: 1 },
      scenarios: [
        { name: "Reliability +0.5", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }] },
        { name: "Birch answers", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }], respond: [{ competitor: "birch", copies: "aster" }] },
      ],
    };
    run = await analyze(inputFile("scenarios.json", JSON.stringify(input)));
  }, 60_000);

  it("prints each scenario beside the base: Q 117.254 → 120.3309 (40 · 0.5 / 6.5 = +3.0769), 118.3366 when birch copies it", () => {
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const parsed = JSON.parse(run.stdout) as ScenarioOutput;
    expect(parsed.qualityProfile.score).toBeCloseTo(117.254, 3);
    expect(parsed.scenarios["Reliability +0.5"]!.qualityProfile.score).toBeCloseTo(120.3309, 3);
    // birch's Q on the map: 102.4081 + 40 · 7 / 7.375 − 40 · 7 / 7.125 = 101.0760
    expect(parsed.scenarios["Reliability +0.5"]!.valueMap.points.find((p) => p.offer === "birch")!.quality).toBeCloseTo(101.076, 3);
    expect(parsed.scenarios["Birch answers"]!.qualityProfile.score).toBeCloseTo(118.3366, 3);
  });

  it("gives the share of preference with respondents (β fitted to the offers' shares when nobody's purchase is known)", () => {
    const parsed = JSON.parse(run.stdout) as ScenarioOutput;
    expect(parsed.scenarios["Reliability +0.5"]!.shares?.fit.method).toBe("share-fit");
  });

  it("exits 2 naming a scenario's unknown attribute, a change with two amounts and a competitor copying itself", async () => {
    const input = JSON.parse(readFileSync("test/fixtures/analysis-input.json", "utf8")) as { options?: Record<string, unknown> };
    input.options = {
      ...input.options,
      scenarios: [
        {
          name: "Bad",
          changes: [
            { offer: "aster", attribute: "warp", delta: 1 },
            { offer: "aster", attribute: "comfort", delta: 1, value: 8 },
          ],
          respond: [{ competitor: "birch", copies: "birch" }],
        },
      ],
    };
    const bad = await analyze(inputFile("bad-scenarios.json", JSON.stringify(input)));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim().split("\n").sort()).toEqual(
      [
        'options.scenarios[0].changes[0].attribute requires an attribute id listed in attributes (got "warp")',
        'options.scenarios[0].changes[1] requires exactly one of "delta", "value" or "priceFactor"',
        "options.scenarios[0].respond[0].copies requires an offer other than the competitor",
      ].sort(),
    );
  }, 60_000);
});
