import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { signInAsDemo, switchTo, watchErrors } from "../helpers/researcher-browser";

/**
 * In Chromium: the researcher creates a read-only link on the share page (shown once), a
 * signed-out browser opens the shared report (value map drawn, filters work, no study links),
 * and after revocation the same address shows the polite not-found page. Screenshots of the
 * share page, the downloads panel and the shared report at 375 px in both languages go to
 * test-results/ for a person to look at.
 */
let server: AppServer;
let browser: Browser;
const SHOTS = "test-results/share";

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("shared report in Chromium", () => {
  let researcher: BrowserContext;
  let link = "";

  it("the researcher creates a link from the report's downloads panel; it is shown once", async () => {
    researcher = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const page = await researcher.newPage();
    const errors = watchErrors(page);
    await signInAsDemo(page, server.url, "/studies/1/report");
    await page.locator('[data-testid="export-panel"]').waitFor();
    // Charts (SVG, PNG), the workbook, 9 tables and the demo's 3 tool tables (quadrant, Best, Kotler),
    // 4 raw files, PDF (A4 and Letter), 4 labelled formats in 2 languages.
    expect(await page.locator('[data-testid="export-panel"] a[data-export]').count()).toBe(5 * 2 + 1 + 9 + 3 + 4 + 2 + 4 * 2);
    const png = await page.locator('a[data-export="value-map.png"]').getAttribute("href");
    expect(png).toMatch(/^\/studies\/1\/report\/export\/value-map\.png\?line=/);
    await Promise.all([page.waitForURL(/\/studies\/1\/share$/), page.click('[data-testid="share-manage"]')]);
    await Promise.all([page.waitForLoadState("load"), page.click('button[name="intent"][value="create"]')]);
    const url = await page.locator('[data-testid="share-url"]').innerText();
    expect(url).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]{43}$`));
    link = url;
    await expect.poll(() => page.locator('[data-testid="share-links"] tbody tr').count()).toBe(1);
    await page.reload();
    expect(await page.locator('[data-testid="share-url"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a signed-out browser sees the report through the link, desktop and 375 px, English and Chinese; filters change the map", async () => {
    for (const [width, lang] of [
      [1280, "en"],
      [375, "en"],
      [375, "zh-CN"],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(link);
      await switchTo(page, lang);
      await page.locator('[data-testid="value-map"]').waitFor();
      expect(await page.locator('[data-section]').count()).toBeGreaterThan(5);
      expect(await page.locator('a[href^="/studies"]').count()).toBe(0);
      expect(await page.locator('[data-testid="export-panel"] a[data-export]').count()).toBe(5 * 2 + 1 + 9 + 3 + 2);
      expect(await page.locator('a[data-export^="raw-"]').count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width} ${lang}`).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `${SHOTS}-report-${width}-${lang}.png`, fullPage: false });
      expect(errors).toEqual([]);
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.getAttribute('[data-testid="value-map"]', "data-line")).not.toBe("parity");
    await page.selectOption('[data-testid="line-select"]', "parity");
    await Promise.all([page.waitForURL(/line=parity/), page.click('[data-testid="report-filters"] button[type=submit]')]);
    await expect.poll(() => page.getAttribute('[data-testid="value-map"]', "data-line")).toBe("parity");
    await context.close();
  });

  it("after revocation the link shows the polite not-found page in both languages, and no report", async () => {
    const page = await researcher.newPage();
    await page.goto(`${server.url}/studies/1/share`);
    await switchTo(page, "zh-CN");
    await page.screenshot({ path: `${SHOTS}-page-zh-CN.png`, fullPage: true });
    // Revoking asks first: the button opens what will be lost and the confirming button.
    const revoke = page.locator('[data-testid^="revoke-link-"]').first();
    await revoke.locator("summary").click();
    await Promise.all([page.waitForLoadState("load"), revoke.locator('button[name="intent"][value="revoke"]').click()]);
    await expect.poll(() => page.locator('[data-testid="share-links"]').innerText()).toContain("已于");
    const visitor = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const shared = await visitor.newPage();
    const response = await shared.goto(link);
    expect(response?.status()).toBe(404);
    await shared.locator('[data-testid="share-not-found"]').waitFor();
    const text = await shared.locator('[data-testid="share-not-found"]').innerText();
    expect(text).toContain("This link does not open a report");
    expect(text).toContain("此链接无法打开报告");
    expect(await shared.locator('[data-testid="value-map"]').count()).toBe(0);
    await shared.screenshot({ path: `${SHOTS}-revoked-375.png` });
    await visitor.close();
  });

  it("the downloads panel at 375 px in Chinese fits the screen", async () => {
    const page = await researcher.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/studies/1/report`);
    await switchTo(page, "zh-CN");
    const panel = page.locator('[data-testid="export-panel"]');
    await panel.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await panel.screenshot({ path: `${SHOTS}-exports-375-zh-CN.png` });
    // Hidden when printing.
    await page.emulateMedia({ media: "print" });
    expect(await panel.isVisible()).toBe(false);
    await researcher.close();
  });
});
