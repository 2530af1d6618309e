import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { signInAsDemo, switchTo, watchErrors } from "../helpers/researcher-browser";

/**
 * The scenario page in Chromium (built app, demo study 1): at 1280 and 375 px, in English and
 * Chinese, an editor creates two scenarios in the page's editor (a rating change with a
 * competitor response, and a price cut), saves them, and compares them side by side: two maps
 * with arrows, what moves in words, the shares of preference. The in-browser validation speaks
 * the page's language; nothing scrolls sideways. Screenshots for a person in
 * test-results/scenarios/.
 */
let server: AppServer;
let browser: Browser;
const SHOTS = "test-results/scenarios";

/** Fills change row `index` of the editor. */
async function fillChange(page: Page, index: number, offer: string, target: string, mode: string, amount: string) {
  await page.selectOption(`select[name="changes[${index}].offer"]`, offer);
  await page.selectOption(`select[name="changes[${index}].target"]`, target);
  await page.selectOption(`select[name="changes[${index}].mode"]`, mode);
  await page.fill(`input[name="changes[${index}].amount"]`, amount);
}

/** Saves the editor's scenario and waits for the page it redirects to; returns the scenario's id. */
async function save(page: Page): Promise<number> {
  const before = new URL(page.url()).searchParams.get("saved");
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get("saved") !== null && u.searchParams.get("saved") !== before),
    page.click('[data-testid="save-scenario"]'),
  ]);
  await page.locator('[data-testid="scenario-notice"]').waitFor();
  return Number(/saved=(\d+)/.exec(page.url())![1]);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("scenarios in Chromium", () => {
  for (const [width, lang] of [
    [1280, "en"],
    [375, "en"],
    [1280, "zh-CN"],
    [375, "zh-CN"],
  ] as const) {
    it(`creates, saves and compares two scenarios at ${width} px in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signInAsDemo(page, server.url, "/studies");
      await switchTo(page, lang);
      await page.goto(`${server.url}/studies/1/scenarios`);
      await page.locator('[data-testid="scenario-editor"]').waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.locator("h1").innerText()).toContain(lang === "en" ? "Scenarios" : "情景分析");

      // In-browser validation, in the page's language, before anything is sent.
      await fillChange(page, 0, "aster", "reliability", "delta", "12");
      await page.locator('input[name="changes[0].amount"]').blur();
      await expect
        .poll(() => page.locator('[data-testid="change-0"] .error').allInnerTexts())
        .toEqual([lang === "en" ? "Points to add require a number from −9 to 9, other than 0." : "加分需要 −9 到 9 之间且不为 0 的数字。"]);

      // Scenario A: aster's reliability +2, and birch copies it.
      const a = `${lang} ${width} reliability`;
      await page.fill('input[name="name"]', a);
      await fillChange(page, 0, "aster", "reliability", "delta", "2");
      await page.click('[data-testid="add-response"]');
      await page.selectOption('select[name="respond[0].competitor"]', "birch");
      await page.selectOption('select[name="respond[0].copies"]', "aster");
      const idA = await save(page);
      expect(await page.locator(`[data-testid="scenario-s${idA}"] [data-testid="scenario-changes"] li`).count()).toBe(2);

      // Scenario B: aster's price cut by 10 % and cedar's service set to 8 (two changes).
      const b = `${lang} ${width} price cut`;
      await page.fill('input[name="name"]', b);
      await fillChange(page, 0, "aster", "price", "factor", "0.9");
      await page.click('[data-testid="add-change"]');
      await fillChange(page, 1, "cedar", "service", "value", "8");
      const idB = await save(page);

      // Compare exactly A and B.
      for (const box of await page.locator('input[type="checkbox"][name="compare"]').all()) await box.setChecked(false);
      await page.locator(`li[data-saved="${a}"] input[name="compare"]`).check();
      await page.locator(`li[data-saved="${b}"] input[name="compare"]`).check();
      await Promise.all([page.waitForURL(new RegExp(`compare=${idA}`)), page.click('[data-testid="compare-button"]')]);
      const cards = page.locator('[data-testid="scenario-grid"] > article');
      await expect.poll(() => cards.count()).toBe(2);
      await page.locator('[data-section="compare"]').screenshot({ path: `${SHOTS}/compare-${width}-${lang}.png` });
      const first = (await cards.nth(0).boundingBox())!;
      const second = (await cards.nth(1).boundingBox())!;
      if (width >= 1000) {
        expect(Math.abs(first.y - second.y), "side by side").toBeLessThan(2);
        expect(second.x).toBeGreaterThan(first.x + first.width - 1);
      } else {
        expect(second.y, "one under the other").toBeGreaterThanOrEqual(first.y + first.height - 1);
      }
      // A's map: three base points, three scenario points, and arrows where points moved.
      const mapA = page.locator(`[data-testid="scenario-s${idA}"] svg[data-chart="scenario-map"]`);
      expect(await mapA.locator("circle.base-marker").count()).toBe(3);
      expect(await mapA.locator("g.point").count()).toBe(3);
      expect(await mapA.locator("line[data-arrow]").count()).toBeGreaterThan(0);
      const words = await page.locator(`[data-testid="scenario-s${idA}"] [data-testid="scenario-words"]`).innerText();
      expect(words).toContain(lang === "en" ? "relative quality Q" : "相对质量 Q");
      // B's price cut on a price-satisfaction map: the price moves, the map says so in words.
      expect(await page.locator(`[data-testid="scenario-s${idB}"] [data-testid="scenario-changes"]`).innerText()).toContain("549.00 → 494.10");
      expect(await page.locator(`[data-testid="scenario-s${idA}"] [data-testid="scenario-shares"] tbody tr`).count()).toBe(3);
      // Keyboard: the own offer's scenario point shows its figures in the tooltip.
      await mapA.locator('g.point[data-offer="aster"]').focus();
      await expect.poll(() => page.locator(`[data-chart-frame="scenario-map-s${idA}"] .chart-tip`).innerText()).toContain("→");

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width} ${lang}`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `${SHOTS}/scenarios-${width}-${lang}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
