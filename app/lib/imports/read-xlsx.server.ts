import zlib from "node:zlib";

/**
 * Reads the first worksheet of an XLSX file as rows of text cells with their row numbers: a
 * minimal reader for the import (the counterpart of exports/export-xlsx.server.ts's writer).
 * It unzips with Node's zlib, follows the workbook's first sheet, and reads shared strings,
 * inline strings, numbers and booleans; formulas give their cached value. Throws on a file that
 * is not a readable XLSX.
 */
export function readXlsx(bytes: Uint8Array): Array<{ line: number; fields: string[] }> {
  const files = unzip(Buffer.from(bytes));
  const text = (name: string) => {
    const data = files.get(name);
    if (!data) throw new Error(`${name} missing`);
    return data.toString("utf8");
  };
  const workbook = text("xl/workbook.xml");
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook)?.[1] ?? /<(?:\w+:)?sheet\b[^>]*?\bid="([^"]+)"/.exec(workbook)?.[1];
  if (!firstSheet) throw new Error("no worksheet");
  const rels = text("xl/_rels/workbook.xml.rels");
  const relation = new RegExp(`<Relationship\\b[^>]*\\bId="${firstSheet}"[^>]*>`).exec(rels)?.[0];
  const target = relation ? /\bTarget="([^"]+)"/.exec(relation)?.[1] : undefined;
  if (!target) throw new Error("worksheet target missing");
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  const shared = files.has("xl/sharedStrings.xml") ? sharedStrings(text("xl/sharedStrings.xml")) : [];
  return sheetRows(text(sheetPath), shared);
}

function decode(xml: string): string {
  return xml
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** The text of each `<si>` (rich text runs joined; phonetic runs left out). */
function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => {
    const body = m[1]!.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
    return [...body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decode(t[1]!)).join("");
  });
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, "")) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function sheetRows(xml: string, shared: string[]): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let nextRow = 1;
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? nextRow);
    nextRow = line + 1;
    const fields: string[] = [];
    let nextColumn = 0;
    for (const cell of (row[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const ref = /\br="([A-Z]+\d*)"/.exec(attributes)?.[1];
      const column = ref ? columnIndex(ref) : nextColumn;
      nextColumn = column + 1;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? "n";
      const body = cell[2] ?? "";
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let out = "";
      if (type === "s") out = shared[Number(value)] ?? "";
      else if (type === "inlineStr") out = [...body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decode(t[1]!)).join("");
      else if (type === "b") out = value === "1" ? "1" : "0";
      else if (value !== undefined) out = decode(value);
      while (fields.length < column) fields.push("");
      fields[column] = out;
    }
    if (fields.some((f) => f !== "")) rows.push({ line, fields });
  }
  return rows;
}

/** The entries of a ZIP archive by name (stored or deflated; read from the central directory). */
function unzip(buffer: Buffer): Map<string, Buffer> {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip archive");
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error("broken central directory");
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + extraLength + commentLength;
    if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error("broken local header");
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, zlib.inflateRawSync(data, { maxOutputLength: 512 * 1024 * 1024 }));
    else throw new Error(`unsupported compression ${method}`);
  }
  return files;
}
