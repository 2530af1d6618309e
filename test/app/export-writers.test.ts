import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutralise } from "../../app/lib/exports/export-cells.server";
import { BOM, csvField, csvText } from "../../app/lib/exports/export-csv.server";
import { columnName, sheetTitles, xlsxWorkbook } from "../../app/lib/exports/export-xlsx.server";
import { MARKUP, PAYLOADS, parseCsv } from "./export-csv-read";
import { darkPixels, decodePng, pngHeader } from "./export-png-decode";
import { exportFontFiles, svgToPng } from "../../app/lib/exports/png.server";

describe("formula neutralising", () => {
  it("prefixes an apostrophe to text starting with = + - @ tab or CR, and leaves other text alone", () => {
    for (const p of PAYLOADS) expect(neutralise(p)).toBe(`'${p}`);
    for (const safe of ["Aster", "100", "a=b", " =1", "紫菀", ...MARKUP]) expect(neutralise(safe)).toBe(safe);
  });
});

describe("CSV", () => {
  it("starts with a UTF-8 BOM, quotes per RFC 4180, writes numbers with a dot and neutralises headers and cells", () => {
    const text = csvText(["=name", "value"], [
      ['He said "hi", then left\r\nnext', 1.5],
      ["紫菀", -2],
      ...PAYLOADS.map((p) => [p, null]),
      [MARKUP[0]!, Number.NaN],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(["'=name", "value"]);
    expect(rows[1]).toEqual(['He said "hi", then left\r\nnext', "1.5"]);
    expect(rows[2]).toEqual(["紫菀", "-2"]);
    PAYLOADS.forEach((p, i) => expect(rows[3 + i]).toEqual([`'${p}`, ""]));
    expect(rows[3 + PAYLOADS.length]).toEqual([MARKUP[0], ""]);
    expect(csvField(-2.5)).toBe("-2.5");
    expect(csvField(1234567.25)).toBe("1234567.25");
  });
});

describe("XLSX", () => {
  it("reads back in ExcelJS: sheets by title, numbers as numbers, text neutralised, header included", async () => {
    const bytes = xlsxWorkbook([
      { title: "Quality profile", header: ["Attribute", "=Weight", "Ratio"], rows: [["可靠性", 30, 1.125], ["<b>x</b> & y", 70.5, null]] },
      { title: "Payloads", header: ["text"], rows: [...PAYLOADS.map((p) => [p]), ...MARKUP.map((m) => [m])] },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Quality profile", "Payloads"]);
    const q = workbook.getWorksheet("Quality profile")!;
    expect(q.getRow(1).values).toEqual([undefined, "Attribute", "'=Weight", "Ratio"]);
    expect(q.getCell("A2").value).toBe("可靠性");
    expect(q.getCell("B2").value).toBe(30);
    expect(q.getCell("C2").value).toBe(1.125);
    expect(q.getCell("A3").value).toBe("<b>x</b> & y");
    expect(q.getCell("B3").value).toBe(70.5);
    expect(q.getCell("C3").value).toBeNull();
    const p = workbook.getWorksheet("Payloads")!;
    PAYLOADS.forEach((payload, i) => {
      const cell = p.getCell(`A${i + 2}`);
      expect(cell.value).toBe(`'${payload}`);
      expect(cell.formula).toBeUndefined();
    });
    MARKUP.forEach((m, i) => expect(p.getCell(`A${PAYLOADS.length + i + 2}`).value).toBe(m));
  });

  it("a sheet larger than one compression piece (4 MB of XML) reads back whole", async () => {
    const pad = "x".repeat(300);
    const rows = Array.from({ length: 20_000 }, (_, i) => [i, `respondent ${i} 紫菀 ${pad}`, i / 7, i % 3 === 0 ? null : -i]);
    const bytes = xlsxWorkbook([{ title: "Big", header: ["id", "label", "x", "y"], rows }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Big")!;
    expect(sheet.rowCount).toBe(20_001);
    for (const i of [0, 1, 9_999, 15_001, 19_999]) {
      expect(sheet.getRow(i + 2).values).toEqual([undefined, i, `respondent ${i} 紫菀 ${pad}`, i / 7, ...(i % 3 === 0 ? [] : [-i])]);
    }
  });

  it("names columns A..Z, AA.. and makes sheet titles Excel accepts", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(sheetTitles(["a/b:c", "A/B:C", "x".repeat(40), "'quoted'", ""])).toEqual(["a b c", "A B C 2", "x".repeat(31), "quoted", "Sheet5"]);
  });
});

describe("PNG rendering", () => {
  const svg = (label: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60" font-family="'DejaVu Sans', 'Noto Sans CJK SC', sans-serif">` +
    `<rect width="200" height="60" fill="#fff"/><text x="10" y="40" font-size="28" fill="#000">${label}</text></svg>`;
  const label = { x: 0, y: 0, w: 400, h: 120 };

  it("is a valid PNG at twice the SVG's size", async () => {
    const png = await svgToPng(svg("Aster"));
    expect(pngHeader(png)).toMatchObject({ width: 400, height: 120, bitDepth: 8 });
  });

  it("renders in a child process: an SVG on which resvg panics fails with a message and leaves this process running", async () => {
    // The value map of the merged demo once had a zone polygon 95,000 px out of its clip box,
    // on which resvg 2.6.2 panics and aborts its process (the server, before PNGs had their own).
    const panicking = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/resvg-panic.svg"), "utf8");
    await expect(svgToPng(panicking)).rejects.toThrow(/the PNG renderer failed/);
    expect(pngHeader(await svgToPng(svg("Aster")))).toMatchObject({ width: 400, height: 120 });
  });

  it("draws Chinese and Latin labels with the committed fonts, and nothing without them", async () => {
    const chinese = darkPixels(decodePng(await svgToPng(svg("紫菀咖啡机"))), label);
    const latin = darkPixels(decodePng(await svgToPng(svg("Aster Birch"))), label);
    const blank = darkPixels(decodePng(await svgToPng(svg(""))), label);
    const noFonts = darkPixels(decodePng(await svgToPng(svg("紫菀咖啡机"), { fontFiles: [] })), label);
    expect(blank).toBe(0);
    expect(noFonts).toBe(0);
    expect(chinese).toBeGreaterThan(500);
    expect(latin).toBeGreaterThan(300);
    // The CJK glyphs come from the CJK font: without it the Chinese label is blank.
    const latinOnly = exportFontFiles().filter((f) => !f.includes("CJK"));
    expect(darkPixels(decodePng(await svgToPng(svg("紫菀咖啡机"), { fontFiles: latinOnly })), label)).toBe(0);
  });
});
