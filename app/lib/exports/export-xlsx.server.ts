import { neutralise, type Cell } from "./export-cells.server";
import { ZipWriter } from "./export-zip.server";

/**
 * How a number shows in the workbook (the value keeps every digit): "index" one decimal,
 * "ratio" three, "mean" two, "integer" none, "percent" a share as 0.0 %, "datetime" a real
 * Excel date and time (written from an ISO 8601 text cell).
 */
export type NumberFormat = "index" | "ratio" | "mean" | "integer" | "percent" | "datetime";

export interface Sheet {
  title: string;
  header: readonly string[];
  rows: Iterable<readonly Cell[]>;
  /** each column's number format (by index); missing or null: General */
  formats?: ReadonlyArray<NumberFormat | null>;
  /** a cell's number format when it depends on the row (0-based data row, column); wins over `formats` */
  cellFormat?: (row: number, column: number) => NumberFormat | null;
}

/** Style index (cellXfs in STYLES) of each number format; 1 is the bold header. */
const STYLE: Record<NumberFormat, number> = { index: 2, ratio: 3, mean: 4, integer: 5, datetime: 6, percent: 7 };

/** An ISO 8601 UTC time as an Excel serial day number (days since 1899-12-30), or null. */
function excelTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms / 86_400_000 + 25_569;
}

// Characters XML 1.0 does not allow (control characters but tab, LF, CR; lone surrogates).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;");
}

/** A1-style column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function rowXml(rowNumber: number, cells: readonly Cell[], columns: string[], style = 0, format?: (column: number) => NumberFormat | null): string {
  let xml = `<row r="${rowNumber}">`;
  const s = style ? ` s="${style}"` : "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    const ref = `${columns[i] ?? columnName(i)}${rowNumber}`;
    const f = format?.(i) ?? null;
    const time = f === "datetime" && typeof cell === "string" ? excelTime(cell) : null;
    if (time !== null) {
      xml += `<c r="${ref}" s="${STYLE.datetime}"><v>${time}</v></c>`;
    } else if (typeof cell === "number") {
      const numberStyle = f && f !== "datetime" ? ` s="${STYLE[f]}"` : s;
      if (Number.isFinite(cell)) xml += `<c r="${ref}"${numberStyle}><v>${cell}</v></c>`;
    } else {
      xml += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(neutralise(cell))}</t></is></c>`;
    }
  }
  return `${xml}</row>`;
}

/** Sheet titles: at most 31 characters, none of []:*?/\, unique (Excel refuses the workbook otherwise). */
export function sheetTitles(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((raw, i) => {
    // (a sheet name is never evaluated; it may not start or end with an apostrophe)
    const base = raw.replace(/[[\]:*?/\\]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, 31) || `Sheet${i + 1}`;
    let title = base;
    for (let k = 2; used.has(title.toLowerCase()); k++) title = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
    used.add(title.toLowerCase());
    return title;
  });
}

/** Text width of a cell in Excel's character units (wide characters count twice). */
function cellWidth(cell: Cell): number {
  if (cell === null || cell === undefined) return 0;
  if (typeof cell === "number") return Math.min(12, String(Math.round(cell * 1000) / 1000).length);
  let w = 0;
  for (const ch of cell) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

/** Column widths from the header and, when the rows are an array, every row: 8 to 50 characters. */
function columnWidths(sheet: Sheet): number[] {
  const widths = sheet.header.map((h) => cellWidth(h));
  if (Array.isArray(sheet.rows)) {
    for (const row of sheet.rows as ReadonlyArray<readonly Cell[]>) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, cellWidth(c))));
  }
  return widths.map((w, i) => Math.min(50, Math.max(8, w + 2, sheet.formats?.[i] === "datetime" ? 20 : 0)));
}

const CONTENT_TYPES = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from(
    { length: n },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("")}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.000"/><numFmt numFmtId="166" formatCode="0.00"/><numFmt numFmtId="167" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="168" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * An XLSX workbook (Office Open XML SpreadsheetML, hand-written, zipped with Node's zlib): one sheet
 * per table, the header row bold and frozen, columns as wide as their content (the header and,
 * for tables given as arrays, every row), text as inline strings (neutralised against formula
 * injection), numbers as numbers with the sheet's number formats, ISO times in "datetime"
 * columns as real dates. Rows are deflated as they are iterated (export-zip.server.ts).
 */
export function xlsxWorkbook(sheets: readonly Sheet[]): Uint8Array {
  const zip = new ZipWriter();
  const add = (path: string, text: string) => zip.addText(path, text);
  const titles = sheetTitles(sheets.map((s) => s.title));
  add("[Content_Types].xml", CONTENT_TYPES(sheets.length));
  add("_rels/.rels", ROOT_RELS);
  add(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${titles
      .map((t, i) => `<sheet name="${xmlEscape(t)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  add(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${titles
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}<Relationship Id="rId${titles.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  add("xl/styles.xml", STYLES);
  sheets.forEach((sheet, index) => {
    const file = zip.entry(`xl/worksheets/sheet${index + 1}.xml`);
    const columns = Array.from({ length: Math.max(sheet.header.length, 1) }, (_, i) => columnName(i));
    const widths = columnWidths(sheet);
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
    file.push(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `${cols ? `<cols>${cols}</cols>` : ""}<sheetData>` +
        rowXml(1, sheet.header, columns, 1),
    );
    let r = 2;
    for (const row of sheet.rows) {
      const index = r - 2;
      const format = sheet.formats || sheet.cellFormat ? (column: number) => sheet.cellFormat?.(index, column) ?? sheet.formats?.[column] ?? null : undefined;
      file.push(rowXml(r++, row, columns, 0, format));
    }
    file.push("</sheetData></worksheet>");
    file.end();
  });
  return zip.finish();
}
