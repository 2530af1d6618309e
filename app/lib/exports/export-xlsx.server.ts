import { neutralise, type Cell } from "./export-cells.server";
import { ZipWriter } from "./export-zip.server";

export interface Sheet {
  title: string;
  header: readonly string[];
  rows: Iterable<readonly Cell[]>;
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

function rowXml(rowNumber: number, cells: readonly Cell[], columns: string[], style = 0): string {
  let xml = `<row r="${rowNumber}">`;
  const s = style ? ` s="${style}"` : "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    const ref = `${columns[i] ?? columnName(i)}${rowNumber}`;
    if (typeof cell === "number") {
      if (Number.isFinite(cell)) xml += `<c r="${ref}"${s}><v>${cell}</v></c>`;
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

const CONTENT_TYPES = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from(
    { length: n },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("")}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * An XLSX workbook (Office Open XML SpreadsheetML, hand-written, zipped with Node's zlib): one sheet
 * per table, the header row bold and frozen, text as inline strings (neutralised against formula
 * injection), numbers as numbers. Rows are deflated as they are iterated (export-zip.server.ts).
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
    file.push(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>` +
        rowXml(1, sheet.header, columns, 1),
    );
    let r = 2;
    for (const row of sheet.rows) file.push(rowXml(r++, row, columns));
    file.push("</sheetData></worksheet>");
    file.end();
  });
  return zip.finish();
}
