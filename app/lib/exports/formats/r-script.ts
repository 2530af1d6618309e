import type { Locale } from "~/i18n/index";
import { labelIn, type LabelledDataset, type LabelledVariable } from "./labelled-dataset";

/**
 * An R script that reads the labelled wide data from its CSV (the same folder) and attaches the
 * labels the way haven and labelled keep them: `label` (variable label), `labels` (named value
 * labels) and `na_values` (the declared missing codes 98 "don't know" and 99 "not asked"). With
 * haven installed, labelled variables become `haven_labelled_spss`; without it they keep the same
 * attributes on plain vectors. Base R only otherwise. Every text is an ASCII string literal
 * (non-ASCII as \u escapes), so the script reads the same in any locale or file encoding.
 */

/** An R string literal, ASCII only. */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code < 0x7f) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U{${code.toString(16)}}`;
  }
  return `${out}"`;
}

const rNumber = (n: number) => String(n);

function labelsVector(v: LabelledVariable, locale: Locale): string {
  const entries = [...v.valueLabels, ...v.missing].map((l) => `${rString(labelIn(l.label, locale))} = ${rNumber(l.value)}`);
  return `c(${entries.join(", ")})`;
}

/** The labelling script for `csvName` (written next to it), labels in `locale`. */
export function rScript(dataset: LabelledDataset, locale: Locale, csvName: string): string {
  const vars = dataset.variables;
  const colClasses = vars.map((v) => `${v.name} = ${v.type === "numeric" ? '"numeric"' : '"character"'}`).join(",\n    ");
  const lines = [
    `# Valuemap labelled raw data (wide), labels: ${locale}.`,
    `# Reads ${csvName} from the working directory and attaches variable labels, value labels`,
    `# and the declared missing values (98 = don't know, 99 = not asked) as haven/labelled do.`,
    `# Run with the data file's folder as working directory: source("this-file.R"); the data is \`valuemap\`.`,
    "",
    `valuemap <- utils::read.csv(${rString(csvName)}, fileEncoding = "UTF-8-BOM", na.strings = "",`,
    "  check.names = FALSE, stringsAsFactors = FALSE,",
    `  colClasses = c(\n    ${colClasses}\n  ))`,
    "",
    "vm_label <- function(x, label, labels = NULL, na_values = NULL) {",
    '  if (!is.null(labels) && requireNamespace("haven", quietly = TRUE)) {',
    "    return(haven::labelled_spss(x, labels = labels, na_values = na_values, label = label))",
    "  }",
    '  attr(x, "label") <- label',
    '  if (!is.null(labels)) attr(x, "labels") <- labels',
    '  if (!is.null(na_values)) attr(x, "na_values") <- na_values',
    "  x",
    "}",
    "",
  ];
  for (const v of vars) {
    const args = [`valuemap[[${rString(v.name)}]]`, rString(labelIn(v.label, locale))];
    if (v.type === "numeric" && v.valueLabels.length + v.missing.length > 0) args.push(`labels = ${labelsVector(v, locale)}`);
    if (v.type === "numeric" && v.missing.length > 0) args.push(`na_values = c(${v.missing.map((m) => rNumber(m.value)).join(", ")})`);
    lines.push(`valuemap[[${rString(v.name)}]] <- vm_label(${args.join(", ")})`);
  }
  lines.push(`attr(valuemap, "label") <- ${rString(labelIn(dataset.label, locale))}`, "rm(vm_label)", "");
  return lines.join("\n");
}
