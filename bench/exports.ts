/**
 * Export benchmark: how long the raw-data downloads take for 10k and 100k synthetic complete
 * responses of the demo study (3 offers x 8 attributes), from the database to the finished file
 * bytes, against a plain SQL dump of the same ratings to CSV text (one query, one line per
 * rating) in the same run. Also the report workbook and a value-map PNG at the largest size.
 *
 *   npm run bench:exports              # EXPORT_SIZES=1000,10000 for a quicker run
 *
 * It prints the ratio of the long CSV (the same rows as the dump, plus wave, kind, quoting and
 * neutralising, and the data-quality flags that decide the filter) to the dump, and times the
 * wide XLSX twice: the hand-written writer (export-xlsx.server.ts) and ExcelJS's streaming
 * WorkbookWriter with the same sheet (bold frozen header, inline strings, neutralised text),
 * first from the database to the file, then the writers alone on the same loaded rows, three
 * alternated runs each. The last line is the ratio of the writers' medians (ExcelJS /
 * hand-written) at the largest size: decision record 0003 keeps the hand-written writer only
 * while that ratio is above 2. The labelled files (SPSS, Stata, R, Triple-S) are timed too.
 */
import { PassThrough } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-exports-"));
process.env.DATABASE_URL = `file:${path.join(dir, "exports.db")}`;
process.env.DEMO = "on";
const sizes = (process.env.EXPORT_SIZES ?? "10000,100000").split(",").map(Number);

const { appDb: db } = await import("../app/lib/platform/db.server");
const { loadRawData } = await import("../app/lib/exports/export-raw.server");
const { csvStream } = await import("../app/lib/exports/export-csv.server");
const { xlsxWorkbook } = await import("../app/lib/exports/export-xlsx.server");
const { neutralise } = await import("../app/lib/exports/export-cells.server");
const ExcelJS = (await import("exceljs")).default;
const { loadLabelledWide, labelledFile } = await import("../app/lib/exports/labelled-export.server");
const { reportTables } = await import("../app/lib/exports/export-tables.server");
const { chartSvg } = await import("../app/lib/exports/export-charts.server");
const { svgToPng } = await import("../app/lib/exports/png.server");
const { loadReport } = await import("../app/lib/report/report.server");
const { getStudyByToken } = await import("../db/queries/studies");
const { demoRatingQuestionnaire, growDemoResponses } = await import("./grow-demo");

const study = (await getStudyByToken(db, "demo"))!;
// Growing the data and the plain-SQL baseline use better-sqlite3 directly (SQLite only).
const sqlite = db.sqlite!;
const questionnaireId = demoRatingQuestionnaire(sqlite, study.id);

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}
async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const options = { flagged: "in" as const };

/** The baseline: one plain query over the same ratings, written as CSV text. */
function plainDump(): number {
  const lines: string[] = [];
  for (const r of sqlite
    .prepare(
      `select x.response_id, x.offer_code, x.attribute_code, x.score from response_ratings x
       join responses s on s.id = x.response_id where s.status = 'complete' order by x.response_id`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string, string, number]>) {
    lines.push(`${r[0]},${r[1]},${r[2]},${r[3]}\r\n`);
  }
  return Buffer.byteLength(lines.join(""));
}

/** The same sheet through ExcelJS's streaming writer, collected in memory like xlsxWorkbook's bytes. */
async function exceljsWorkbook(title: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number | null | undefined>>): Promise<number> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1 }] });
  const head = sheet.addRow(header.map(neutralise));
  head.font = { bold: true };
  head.commit();
  for (const row of rows) sheet.addRow(row.map((c) => (typeof c === "string" ? neutralise(c) : typeof c === "number" && Number.isFinite(c) ? c : null))).commit();
  sheet.commit();
  await workbook.commit();
  return chunks.reduce((n, c) => n + c.length, 0);
}

