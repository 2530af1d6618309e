/**
 * The `customers` command: `npm run customers -- <transactions.csv|.xlsx> [--date YYYY-MM-DD]
 * [--discount 0.1] [--retention 0.8] [--cost 0] [--horizon 5] [--margin-rate 0.3]`.
 * Reads the file as the customers page does (columns found by their usual header names, local
 * dates and decimal separators detected), runs the same figures and prints them as JSON
 * (docs/analysis-format.md, "Customers"). Bad input: one line per problem on stderr, with the
 * file's line numbers, exit code 2, nothing on stdout.
 */
import fs from "node:fs";
import { columnMapping, createFormatDetector, readTransactionRow, type DateOrder, type DecimalSeparator, type Transaction } from "../../../surveys/transactions/index";
import { translate } from "~/i18n/messages.server";
import { computeCustomerAnalysis, DEFAULT_PARAMETERS, type CustomerParameters } from "./customer-analysis.server";
import { guessColumns } from "./guess-columns";
import { fileKindOf, transactionFileRows, TransactionFileError, type FileRow } from "./transaction-rows.server";

const USAGE = "usage: npm run customers -- <transactions.csv|.xlsx> [--date YYYY-MM-DD] [--discount 0.1] [--retention 0.8] [--cost 0] [--horizon 5] [--margin-rate 0.3]";
const MAX_LISTED = 50;

type Outcome = { code: number; stdout?: string; stderr?: string[] };
type Options = { file?: string; parameters: CustomerParameters };

const NUMBER_OPTIONS: Record<string, { key: keyof CustomerParameters; check: (v: number) => boolean; needs: string }> = {
  "--discount": { key: "discountRate", check: (v) => v > -1, needs: "a rate above -1 (0.1 = 10 %)" },
  "--retention": { key: "retention", check: (v) => v >= 0 && v <= 1, needs: "a fraction from 0 to 1 (0.8 = 80 %)" },
  "--cost": { key: "cost", check: (v) => v >= 0, needs: "a number of 0 or more" },
  "--horizon": { key: "horizonYears", check: (v) => Number.isInteger(v) && v >= 1 && v <= 1000, needs: "whole years from 1 to 1000" },
  "--margin-rate": { key: "defaultMarginRate", check: (v) => v >= -1 && v <= 1, needs: "a fraction from -1 to 1 (0.3 = 30 %)" },
};

function parseArgs(args: string[]): Options | Outcome {
  const options: Options = { parameters: { ...DEFAULT_PARAMETERS } };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      i += 1;
      return args[i];
    };
    if (name === "--help" || name === "-h") return { code: 0, stdout: `${USAGE}\n` };
    if (name === "--date") {
      const date = value();
      if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
        return { code: 2, stderr: ["--date requires a calendar date YYYY-MM-DD", USAGE] };
      }
      options.parameters.analysisDate = date;
    } else if (name in NUMBER_OPTIONS) {
      const spec = NUMBER_OPTIONS[name]!;
      const raw = value();
      const number = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(number) || !spec.check(number)) return { code: 2, stderr: [`${name} requires ${spec.needs}`, USAGE] };
      (options.parameters as unknown as Record<string, number>)[spec.key] = number;
    } else if (arg.startsWith("-")) {
      return { code: 2, stderr: [`${arg} is not a known option`, USAGE] };
    } else if (options.file === undefined) {
      options.file = arg;
    } else {
      return { code: 2, stderr: [`${arg}: only one input file is accepted`, USAGE] };
    }
  }
  return options;
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "error";
}

async function readFileRows(file: string): Promise<{ header: string[]; rows: FileRow[] } | Outcome> {
  let header: string[] | null = null;
  const rows: FileRow[] = [];
  try {
    for await (const row of transactionFileRows(fs.createReadStream(file), fileKindOf(file))) {
      if (header === null) {
        if (row.cells.some((c) => c.trim() !== "")) header = row.cells.map((c) => c.trim());
      } else rows.push(row);
    }
  } catch (error) {
    if (error instanceof TransactionFileError) {
      return { code: 2, stderr: [error.reason === "invalid-csv" ? `${file}:${error.line ?? "?"}: not valid CSV (${error.message})` : `${file}: not a readable XLSX workbook`] };
    }
    return { code: 2, stderr: [`${file} cannot be read (${errorCode(error)})`] };
  }
  if (header === null) return { code: 2, stderr: [`${file}: the file is empty`] };
  return { header, rows };
}

