import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/app-server";
import { consoleErrors, useServerAndBrowser } from "../helpers/report-browser";
import { makeTrackedDemo, openDemoReport } from "./report-fixture";

/**
 * The report as its readers get it, in Chromium on the tracked demo study, English and Chinese:
 * - at 320, 375, 768 and 1280 px no chart block scrolls sideways, the own offer's point is on
 *   the screen, every chart label has a contrast of at least 4.5:1 against what it is drawn on,
 *   and the takeaway is there with the page's own figures;
 * - printed by Chromium on A4, the PDF's text holds every column header and every row's first
 *   cell of every table on the page; the PDF download (printed by the server) starts with %PDF,
 *   has the same number of pages and the same headers and rows.
 * Screenshots for a person: test-results/reading/report-375-<lang>.png (the first screen at
 * 375 px) and report-pdf-page1-<lang>.png (the download's first page).
 */
const shots = path.resolve(import.meta.dirname, "../../test-results/reading");
/** The server prints at this viewport (app/lib/exports/export-pdf.server.ts PDF_VIEWPORT); the browser print below uses the same. */
const PRINT_VIEWPORT = { width: 800, height: 1100 };
const WIDTHS = [320, 375, 768, 1280] as const;
const LANGS = ["en", "zh-CN"] as const;

const env = useServerAndBrowser(makeTrackedDemo);
beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true });
});

/** Waits until every chart has been drawn at its box's width (after hydration). */
async function chartsMeasured(page: Page) {
  await page.waitForFunction(() => {
    const frames = [...document.querySelectorAll("[data-chart-frame]")];
    return frames.length >= 5 && frames.every((f) => f.hasAttribute("data-measured"));
  });
}

/** A number as the page writes it ("1,234.5" in both locales) -> 1234.5. */
const num = (text: string | null) => Number((text ?? "").replace(/,/g, "").trim());

/** WCAG contrast of every chart text against the fill under its centre (its halo when it has one). */
async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string): [number, number, number] | null => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return null;
      return [Number(m[1]), Number(m[2]), Number(m[3])];
    };
    const lum = ([r, g, b]: [number, number, number]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a: [number, number, number], b: [number, number, number]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    const bad: string[] = [];
    for (const svg of document.querySelectorAll("svg.chart")) {
      for (const text of svg.querySelectorAll("text")) {
        if (!text.textContent?.trim()) continue;
        const style = getComputedStyle(text);
        const fill = rgb(style.fill);
        if (!fill) continue;
        let background: [number, number, number] | null = null;
        const halo = rgb(style.stroke);
        if (halo && parseFloat(style.strokeWidth) >= 2 && style.paintOrder.startsWith("stroke")) background = halo;
        if (!background) {
          text.scrollIntoView({ block: "center" });
          const box = text.getBoundingClientRect();
          const under = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          for (const el of under) {
            if (el === text || !(el instanceof SVGGeometryElement) || el.closest("svg") !== svg || el.tagName === "line" || el.tagName === "polyline") continue;
            const f = rgb(getComputedStyle(el).fill);
            if (f) {
              background = f;
              break;
            }
          }
        }
        const ratio = contrast(fill, background ?? [255, 255, 255]);
        if (ratio < 4.5) bad.push(`${svg.id} "${text.textContent}" ${ratio.toFixed(2)}`);
      }
    }
    return bad;
  });
}

