import { parse } from "csv-parse/sync";
import { readXlsx } from "./read-xlsx.server";

export interface TableRow {
  /** The row's (first) line in the file: what a rejection names. */
  line: number;
  fields: string[];
}

/** Whether bytes are a ZIP archive (an XLSX file) rather than text. */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Rows of a CSV (UTF-8, with or without a byte order mark; RFC 4180 quoting; comma or
 * semicolon) or XLSX file (its first sheet), each with its line number, empty rows left out.
 * The exports' guard against spreadsheet formulas is undone: a text cell written as `'=…`,
 * `'+…`, `'-…`, `'@…` is read without its apostrophe. null when the file is neither.
 */
export function readTable(bytes: Uint8Array): TableRow[] | null {
  let rows: TableRow[];
  try {
    rows = isZip(bytes) ? readXlsx(bytes) : readCsv(Buffer.from(bytes).toString("utf8"));
  } catch {
    return null;
  }
  return rows.map((r) => ({ line: r.line, fields: r.fields.map((f) => f.trim().replace(/^'(?=[=+\-@\t\r])/, "")) }));
}

function readCsv(text: string): TableRow[] {
  if (text.includes("\u0000")) throw new Error("binary");
  const normalised = text.replace(/\r\n?/g, "\n");
  const firstLine = normalised.replace(/^\uFEFF/, "").split("\n", 1)[0] ?? "";
  const delimiter = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";
  const records = parse(normalised, {
    bom: true,
    info: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: "\n",
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  // csv-parse counts lines up to the record's end: its first line is that less its inner line breaks.
  return records
    .map(({ record, info }) => ({ line: info.lines - record.join("").split("\n").length + 1, fields: record }))
    .filter((r) => r.fields.some((f) => f.trim() !== ""));
}
