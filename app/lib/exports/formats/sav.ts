import type { Locale } from "~/i18n/index";
import { ByteWriter } from "./byte-writer";
import { fitNames, labelIn, stringWidths, truncateUtf8, type LabelledDataset } from "./labelled-dataset";

/**
 * SPSS system file (.sav), written from the format's published description (the "System File
 * Format" chapter of the PSPP developers' guide): a little-endian file with bytecode-compressed
 * cases, UTF-8 text (character-encoding record), long variable names, variable labels, value
 * labels on numeric variables, "don't know" and "not asked" as discrete missing values, and the
 * measurement level of each variable. Strings are at most 255 bytes (no very long strings).
 */

const MAX_STRING = 255;
const MAX_LABEL = 255;
const SYSMIS = -Number.MAX_VALUE;
const BIAS = 100;
const SPACES8 = Buffer.from("        ");

/** Print/write format: type << 16 | width << 8 | decimals (type 5 = F, 1 = A). */
const numericFormat = (decimals: number) => (5 << 16) | (10 << 8) | decimals;
const stringFormat = (width: number) => (1 << 16) | (width << 8);

function pad(text: string, width: number): Buffer {
  const out = Buffer.alloc(width, 0x20);
  Buffer.from(text, "ascii").copy(out, 0, 0, width);
  return out;
}