describe("the report at every width", () => {
  for (const lang of LANGS) {
    for (const width of WIDTHS) {
      it(`${width} px, ${lang}: charts fit their blocks, the own offer is on screen, labels contrast, the takeaway quotes the page`, async () => {
        const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: lang, hasTouch: width < 800 });
        const problems = consoleErrors(context);
        const page = await context.newPage();
        try {
          await openDemoReport(page, env.server.url, lang);
          await chartsMeasured(page);

          // No chart block scrolls sideways; each chart is exactly as wide as its block.
          const frames = await page.$$eval("[data-chart-frame]", (list) =>
            list.map((f) => {
              const box = f.querySelector(".chart-box")!;
              const svg = f.querySelector("svg.chart")!.getBoundingClientRect();
              const frame = f.getBoundingClientRect();
              return {
                id: f.getAttribute("data-chart-frame"),
                overflow: Math.max(f.scrollWidth - f.clientWidth, box.scrollWidth - box.clientWidth),
                svgRight: svg.right - frame.right,
                svgLeft: frame.left - svg.left,
              };
            }),
          );
          expect(frames.map((f) => f.id).sort()).toEqual(["head-to-head", "importance", "quadrant", "timeline", "value-map", "what-who"]);
          for (const f of frames) {
            expect(f.overflow, `${f.id} scrolls sideways`).toBeLessThanOrEqual(0);
            expect(f.svgRight, `${f.id} right edge`).toBeLessThanOrEqual(1);
            expect(f.svgLeft, `${f.id} left edge`).toBeLessThanOrEqual(1);
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

          // Each filter shows its chosen option whole, not cut off by a narrow box; so do all the
          // fixed choices of the flagged-responses and fair-value-line filters.
          const cut = await page.$$eval(".report-filters select", (selects) =>
            selects.flatMap((element) => {
              const select = element as HTMLSelectElement;
              const style = getComputedStyle(select);
              const context = document.createElement("canvas").getContext("2d")!;
              context.font = style.font;
              // The room left of the drop-down arrow (about 20 px wide).
              const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
              const shown = ["flagged", "line"].includes(select.name) ? [...select.options] : [...select.selectedOptions];
              return shown.filter((option) => context.measureText(option.text).width > room).map((option) => `${select.name}: ${option.text}`);
            }),
          );
          expect(cut).toEqual([]);

          // The own offer's point is within the screen's width.
          const own = await page.locator('#value-map g[data-own="true"] circle.marker').boundingBox();
          expect(own).not.toBeNull();
          expect(own!.x).toBeGreaterThanOrEqual(0);
          expect(own!.x + own!.width).toBeLessThanOrEqual(width);

          // Every chart label reads at 4.5:1 or better.
          expect(await lowContrastTexts(page)).toEqual([]);

          // The takeaway, with the figures of the page: quality and price in % from 100, the value score.
          const takeaway = page.getByTestId("takeaway");
          await takeaway.scrollIntoViewIfNeeded();
          const sentences = await takeaway.locator("[data-topic]").count();
          expect(sentences).toBeGreaterThanOrEqual(2);
          expect(sentences).toBeLessThanOrEqual(4);
          const q = num(await page.getByTestId("score-q").textContent());
          const rp = num(await page.getByTestId("score-rp").textContent());
          const v = await page.getByTestId("score-v").textContent();
          expect(num(await takeaway.locator('strong[data-figure="quality"]').first().textContent())).toBe(Math.round(Math.abs(q - 100)));
          expect(num(await takeaway.locator('strong[data-figure="price"]').first().textContent())).toBe(Math.round(Math.abs(rp - 100)));
          expect(await takeaway.locator('strong[data-figure="value"]').first().textContent()).toBe(v);
          const words = await takeaway.innerText();
          expect(words).toMatch(lang === "en" ? /above the market average|below the market average/ : /比市场平均/);

          if (width === 375) {
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: path.join(shots, `report-375-${lang}.png`) });
            await page.getByTestId("takeaway").screenshot({ path: path.join(shots, `takeaway-375-${lang}.png`) });
            await page.locator('[data-chart-frame="value-map"]').screenshot({ path: path.join(shots, `value-map-375-${lang}.png`) });
          }
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it("keyboard: Tab reaches each point of the value map and its figures show next to it", async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en" });
    const page = await context.newPage();
    try {
      await openDemoReport(page, env.server.url, "en");
      await chartsMeasured(page);
      await page.locator("#value-map g.point").first().focus();
      const tip = page.getByTestId("map-tooltip");
      await expect.poll(() => tip.isVisible()).toBe(true);
      const [tipBox, frameBox] = await Promise.all([tip.boundingBox(), page.locator('[data-chart-frame="value-map"]').boundingBox()]);
      // Inside the map's block, not under it.
      expect(tipBox!.y + tipBox!.height).toBeLessThanOrEqual(frameBox!.y + frameBox!.height);
      expect(tipBox!.x).toBeGreaterThanOrEqual(0);
      expect(tipBox!.x + tipBox!.width).toBeLessThanOrEqual(375);
      expect(await tip.innerText()).toMatch(/n = \d+/);
    } finally {
      await context.close();
    }
  });

  it("shows that it is working while a filter applies, without reloading the page", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const page = await context.newPage();
    try {
      await openDemoReport(page, env.server.url, "en");
      await chartsMeasured(page);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      // Hold the data request (Remix's single fetch: /studies/1/report.data?...) a moment so the working state can be seen.
      await page.route(/\/report\.data\?/, async (route) => {
        await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      });
      await page.selectOption('select[name="line"]', "parity");
      await page.click('[data-testid="report-filters"] button[type="submit"]');
      await expect.poll(() => page.getByTestId("report-working").isVisible()).toBe(true);
      expect(await page.getByTestId("report-working").innerText()).toContain("Computing the report");
      await expect.poll(() => page.getAttribute("#value-map", "data-line")).toBe("parity");
      await expect.poll(() => page.getByTestId("report-working").isVisible()).toBe(false);
      // The same document: no full page load happened.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    } finally {
      await context.close();
    }
  });
});

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
}
const squash = (s: string) => s.replace(/\s+/g, "");
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe("print and PDF", () => {
  for (const lang of LANGS) {
    it(`A4 print holds every column and every row of every table; the PDF download has the same pages (${lang})`, async () => {
      const context = await env.browser.newContext({ viewport: PRINT_VIEWPORT, locale: lang });
      const page = await context.newPage();
      try {
        await openDemoReport(page, env.server.url, lang);
        await chartsMeasured(page);
        await page.emulateMedia({ media: "print" });
        // Every table the printed page shows: its column headers and each row's first cell.
        const tables = await page.$$eval("table", (list) =>
          list
            .filter((t) => t.getClientRects().length > 0 && !t.closest("details"))
            .map((t) => ({
              id: t.getAttribute("data-testid") ?? t.closest("[data-section]")?.getAttribute("data-section") ?? "?",
              headers: [...t.querySelectorAll("thead th")].map((th) => (th as HTMLElement).innerText.trim()).filter(Boolean),
              rows: [...t.querySelectorAll("tbody tr")].map((tr) => (tr.children[0] as HTMLElement | undefined)?.innerText.trim() ?? "").filter(Boolean),
            })),
        );
        expect(tables.length).toBeGreaterThanOrEqual(6);
        expect(tables.find((t) => t.id === "map-table")?.rows.length).toBe(3);
        const printed = await page.pdf({ format: "A4", printBackground: true });
        const printedFile = path.join(shots, `report-print-${lang}.pdf`);
        fs.writeFileSync(printedFile, printed);
        const text = squash(pdfText(printedFile));
        for (const table of tables) {
          for (const header of table.headers) expect(text, `${table.id} header "${header}"`).toContain(squash(header));
          for (const row of table.rows) expect(text, `${table.id} row "${row}"`).toContain(squash(row));
        }
        // Page headers: the study and the filters in words on the pages.
        expect(text).toContain(squash(lang === "en" ? "Home espresso machines 2026" : "2026 家用意式咖啡机"));
        expect(text).toContain(squash(lang === "en" ? "flagged responses left out" : "排除被标记的答卷"));

        // The same report printed by the server.
        const client = new Client(env.server.url);
        await client.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
        if (lang === "zh-CN") await client.form("/lang", { locale: "zh-CN", next: "/studies" });
        const res = await client.request("/studies/1/report/export/report.pdf");
        expect(res.status).toBe(200);
        expect(res.headers.get("Content-Type")).toBe("application/pdf");
        expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="home-espresso-machines-2026-report-\d{4}-\d{2}-\d{2}\.pdf"$/);
        const download = Buffer.from(await res.arrayBuffer());
        expect(download.subarray(0, 5).toString()).toBe("%PDF-");
        const downloadFile = path.join(shots, `report-download-${lang}.pdf`);
        fs.writeFileSync(downloadFile, download);
        expect(pageCount(download)).toBe(pageCount(printed));
        const downloaded = squash(pdfText(downloadFile));
        for (const table of tables) {
          for (const header of table.headers) expect(downloaded, `download: ${table.id} header "${header}"`).toContain(squash(header));
          for (const row of table.rows) expect(downloaded, `download: ${table.id} row "${row}"`).toContain(squash(row));
        }
        execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", downloadFile, path.join(shots, `report-pdf-page1-${lang}`)]);
      } finally {
        await context.close();
      }
    });
  }
});
