/**
 * The `analyze` command: `npm run analyze -- <input.json> [--out report.json]`.
 * Reads the documented JSON input (docs/analysis-format.md), validates it with
 * `AnalysisInputSchema`, runs `analyzeStudy` (and `analyzeScenarios` for `options.scenarios`)
 * and prints the report as JSON (or writes it to `--out`). Bad input: one line per problem on
 * stderr, exit code 2, nothing else printed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { analyzeStudy } from "../../../analysis/analyze-study";
import { analyzeScenarios } from "../../../analysis/scenarios/analyze-scenarios";
import { analysisScenarios, parseAnalysisInput } from "../../../surveys/analysis-input";

const USAGE = "usage: npm run analyze -- <input.json> [--out report.json]";

type Outcome = { code: number; stdout?: string; stderr?: string[] };

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "error";
}

function run(args: string[]): Outcome {
  let inputPath: string | undefined;
  let outPath: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (arg === "--out") {
      outPath = args[i + 1];
      i += 1;
      if (outPath === undefined || outPath === "") return { code: 2, stderr: ["--out requires a file name", USAGE] };
    } else if (arg.startsWith("--out=")) {
      outPath = arg.slice("--out=".length);
      if (outPath === "") return { code: 2, stderr: ["--out requires a file name", USAGE] };
    } else if (arg === "--help" || arg === "-h") {
      return { code: 0, stdout: `${USAGE}\n` };
    } else if (arg.startsWith("-")) {
      return { code: 2, stderr: [`${arg} is not a known option`, USAGE] };
    } else if (inputPath === undefined) {
      inputPath = arg;
    } else {
      return { code: 2, stderr: [`${arg}: only one input file is accepted`, USAGE] };
    }
  }
  if (inputPath === undefined) return { code: 2, stderr: ["an input file is required", USAGE] };

  let text: string;
  try {
    text = readFileSync(inputPath, "utf8");
  } catch (error) {
    return { code: 2, stderr: [`${inputPath} cannot be read (${errorCode(error)})`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "parse error";
    return { code: 2, stderr: [`${inputPath} is not valid JSON: ${detail}`] };
  }
  const parsed = parseAnalysisInput(data);
  if (!parsed.ok) return { code: 2, stderr: parsed.problems };

  const report = analyzeStudy(parsed.input);
  // With options.scenarios, each scenario beside the base (the report's own figures).
  const scenarios = analysisScenarios(parsed.input);
  const output = scenarios.length > 0 ? { ...report, scenarios: analyzeScenarios(parsed.input, report, scenarios) } : report;
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (outPath === undefined) return { code: 0, stdout: json };
  try {
    writeFileSync(outPath, json);
  } catch (error) {
    return { code: 1, stderr: [`${outPath} cannot be written (${errorCode(error)})`] };
  }
  return { code: 0 };
}

let outcome: Outcome;
try {
  outcome = run(process.argv.slice(2));
} catch (error) {
  outcome = { code: 1, stderr: [`analysis failed: ${error instanceof Error ? error.message : String(error)}`] };
}
if (outcome.stdout !== undefined) process.stdout.write(outcome.stdout);
if (outcome.stderr !== undefined) process.stderr.write(`${outcome.stderr.join("\n")}\n`);
process.exitCode = outcome.code;
