import { Readable } from "node:stream";
import { parse as parseCsv, CsvError, type Options } from "csv-parse";
import ExcelJS from "exceljs";

/** One row of a transaction file: its line (CSV) or row number (XLSX) and its cells as text. */
export interface FileRow {
  line: number;
  cells: string[];
}

export type FileKind = "csv" | "xlsx";

/** Why a file cannot be split into rows (the message names the line where there is one). */
export class TransactionFileError extends Error {
  constructor(
    readonly reason: "invalid-csv" | "invalid-xlsx",
    readonly line: number | null,
    detail: string,
  ) {
    super(detail);
    this.name = "TransactionFileError";
  }
}

/** `.xlsx` files are read as workbooks (their first sheet); anything else as CSV. */
export function fileKindOf(fileName: string): FileKind {
  return /\.xlsx$/i.test(fileName.trim()) ? "xlsx" : "csv";
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The CSV delimiter, from the first line: the candidate (comma, semicolon, tab, bar) seen most
 * often outside quotes; comma when none is. Files written with a decimal comma usually use
 * semicolons, so the delimiter cannot be fixed.
 */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * The rows of a CSV stream, read by csv-parse as they arrive (constant memory): UTF-8 with or
 * without a byte-order mark, the delimiter sniffed from the first line, rows of any length,
 * quoted fields, blank lines kept as blank rows so that line numbers stay those of the file.
 */
async function* csvRows(source: AsyncIterable<Uint8Array>): AsyncGenerator<FileRow> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const buffer = Buffer.from(next.value);
    head.push(buffer);
    size += buffer.length;
    if (buffer.includes(10) || size >= 65_536) break;
  }
  const first = Buffer.concat(head);
  if (first.length === 0) return;
  const newline = first.indexOf(10);
  const delimiter = sniffDelimiter(first.subarray(0, newline >= 0 ? newline : first.length).toString("utf8").replace(/^\uFEFF/, ""));
  async function* all(): AsyncGenerator<Buffer> {
    yield first;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.from(next.value);
  }
  const options: Options<FileRow, string[]> = {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    on_record: (record, context) => ({ line: context.lines, cells: record }),
  };
  const parser = parseCsv(options as unknown as Options); // on_record changes the record type, which the overloads do not express
  const input = Readable.from(all());
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<FileRow>) yield row;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new TransactionFileError("invalid-csv", line, error.message);
    }
    throw error;
  } finally {
    input.destroy();
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A cell of ExcelJS as text: dates as ISO dates (the calendar day the sheet shows), formulas by their result. */
export function xlsxCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return xlsxCellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return "";
  }
  return String(value);
}

/** The rows of the first worksheet of an XLSX stream, through ExcelJS's streaming reader. */
async function* xlsxRows(source: AsyncIterable<Uint8Array>): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let next = 1;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // Rows without cells are not emitted: their numbers still count as blank rows.
        for (; next < row.number; next += 1) yield { line: next, cells: [] };
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(xlsxCellText(values[i] as ExcelJS.CellValue));
        yield { line: row.number, cells };
        next = row.number + 1;
      }
      break;
    }
  } catch (error) {
    if (error instanceof TransactionFileError) throw error;
    throw new TransactionFileError("invalid-xlsx", null, error instanceof Error ? error.message : String(error));
  }
}

/** The rows of a transaction file, streamed: CSV or the first sheet of an XLSX workbook. */
export function transactionFileRows(source: AsyncIterable<Uint8Array>, kind: FileKind): AsyncGenerator<FileRow> {
  return kind === "xlsx" ? xlsxRows(source) : csvRows(source);
}
