import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { chartTexts, consoleErrors, expectTextsInside, REPORT_VIEWPORTS, useServerAndBrowser, type Box } from "../helpers/report-browser";
import { makeTrackedDemo, openDemoReport } from "./report-fixture";

/**
 * The report in Chromium at desktop (1280x900) and phone (375x812) size, in English and Chinese,
 * on the demo study with a segment question and two waves: every section shows, no chart label
 * overlaps another or leaves its chart, the page never scrolls sideways, switching the
 * fair-value line or the segment redraws the map, a tap on a point shows its figures. Full-page
 * screenshots go to test-results/ (looked at by hand).
 */
const shots = path.resolve(import.meta.dirname, "../../test-results");

const SECTIONS = ["scores", "value-map", "profiles", "head-to-head", "won-lost", "timeline", "what-who", "importance", "quadrant", "difference"];
const CHARTS = ["value-map", "head-to-head", "timeline", "importance", "what-who", "quadrant"];

const env = useServerAndBrowser(makeTrackedDemo);
beforeAll(() => {
  fs.mkdirSync(shots, { recursive: true });
});

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

async function mapMarkup(page: Page): Promise<string> {
  return page.locator("#value-map").evaluate((el) => el.outerHTML);
}

describe("report in Chromium", () => {
  for (const viewport of REPORT_VIEWPORTS) {
    for (const lang of ["en", "zh-CN"] as const) {
      it(`shows every section, with labels clear of each other and of the chart edges (${viewport.name}, ${lang})`, async () => {
        const context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: lang });
        const problems = consoleErrors(context, /Content Security Policy/i);
        const page = await context.newPage();
        try {
          await openDemoReport(page, env.server.url, lang, "?bubbles=1");
          await page.waitForLoadState("networkidle");
          expect(await page.getAttribute("html", "lang")).toBe(lang);
          for (const section of SECTIONS) await expect.poll(() => page.locator(`[data-section="${section}"]`).isVisible(), { timeout: 5000 }).toBe(true);
          for (const chart of CHARTS) {
            const svg = page.locator(`svg#${chart}[data-chart="${chart}"]`);
            expect(await svg.count(), chart).toBe(1);
            const measured = await chartTexts(page, chart);
            expect(measured.texts.length, chart).toBeGreaterThan(3);
            expectTextsInside(chart, measured);
          }
          // Offer labels and zone names on the map never overlap each other.
          const { labels } = await chartTexts(page, "value-map");
          expect(labels.length).toBe(5); // three offers, two zone names
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `${labels[i]!.text} / ${labels[j]!.text}`).toBeLessThan(1);
          }
          // The page itself never scrolls sideways; wide charts scroll inside their box.
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          await page.screenshot({ path: path.join(shots, `report-${viewport.name}-${lang}.png`), fullPage: true });
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it("redraws the map when the fair-value line or the segment changes, and shows a point's figures on tap", async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en", hasTouch: true });
    const page = await context.newPage();
    try {
      await openDemoReport(page, env.server.url, "en");
      await page.waitForLoadState("networkidle");
      const before = await mapMarkup(page);
      const everyone = await page.getByTestId("respondents").innerText();
      expect(await page.getAttribute("#value-map", "data-line")).toBe("weights");

      await page.selectOption('select[name="line"]', "parity");
      await Promise.all([page.waitForURL(/line=parity/), page.click('[data-testid="report-filters"] button[type="submit"]')]);
      await expect.poll(() => page.getAttribute("#value-map", "data-line")).toBe("parity");
      const parity = await mapMarkup(page);
      expect(parity).not.toBe(before);
      expect(await page.getAttribute("#value-map", "data-slope")).toBe("1.0000");

      await page.selectOption('select[name="segment"]', "channel:online");
      await Promise.all([page.waitForURL(/segment=channel%3Aonline/), page.click('[data-testid="report-filters"] button[type="submit"]')]);
      await expect.poll(() => page.getByTestId("respondents").innerText()).not.toBe(everyone);
      const online = await mapMarkup(page);
      expect(online).not.toBe(parity);
      // The line choice survived the segment change (one GET form).
      expect(await page.getAttribute("#value-map", "data-line")).toBe("parity");

      // Tap a point: its figures and n appear.
      expect(await page.getByTestId("map-tooltip").isVisible()).toBe(false);
      await page.locator('#value-map g[data-offer="aster"] circle.marker').tap();
      const tip = page.getByTestId("map-tooltip");
      await expect.poll(() => tip.isVisible()).toBe(true);
      const text = await tip.innerText();
      expect(text).toContain("Aster");
      expect(text).toMatch(/n = \d+/);
      expect(text).toMatch(/95% interval [\d.]+ to [\d.]+/);
      await page.screenshot({ path: path.join(shots, "report-phone-en-tooltip.png") });
    } finally {
      await context.close();
    }
  });

  it("prints as a clean multi-page PDF: no navigation or filters, charts kept whole, black on white", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const page = await context.newPage();
    try {
      await openDemoReport(page, env.server.url, "en");
      await page.waitForLoadState("networkidle");
      await page.emulateMedia({ media: "print" });
      for (const hidden of [".study-nav", '[data-testid="report-filters"]', ".site-header"]) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      const styles = await page.evaluate(() => {
        const svg = document.getElementById("value-map")!;
        const section = svg.closest("[data-section]")!;
        return {
          breakInside: getComputedStyle(section).breakInside,
          svgBreak: getComputedStyle(svg).breakInside,
          color: getComputedStyle(document.body).color,
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
      expect(styles).toEqual({ breakInside: "avoid", svgBreak: "avoid", color: "rgb(0, 0, 0)", background: "rgb(255, 255, 255)" });
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      fs.writeFileSync(path.join(shots, "report-print.pdf"), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(2);
    } finally {
      await context.close();
    }
  });
});
