import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/**
 * Reading the labelled exports back with independent programs: PSPP (SPSS .sav, and the
 * Triple-S fixed-column data through DATA LIST), R with haven (Stata .dta) and R itself (the R
 * script). Each gives the same shape: names, variable labels, value labels, declared missing
 * values (by key: "98", or ".a" for Stata's extended missing values) and the rows as text.
 */
export interface ReadBack {
  names: string[];
  labels: Map<string, string>;
  valueLabels: Map<string, Map<string, string>>;
  missing: Map<string, Set<string>>;
  rows: Array<Map<string, string>>;
}

const UTF8 = { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" };

export const hasProgram = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

/** PSPP's tables (CSV output) by title: rows of cells, footnote lines left out. */
export function runPspp(dir: string, syntax: string): Map<string, string[][]> {
  const file = path.join(dir, "read.sps");
  fs.writeFileSync(file, syntax);
  const output = execFileSync("pspp", ["-O", "format=csv", file], { encoding: "utf8", env: UTF8, maxBuffer: 1 << 28 });
  const tables = new Map<string, string[][]>();
  for (const block of output.split(/\n(?=Table: )/)) {
    const m = /^Table: ([^\n]*)\n([\s\S]*)$/.exec(block.trim());
    if (!m) {
      if (/error|warning/i.test(block)) throw new Error(`PSPP: ${block}`);
      continue;
    }
    const rows = (parse(m[2]!, { relax_column_count: true }) as string[][]).filter((r) => !r[0]?.startsWith("Footnote:"));
    tables.set(m[1]!, rows);
  }
  if (/^(error|warning)/im.test(output)) throw new Error(`PSPP reported: ${output.slice(0, 2000)}`);
  return tables;
}

/** Rows of a PSPP "Data List" table as name -> text (system-missing "." as ""). */
function dataList(table: string[][] | undefined): { names: string[]; rows: Array<Map<string, string>> } {
  if (!table) throw new Error("PSPP printed no Data List");
  const [header, ...rows] = table;
  const names = header!;
  return { names, rows: rows.map((r) => new Map(names.map((n, i) => [n, r[i]!.trim() === "." ? "" : r[i]!.trim()]))) };
}

/** An SPSS system file through PSPP: DISPLAY DICTIONARY, then LIST. */
export function readSavWithPspp(dir: string, file: string): ReadBack {
  const tables = runPspp(dir, `SET TVARS=NAMES TNUMBERS=VALUES.\nGET FILE='${file}'.\nDISPLAY DICTIONARY.\nLIST.\n`);
  const variables = tables.get("Variables")!;
  const col = (name: string) => variables[0]!.indexOf(name);
  const labels = new Map<string, string>();
  const missing = new Map<string, Set<string>>();
  for (const r of variables.slice(1)) {
    labels.set(r[col("Name")]!, r[col("Label")]!);
    const m = r[col("Missing Values")]!;
    missing.set(r[col("Name")]!, new Set(m ? m.split(/;\s*/) : []));
  }
  const valueLabels = new Map<string, Map<string, string>>();
  let current = "";
  for (const r of (tables.get("Value Labels") ?? []).slice(1)) {
    if (r[0]) current = r[0];
    const key = r[1]!.replace(/\[[a-z]\]$/, "");
    if (!valueLabels.has(current)) valueLabels.set(current, new Map());
    valueLabels.get(current)!.set(key, r[2]!);
  }
  return { ...dataList(tables.get("Data List")), labels, valueLabels, missing };
}

/** R code's tab-separated output: VAR name label / VALUE name key label / MISSING name key / ROW cells. */
function parseRLines(output: string): ReadBack {
  const back: ReadBack = { names: [], labels: new Map(), valueLabels: new Map(), missing: new Map(), rows: [] };
  for (const line of output.split("\n")) {
    const [tag, ...f] = line.split("\t");
    if (tag === "VAR") {
      back.names.push(f[0]!);
      back.labels.set(f[0]!, f[1] ?? "");
      back.missing.set(f[0]!, new Set());
    } else if (tag === "VALUE") {
      if (!back.valueLabels.has(f[0]!)) back.valueLabels.set(f[0]!, new Map());
      back.valueLabels.get(f[0]!)!.set(f[1]!, f[2]!);
    } else if (tag === "MISSING") back.missing.get(f[0]!)!.add(f[1]!);
    else if (tag === "ROW") back.rows.push(new Map(back.names.map((n, i) => [n, f[i] ?? ""])));
  }
  return back;
}

/** Prints a data frame `d` of labelled columns as parseRLines reads it (R code). */
const R_PRINT = `
tagged <- function(v) if (requireNamespace("haven", quietly = TRUE)) haven::is_tagged_na(v) else rep(FALSE, length(v))
key <- function(v) {
  t <- tagged(v)
  out <- as.character(unclass(v))
  if (any(t)) out[t] <- paste0(".", haven::na_tag(v)[t])
  out
}
for (n in names(d)) {
  x <- d[[n]]
  lab <- attr(x, "label", exact = TRUE)
  writeLines(paste("VAR", n, if (is.null(lab)) "" else lab, sep = "\\t"))
  labs <- attr(x, "labels", exact = TRUE)
  if (!is.null(labs)) writeLines(paste("VALUE", n, key(labs), names(labs), sep = "\\t"))
  nas <- attr(x, "na_values", exact = TRUE)
  if (!is.null(nas)) writeLines(paste("MISSING", n, as.character(nas), sep = "\\t"))
  if (is.null(nas) && !is.null(labs)) for (k in key(labs)[tagged(labs)]) writeLines(paste("MISSING", n, k, sep = "\\t"))
}
cells <- lapply(d, function(x) { v <- if (is.numeric(x)) key(x) else as.character(x); v[is.na(v)] <- ""; v })
writeLines(paste("ROW", do.call(paste, c(cells, sep = "\\t")), sep = "\\t"))
`;

export function runR(dir: string, code: string): string {
  const file = path.join(dir, "read.R");
  fs.writeFileSync(file, code);
  return execFileSync("Rscript", ["--vanilla", file], { cwd: dir, encoding: "utf8", env: UTF8, maxBuffer: 1 << 28 });
}

/** A Stata file through R's haven (ReadStat): `.a`/`.b` are the declared missing values. */
export function readDtaWithHaven(dir: string, file: string): ReadBack {
  return parseRLines(runR(dir, `d <- haven::read_dta(${JSON.stringify(file)})\n${R_PRINT}`));
}

/** The exported R script run by R in its folder (it reads its CSV), then the data frame printed. */
export function readWithRScript(dir: string, script: string): ReadBack {
  return parseRLines(runR(dir, `source(${JSON.stringify(script)})\nd <- valuemap\n${R_PRINT}`));
}

/**
 * Without R: the script's syntax checked as far as the test can alone: every string literal
 * closed, brackets balanced outside strings and comments.
 */
export function checkRSyntax(script: string): void {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (ch === "#") while (i < script.length && script[i] !== "\n") i++;
    else if (ch === '"' || ch === "'") {
      for (i++; script[i] !== ch; i++) {
        if (i >= script.length) throw new Error("unclosed string literal");
        if (script[i] === "\\") i++;
      }
    } else if ("([{".includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) throw new Error(`unbalanced ${ch} at ${i}`);
  }
  if (stack.length) throw new Error(`unclosed ${stack.join("")}`);
}