/** "dd mmm yy" and "hh:mm:ss" in UTC, as the file header records its creation. */
function stamp(ms: number): { date: string; time: string } {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()]!;
  return {
    date: `${two(d.getUTCDate())} ${month} ${two(d.getUTCFullYear() % 100)}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  };
}

/** Bytecode compression: one command byte per 8-byte value, 8 commands then their raw values. */
class Compressor {
  private commands: number[] = [];
  private raw: Uint8Array[] = [];
  constructor(private readonly out: ByteWriter) {}

  private push(command: number, data?: Uint8Array) {
    this.commands.push(command);
    if (data) this.raw.push(data);
    if (this.commands.length === 8) this.flush();
  }

  private flush() {
    if (this.commands.length === 0) return;
    while (this.commands.length < 8) this.commands.push(0);
    for (const c of this.commands) this.out.u8(c);
    for (const r of this.raw) this.out.bytes(r);
    this.commands = [];
    this.raw = [];
  }

  number(value: number | null) {
    if (value === null || !Number.isFinite(value)) this.push(255);
    else if (Number.isInteger(value) && value >= 1 - BIAS && value <= 251 - BIAS) this.push(value + BIAS);
    else {
      const raw = Buffer.alloc(8);
      raw.writeDoubleLE(value, 0);
      this.push(253, raw);
    }
  }

  /** A string's bytes, space-padded to whole 8-byte segments. */
  string(bytes: Buffer, segments: number) {
    for (let s = 0; s < segments; s++) {
      const piece = Buffer.alloc(8, 0x20);
      if (s * 8 < bytes.length) bytes.copy(piece, 0, s * 8, Math.min(bytes.length, s * 8 + 8));
      if (piece.equals(SPACES8)) this.push(254);
      else this.push(253, piece);
    }
  }

  end() {
    this.flush();
  }
}

/** The dataset as an SPSS system file with labels in `locale`. */
export function savFile(dataset: LabelledDataset, locale: Locale): Uint8Array {
  const vars = dataset.variables;
  const names = fitNames(
    vars.map((v) => v.name),
    64,
  );
  const widths = stringWidths(dataset, MAX_STRING);
  const segments = vars.map((v, i) => (v.type === "string" ? Math.ceil(widths[i]! / 8) : 1));
  const caseSize = segments.reduce((a, b) => a + b, 0);
  const shortNames = vars.map((_, i) => `V${i + 1}`);
  // Dictionary index (1-based, counting string continuation segments) of each variable.
  const index: number[] = [];
  segments.reduce((at, n, i) => ((index[i] = at), at + n), 1);

  const out = new ByteWriter();
  const { date, time } = stamp(dataset.createdAt);
  out.text("$FL2").fixed(pad("@(#) SPSS DATA FILE Valuemap", 60), 60);
  out.i32(2).i32(caseSize).i32(1).i32(0).i32(dataset.count).f64(BIAS);
  out.fixed(Buffer.from(date), 9).fixed(Buffer.from(time), 8);
  out.fixed(Buffer.from(truncateUtf8(labelIn(dataset.label, locale), 64), "utf8"), 64, 0x20).fixed(Buffer.alloc(0), 3);

  vars.forEach((v, i) => {
    const label = Buffer.from(truncateUtf8(labelIn(v.label, locale), MAX_LABEL), "utf8");
    const isString = v.type === "string";
    const format = isString ? stringFormat(widths[i]!) : numericFormat(v.decimals);
    const missing = isString ? [] : v.missing.map((m) => m.value);
    out.i32(2).i32(isString ? widths[i]! : 0).i32(1).i32(missing.length).i32(format).i32(format);
    out.fixed(pad(shortNames[i]!, 8), 8);
    out.i32(label.length).fixed(label, Math.ceil(label.length / 4) * 4, 0x20);
    for (const m of missing) out.f64(m);
    for (let s = 1; s < segments[i]!; s++) out.i32(2).i32(-1).i32(0).i32(0).i32(0).i32(0).fixed(SPACES8, 8);
  });

  vars.forEach((v, i) => {
    if (v.type !== "numeric") return;
    const labels = [...v.valueLabels, ...v.missing].map((l) => ({ value: l.value, text: Buffer.from(truncateUtf8(labelIn(l.label, locale), MAX_LABEL), "utf8") }));
    if (labels.length === 0) return;
    out.i32(3).i32(labels.length);
    for (const l of labels) {
      out.f64(l.value).u8(l.text.length);
      out.fixed(l.text, Math.ceil((l.text.length + 1) / 8) * 8 - 1, 0x20);
    }
    out.i32(4).i32(1).i32(index[i]!);
  });

  // Machine integer info: version 1.0.0, machine -1, IEEE 754, compression 1, little-endian, UTF-8.
  out.i32(7).i32(3).i32(4).i32(8);
  for (const n of [1, 0, 0, -1, 1, 1, 2, 65001]) out.i32(n);
  // Machine floating-point info: system-missing, highest, lowest.
  out.i32(7).i32(4).i32(8).i32(3).f64(SYSMIS).f64(Number.MAX_VALUE);
  const lowest = Buffer.from("feffffffffffefff", "hex"); // -DBL_MAX's successor, little-endian
  out.bytes(lowest);
  // Variable display: measurement level (1 nominal, 2 ordinal, 3 scale), width, alignment.
  out.i32(7).i32(11).i32(4).i32(vars.length * 3);
  vars.forEach((v, i) => {
    out.i32(v.measure === "nominal" ? 1 : v.measure === "ordinal" ? 2 : 3);
    out.i32(v.type === "string" ? Math.min(Math.max(widths[i]!, 8), 40) : 10);
    out.i32(v.type === "string" ? 0 : 1);
  });
  const longNames = Buffer.from(names.map((n, i) => `${shortNames[i]}=${n}`).join("\t"), "utf8");
  out.i32(7).i32(13).i32(1).i32(longNames.length).bytes(longNames);
  out.i32(7).i32(20).i32(1).i32(5).text("UTF-8");
  out.i32(999).i32(0);

  const data = new Compressor(out);
  for (const row of dataset.rows) {
    vars.forEach((v, i) => {
      const cell = row[i] ?? null;
      if (v.type === "numeric") data.number(typeof cell === "number" ? cell : null);
      else data.string(Buffer.from(truncateUtf8(cell === null ? "" : String(cell), widths[i]!), "utf8"), segments[i]!);
    });
  }
  data.end();
  return out.finish();
}
