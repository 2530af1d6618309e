import type { Locale } from "~/i18n/index";
import { ByteWriter } from "./byte-writer";
import { fitNames, labelIn, stringWidths, truncateUtf8, type LabelledDataset, type MissingKind } from "./labelled-dataset";

/**
 * Stata data file, format 118 (Stata 14 and later; UTF-8), written from Stata's published
 * description of the .dta format: little-endian, numbers as doubles, strings as str1..str2045,
 * variable labels (80 characters), value labels, and "don't know" / "not asked" as the extended
 * missing values `.a` / `.b` with their labels.
 */

const TYPE_DOUBLE = 65526;
const MAX_STR = 2045;
/** Extended missing values of a double: `.` is 2^1023, `.a` and `.b` follow it. */
const EXTENDED: Record<MissingKind, Buffer> = {
  dontKnow: Buffer.from("000000000001e07f", "hex"), // .a = 0x7fe0010000000000
  notAsked: Buffer.from("000000000002e07f", "hex"), // .b = 0x7fe0020000000000
};
const SYSTEM_MISSING = Buffer.from("000000000000e07f", "hex"); // . = 0x7fe0000000000000
/** The same missing values as value-label keys (int32): `.` is 2147483621, `.a` 2147483622. */
const LABEL_KEY: Record<MissingKind, number> = { dontKnow: 2147483622, notAsked: 2147483623 };

/** The first `chars` characters (Stata counts labels in characters), at most `bytes` UTF-8 bytes. */
function cut(text: string, chars: number, bytes: number): Buffer {
  return Buffer.from(truncateUtf8([...text].slice(0, chars).join(""), bytes), "utf8");
}

function timestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()]!;
  return `${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The dataset as a Stata 14+ .dta file with labels in `locale`. */
export function dtaFile(dataset: LabelledDataset, locale: Locale): Uint8Array {
  const vars = dataset.variables;
  const names = fitNames(
    vars.map((v) => v.name),
    32,
  );
  const widths = stringWidths(dataset, MAX_STR);
  const hasLabels = vars.map((v) => v.type === "numeric" && v.valueLabels.length + v.missing.length > 0);
  const out = new ByteWriter();
  const map: number[] = [];
  const tag = (name: string) => out.text(`<${name}>`);
  const close = (name: string) => out.text(`</${name}>`);

  map.push(out.length);
  tag("stata_dta");
  tag("header");
  tag("release").text("118");
  close("release");
  tag("byteorder").text("LSF");
  close("byteorder");
  tag("K").u16(vars.length);
  close("K");
  tag("N").u64(dataset.count);
  close("N");
  const label = cut(labelIn(dataset.label, locale), 80, 320);
  tag("label").u16(label.length).bytes(label);
  close("label");
  tag("timestamp").u8(17).text(timestamp(dataset.createdAt));
  close("timestamp");
  close("header");

  map.push(out.length);
  tag("map");
  const mapAt = out.length;
  for (let i = 0; i < 14; i++) out.u64(0);
  close("map");

  map.push(out.length);
  tag("variable_types");
  vars.forEach((v, i) => out.u16(v.type === "numeric" ? TYPE_DOUBLE : widths[i]!));
  close("variable_types");

  map.push(out.length);
  tag("varnames");
  for (const name of names) out.fixed(Buffer.from(name, "utf8"), 129);
  close("varnames");

  map.push(out.length);
  tag("sortlist");
  for (let i = 0; i <= vars.length; i++) out.u16(0);
  close("sortlist");

  map.push(out.length);
  tag("formats");
  vars.forEach((v, i) => {
    const format = v.type === "string" ? `%-${Math.min(widths[i]!, 60)}s` : v.decimals > 0 ? `%10.${v.decimals}f` : "%10.0g";
    out.fixed(Buffer.from(format), 57);
  });
  close("formats");

  map.push(out.length);
  tag("value_label_names");
  vars.forEach((_, i) => out.fixed(Buffer.from(hasLabels[i] ? names[i]! : "", "utf8"), 129));
  close("value_label_names");

  map.push(out.length);
  tag("variable_labels");
  for (const v of vars) out.fixed(cut(labelIn(v.label, locale), 80, 320), 321);
  close("variable_labels");

  map.push(out.length);
  tag("characteristics");
  close("characteristics");

  map.push(out.length);
  tag("data");
  const missingOf = vars.map((v) => new Map(v.missing.map((m) => [m.value, EXTENDED[m.kind]])));
  for (const row of dataset.rows) {
    vars.forEach((v, i) => {
      const cell = row[i] ?? null;
      if (v.type === "string") {
        out.fixed(Buffer.from(truncateUtf8(cell === null ? "" : String(cell), widths[i]!), "utf8"), widths[i]!);
      } else if (typeof cell !== "number" || !Number.isFinite(cell)) out.bytes(SYSTEM_MISSING);
      else {
        const missing = missingOf[i]!.get(cell);
        if (missing) out.bytes(missing);
        else out.f64(cell);
      }
    });
  }
  close("data");

  map.push(out.length);
  tag("strls");
  close("strls");

  map.push(out.length);
  tag("value_labels");
  vars.forEach((v, i) => {
    if (!hasLabels[i]) return;
    const entries = [
      ...v.valueLabels.map((l) => ({ key: l.value, text: l.label })),
      ...v.missing.map((m) => ({ key: LABEL_KEY[m.kind], text: m.label })),
    ].sort((a, b) => a.key - b.key);
    const texts = entries.map((e) => Buffer.concat([cut(labelIn(e.text, locale), 32000, 32000), Buffer.alloc(1)]));
    const textLength = texts.reduce((n, t) => n + t.length, 0);
    tag("lbl");
    out.i32(8 + 8 * entries.length + textLength);
    out.fixed(Buffer.from(names[i]!, "utf8"), 129).fixed(Buffer.alloc(0), 3);
    out.i32(entries.length).i32(textLength);
    let offset = 0;
    for (const t of texts) {
      out.i32(offset);
      offset += t.length;
    }
    for (const e of entries) out.i32(e.key);
    for (const t of texts) out.bytes(t);
    close("lbl");
  });
  close("value_labels");

  map.push(out.length);
  close("stata_dta");
  map.push(out.length);
  map.forEach((offset, i) => out.patchU64(mapAt + i * 8, offset));
  return out.finish();
}