/** Triple-S: the XML's variables, then the fixed-column data read by PSPP at the XML's positions. */
export function readTripleSWithPspp(dir: string, xml: string, dataFile: string): ReadBack & { types: Map<string, string> } {
  const back: ReadBack & { types: Map<string, string> } = { names: [], labels: new Map(), valueLabels: new Map(), missing: new Map(), rows: [], types: new Map() };
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  const columns: string[] = [];
  for (const m of xml.matchAll(/<variable ident="\d+" type="(\w+)"[^>]*>([\s\S]*?)<\/variable>/g)) {
    const [, type, body] = m as unknown as [string, string, string];
    const name = /<name>([^<]*)<\/name>/.exec(body)![1]!;
    const [, start, finish] = /<position start="(\d+)" finish="(\d+)"\/>/.exec(body)!;
    back.names.push(name);
    back.types.set(name, type);
    back.labels.set(name, unescape(/<label>([^<]*)<\/label>/.exec(body)![1]!));
    const values = new Map([...body.matchAll(/<value code="([^"]+)">([^<]*)<\/value>/g)].map((v) => [v[1]!, unescape(v[2]!)]));
    if (values.size) back.valueLabels.set(name, values);
    // Value codes of a quantity are its special values outside the range: the declared missing ones.
    back.missing.set(name, new Set(type === "quantity" ? values.keys() : []));
    columns.push(`${name} ${start}-${finish}${type === "character" ? " (A)" : ""}`);
  }
  const tables = runPspp(dir, `DATA LIST FILE='${dataFile}' ENCODING='UTF-8' FIXED RECORDS=1\n  /${columns.join("\n   ")}.\nLIST.\n`);
  back.rows = dataList(tables.get("Data List")).rows;
  return back;
}
