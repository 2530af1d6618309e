import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { openDemoReport } from "./report-fixture";

/**
 * The segment comparison (issue 19) in Chromium, on the demo study (segment question "segment":
 * at home / in a small office): reached from the report's segment control, both segments' value
 * maps on the same axes (side by side at 1280 px, stacked at 375 px, no sideways scroll), and a
 * table of each segment's Q, RP and V per offer whose figures are the report's for that segment,
 * small segments marked. One server for the file.
 */
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900, lang: "en" as const },
  { name: "phone", width: 375, height: 800, lang: "zh-CN" as const },
];

/** The tick labels of a map's two axes (its axis titles and point labels left out). */
async function ticks(page: Page, id: string): Promise<string[]> {
  return page.evaluate((svgId) => [...document.querySelectorAll(`#${svgId} text`)].filter((t) => /^\d+$/.test((t.textContent ?? "").trim())).map((t) => t.textContent!.trim()), id);
}

describe("segment comparison", () => {
  for (const viewport of VIEWPORTS) {
    it(`two segments' maps on the same axes and their Q, RP, V table (${viewport.name}, ${viewport.lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: viewport.lang });
      const page = await context.newPage();
      try {
        await openDemoReport(page, server.url, viewport.lang);
        await Promise.all([page.waitForURL(/\/studies\/1\/report\/segments/), page.click('[data-testid="compare-segments"]')]);
        await page.locator('[data-section="segment-maps"]').waitFor();
        await page.waitForFunction(() => [...document.querySelectorAll("[data-chart-frame]")].every((f) => f.hasAttribute("data-measured")));
        expect(await page.getAttribute("html", "lang")).toBe(viewport.lang);
        expect(await page.locator("h1").textContent()).toContain(viewport.lang === "en" ? "Segment comparison" : "细分对比");

        // Both maps, the same axes.
        const home = await ticks(page, "value-map-home");
        const office = await ticks(page, "value-map-office");
        expect(home.length).toBeGreaterThan(4);
        expect(office).toEqual(home);

        // Side by side on a desktop, stacked on a phone; never wider than the page.
        const a = (await page.locator('[data-segment="home"].segment-map').boundingBox())!;
        const b = (await page.locator('[data-segment="office"].segment-map').boundingBox())!;
        if (viewport.width >= 1000) {
          expect(Math.abs(a.y - b.y)).toBeLessThan(2);
          expect(b.x).toBeGreaterThanOrEqual(a.x + a.width - 1);
        } else {
          expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
          expect(b.width).toBeLessThanOrEqual(viewport.width);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

        // The table: 2 segments x 3 offers, every Q with its interval.
        const rows = page.locator('[data-testid="segment-table"] tbody tr');
        expect(await rows.count()).toBe(6);
        const q = (await page.locator('[data-testid="segment-table"] tr[data-segment="home"][data-offer="aster"] [data-figure="q"]').textContent())!.trim();
        const intervals = await page.locator('[data-testid="segment-table"] tr[data-segment="home"][data-offer="aster"] td').allTextContents();
        expect(intervals.some((c) => / – /.test(c))).toBe(true);
        const small = await page.locator('[data-testid="segment-table"] .small-n').count();
        const ns = await page.locator("figcaption [data-n]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-n"))));
        expect(ns).toHaveLength(2);
        if (ns.some((n) => n < 30)) expect(small).toBeGreaterThan(0);

        // The attribute gaps: one row per attribute, a cell per segment, the test named, the
        // mark exactly on cells with p < 0.05.
        expect(await page.locator('[data-testid="gap-test-name"]').textContent()).toContain("Welch");
        const gapRows = page.locator('[data-testid="segment-gaps"] tbody tr');
        expect(await gapRows.count()).toBeGreaterThan(4);
        const cells = await page.locator('[data-testid="segment-gaps"] td[data-p]').evaluateAll((els) =>
          els.map((e) => ({ p: Number(e.getAttribute("data-p")), marked: (e.textContent ?? "").includes("✱"), significant: e.getAttribute("data-significant") })),
        );
        expect(cells.length).toBe((await gapRows.count()) * 2);
        for (const c of cells) expect(c.marked).toBe(c.p < 0.05);

        // Looked at by hand: test-results/report-segments-<viewport>.png
        await page.screenshot({ path: `test-results/report-segments-${viewport.name}.png`, fullPage: true });

        // The same Q as the report filtered to the segment.
        await page.goto(`${server.url}/studies/1/report?segment=segment:home`);
        expect((await page.locator('[data-testid="score-q"]').textContent())!.trim()).toBe(q);
      } finally {
        await context.close();
      }
    });
  }
});