console.log(`bench/exports: demo study, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}`);
let lastRatio = 0;
let xlsxRatio = 0;
let lastSize = 0;
for (const size of sizes) {
  growDemoResponses(sqlite, questionnaireId, size);
  const dump = await time(() => plainDump());
  const wideCsv = await time(async () => {
    const raw = await loadRawData(db, study.id, "wide", options);
    return drain(csvStream(raw.header, raw.rows));
  });
  const longCsv = await time(async () => {
    const raw = await loadRawData(db, study.id, "long", options);
    return drain(csvStream(raw.header, raw.rows));
  });
  const wideXlsx = await time(async () => {
    const raw = await loadRawData(db, study.id, "wide", options);
    return xlsxWorkbook([{ title: "raw-wide", header: raw.header, rows: raw.rows }]).byteLength;
  });
  const wideExceljs = await time(async () => {
    const raw = await loadRawData(db, study.id, "wide", options);
    return exceljsWorkbook("raw-wide", raw.header, raw.rows);
  });
  console.log(
    `${size} responses: plain SQL dump ${dump.ms.toFixed(0)} ms (${mb(dump.value)}); raw long CSV ${longCsv.ms.toFixed(0)} ms (${mb(longCsv.value)}); ` +
      `raw wide CSV ${wideCsv.ms.toFixed(0)} ms (${mb(wideCsv.value)}); raw wide XLSX ${wideXlsx.ms.toFixed(0)} ms (${mb(wideXlsx.value)}); ` +
      `raw wide XLSX by ExcelJS streaming ${wideExceljs.ms.toFixed(0)} ms (${mb(wideExceljs.value)})`,
  );
  // The writers alone on the same loaded rows, alternated three times each (medians): the
  // machine is shared, and one slow moment should not decide the comparison.
  const raw = await loadRawData(db, study.id, "wide", options);
  const hand: number[] = [];
  const exceljs: number[] = [];
  for (let k = 0; k < 3; k++) {
    hand.push((await time(() => xlsxWorkbook([{ title: "raw-wide", header: raw.header, rows: raw.rows }]).byteLength)).ms);
    exceljs.push((await time(() => exceljsWorkbook("raw-wide", raw.header, raw.rows))).ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  console.log(
    `${size} responses, XLSX writers alone (rows loaded; 3 runs each, ms): hand-written ${hand.map((m) => m.toFixed(0)).join(", ")} (median ${median(hand).toFixed(0)}); ` +
      `ExcelJS streaming ${exceljs.map((m) => m.toFixed(0)).join(", ")} (median ${median(exceljs).toFixed(0)})`,
  );
  xlsxRatio = median(exceljs) / median(hand);
  // The labelled files, from the database to the file.
  const labelled: string[] = [];
  for (const format of ["sav", "dta", "r", "sss"] as const) {
    const made = await time(async () => labelledFile(await loadLabelledWide(db, study, options, Date.now()), format, "en", (f, e) => `${f}.${e}`).body.byteLength);
    labelled.push(`${format} ${made.ms.toFixed(0)} ms (${mb(made.value)})`);
  }
  console.log(`${size} responses, labelled wide data: ${labelled.join("; ")}`);
  lastRatio = longCsv.ms / dump.ms;
  lastSize = size;
}
const report = await loadReport(db, study, "en", { line: "weights", flagged: "out" });
const workbook = await time(() => xlsxWorkbook(reportTables(report).map((t) => ({ title: t.title, header: t.header, rows: t.rows }))).byteLength);
const png = await time(async () => (await svgToPng(chartSvg(report, "value-map")!.svg)).byteLength);
console.log(`report tables XLSX ${workbook.ms.toFixed(0)} ms (${workbook.value} bytes); value map PNG ${png.ms.toFixed(0)} ms in its own process (${png.value} bytes)`);
console.log(`raw long CSV / plain SQL dump at ${lastSize} responses: ${lastRatio.toFixed(2)}x`);
console.log(`ratio ExcelJS streaming / hand-written XLSX writer (medians) at ${lastSize} responses: ${xlsxRatio.toFixed(2)}x`);
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