async function run(args: string[]): Promise<Outcome> {
  const parsed = parseArgs(args);
  if ("code" in parsed) return parsed;
  const file = parsed.file;
  if (file === undefined) return { code: 2, stderr: ["a transactions file is required", USAGE] };
  const read = await readFileRows(file);
  if ("code" in read) return read;
  const guess = guessColumns(read.header);
  for (const column of ["customerId", "date", "amount"] as const) {
    if (guess[column] === undefined) {
      return { code: 2, stderr: [`${file}:1: no ${column === "customerId" ? "customer id" : column} column (the header is: ${read.header.join(", ")}; name it e.g. customer_id, date, amount)`] };
    }
  }
  const found = columnMapping(read.header, { customerId: guess.customerId!, date: guess.date!, amount: guess.amount!, ...guess });
  if (!found.ok) return { code: 2, stderr: [`${file}:1: the column ${found.name} appears twice`] };
  const detector = createFormatDetector(found.mapping);
  for (const row of read.rows) detector.add(row.cells);
  const detected = detector.result();
  if (detected.dateOrder === "mixed") return { code: 2, stderr: [`${file}: ${translate("en", "customers.error.mixed-date-orders")}`] };
  if (detected.decimalSeparator === "mixed") return { code: 2, stderr: [`${file}: ${translate("en", "customers.error.mixed-decimal-separators")}`] };
  const formats = { dateOrder: (detected.dateOrder as DateOrder | null) ?? "auto", decimalSeparator: (detected.decimalSeparator as DecimalSeparator | null) ?? "auto" } as const;
  const transactions: Transaction[] = [];
  const problems: string[] = [];
  let rejected = 0;
  for (const row of read.rows) {
    const result = readTransactionRow(row.cells, row.line, found.mapping, formats);
    if (result.ok) {
      if (result.transaction) transactions.push(result.transaction);
      continue;
    }
    rejected += 1;
    const r = result.rejection;
    if (problems.length < MAX_LISTED) {
      const column = translate("en", `customers.import.column.${r.params.column}`);
      problems.push(`${file}:${r.line}: ${translate("en", `customers.reject.${r.reason}`, { column, value: r.params.value ?? "" })}`);
    }
  }
  if (rejected > 0) return { code: 2, stderr: rejected > problems.length ? [...problems, `… ${rejected} rows rejected in all`] : problems };
  if (transactions.length === 0) return { code: 2, stderr: [`${file}: ${translate("en", "customers.error.no-rows")}`] };

  const analysis = computeCustomerAnalysis(transactions, parsed.parameters);
  const result = analysis.result;
  if (!result || !result.ok) return { code: 2, stderr: [`${file}: ${translate("en", `customers.reason.${result ? result.reason : "no-transactions"}`)}`] };
  const output = {
    analysisDate: result.analysisDate,
    parameters: parsed.parameters,
    count: result.count,
    retention: result.retention.ok ? result.retention.value : null,
    retentionSource: result.retention.ok ? result.retention.source : null,
    customerEquity: result.customerEquity.ok ? result.customerEquity.value : null,
    activeCustomers: result.customerEquity.ok ? result.customerEquity.activeCustomers : null,
    unavailable: {
      ...(result.retention.ok ? {} : { retention: result.retention.reason }),
      ...(result.customerEquity.ok ? {} : { customerEquity: result.customerEquity.reason }),
    },
    withoutPurchases: result.withoutPurchases,
    afterAnalysisDate: result.afterAnalysisDate,
    customers: result.customers.map((c) => ({
      id: c.id,
      recency: c.recency,
      frequency: c.frequency,
      monetary: c.monetary,
      rfm: c.rfm,
      silent: c.silent.ok ? { score: c.silent.score, rankRatio: c.silent.rankRatio, silent: c.silent.silent } : null,
      clv: c.clv.ok ? c.clv.value : null,
      tier: c.tier.ok ? c.tier.tier : null,
    })),
  };
  return { code: 0, stdout: `${JSON.stringify(output, null, 2)}\n` };
}

let outcome: Outcome;
try {
  outcome = await run(process.argv.slice(2));
} catch (error) {
  outcome = { code: 1, stderr: [`customers failed: ${error instanceof Error ? error.message : String(error)}`] };
}
if (outcome.stdout !== undefined) process.stdout.write(outcome.stdout);
if (outcome.stderr !== undefined) process.stderr.write(`${outcome.stderr.join("\n")}\n`);
process.exitCode = outcome.code;
