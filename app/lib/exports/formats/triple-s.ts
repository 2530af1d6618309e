import type { Locale } from "~/i18n/index";
import { labelIn, type LabelledCell, type LabelledDataset, type LabelledVariable } from "./labelled-dataset";

/**
 * Triple-S XML 2.0 metadata and its fixed-format data file, written from the Triple-S standard:
 * one record (ident "A"), one line per respondent, each variable at its column positions.
 * - `respondent_id` is the serial variable (`use="serial"`);
 * - numbers are `quantity` with their range (decimals shown by the range's form, e.g. `0.00`);
 *   the ratings' "don't know" 98 and "not asked" 99 are value codes with their labels;
 * - 0/1 variables (knows, considered) are `logical`;
 * - numbered choices (profile choices, last purchase) are `single` with their value labels;
 * - texts are `character`.
 * An empty field is no value. The data file is UTF-8 and positions count characters; lines end
 * with CR LF.
 */

type Kind = "quantity" | "single" | "logical" | "character";

export interface TripleSVariableLayout {
  name: string;
  kind: Kind;
  start: number;
  finish: number;
  decimals: number;
}

export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function kindOf(v: LabelledVariable): Kind {
  if (v.type === "string") return "character";
  const values = v.valueLabels.map((l) => l.value);
  if (v.missing.length === 0 && values.length === 2 && values.includes(0) && values.includes(1)) return "logical";
  if (v.missing.length === 0 && v.valueLabels.length > 0) return "single";
  return "quantity";
}

/** Decimal places a number needs (at most 6). */
function decimalsOf(n: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(n * 10 ** d) - n * 10 ** d) < 1e-9) return d;
  return 6;
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");

/** Column layout of the record: widths measured over the data (characters). */
export function tripleSLayout(dataset: LabelledDataset): TripleSVariableLayout[] {
  const vars = dataset.variables;
  const kinds = vars.map(kindOf);
  const decimals = vars.map(() => 0);
  const maxAbs = vars.map((v) => Math.max(0, ...v.valueLabels.map((l) => l.value), ...v.missing.map((m) => m.value)));
  const textWidth = vars.map(() => 1);
  for (const row of dataset.rows) {
    vars.forEach((_, i) => {
      const cell = row[i];
      if (typeof cell === "number" && Number.isFinite(cell)) {
        maxAbs[i] = Math.max(maxAbs[i]!, Math.abs(cell));
        decimals[i] = Math.max(decimals[i]!, decimalsOf(cell));
      } else if (typeof cell === "string") textWidth[i] = Math.max(textWidth[i]!, [...oneLine(cell)].length);
    });
  }
  let at = 1;
  return vars.map((v, i) => {
    const kind = kinds[i]!;
    const d = kind === "quantity" ? decimals[i]! : 0;
    const width = kind === "character" ? textWidth[i]! : kind === "logical" ? 1 : String(Math.floor(maxAbs[i]!)).length + (d > 0 ? d + 1 : 0);
    const layout = { name: v.name, kind, start: at, finish: at + width - 1, decimals: d };
    at += width;
    return layout;
  });
}

function field(cell: LabelledCell, layout: TripleSVariableLayout): string {
  const width = layout.finish - layout.start + 1;
  if (cell === null || cell === undefined || (typeof cell === "number" && !Number.isFinite(cell))) return " ".repeat(width);
  if (layout.kind === "character") {
    const chars = [...oneLine(String(cell))];
    return chars.join("") + " ".repeat(width - chars.length);
  }
  const n = Number(cell);
  return (layout.decimals > 0 ? n.toFixed(layout.decimals) : String(Math.round(n))).padStart(width, "0");
}

/** The metadata (Triple-S XML) and data (fixed columns) of the dataset, labels in `locale`. */
export function tripleS(dataset: LabelledDataset, locale: Locale, names: { survey: string; dataFile: string }): { xml: string; data: string } {
  const layout = tripleSLayout(dataset);
  const created = new Date(dataset.createdAt).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sss version="2.0">',
    `  <date>${created.slice(0, 10)}</date>`,
    `  <time>${created.slice(11, 19)}</time>`,
    "  <origin>Valuemap</origin>",
    "  <survey>",
    `    <name>${xmlText(names.survey)}</name>`,
    `    <title>${xmlText(labelIn(dataset.label, locale))}</title>`,
    `    <record ident="A" href="${xmlText(names.dataFile)}" format="fixed">`,
  ];
  dataset.variables.forEach((v, i) => {
    const l = layout[i]!;
    lines.push(`      <variable ident="${i + 1}" type="${l.kind}"${v.name === "respondent_id" ? ' use="serial"' : ""}>`);
    lines.push(`        <name>${xmlText(l.name)}</name>`, `        <label>${xmlText(labelIn(v.label, locale))}</label>`);
    lines.push(`        <position start="${l.start}" finish="${l.finish}"/>`);
    if (l.kind === "quantity") {
      const width = l.finish - l.start + 1;
      const top = l.decimals > 0 ? "9".repeat(width - l.decimals - 1) + "." + "9".repeat(l.decimals) : "9".repeat(width);
      const bottom = l.decimals > 0 ? `0.${"0".repeat(l.decimals)}` : "0";
      const range = v.missing.length > 0 ? { from: String(Math.min(...v.valueLabels.map((x) => x.value))), to: String(Math.max(...v.valueLabels.map((x) => x.value))) } : { from: bottom, to: top };
      lines.push("        <values>", `          <range from="${range.from}" to="${range.to}"/>`);
      for (const m of v.missing) lines.push(`          <value code="${m.value}">${xmlText(labelIn(m.label, locale))}</value>`);
      lines.push("        </values>");
    } else if (l.kind === "single") {
      lines.push("        <values>");
      for (const value of v.valueLabels) lines.push(`          <value code="${value.value}">${xmlText(labelIn(value.label, locale))}</value>`);
      lines.push("        </values>");
    }
    lines.push("      </variable>");
  });
  lines.push("    </record>", "  </survey>", "</sss>", "");

  const data: string[] = [];
  for (const row of dataset.rows) data.push(`${layout.map((l, i) => field(row[i] ?? null, l)).join("").trimEnd()}\r\n`);
  return { xml: lines.join("\n"), data: data.join("") };
}
