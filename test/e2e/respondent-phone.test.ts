/**
 * Issue 15 on phones (Chromium, 320 and 375 px, English and Chinese): every tap counts (a tap at
 * the far right of a choice row toggles it, on the server-rendered first page and on the
 * library's pages), "Page n of m" is shown and right when pages are skipped, each new page opens
 * at its top with its heading focused and in view below the status bar, the phone's Back and
 * Forward move between pages with the answers kept, and an answer given before the questionnaire
 * library arrives is kept.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { holdLibrary, tapRowEnd } from "../helpers/demo-questionnaire";

let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const texts = {
  en: { aster: "Aster", birch: "Birch", cedar: "Cedar", page: (n: number, m: number) => `Page ${n} of ${m}`, weights: "What matters to you" },
  "zh-CN": { aster: "紫菀", birch: "白桦", cedar: "雪松", page: (n: number, m: number) => `第 ${n} 页，共 ${m} 页`, weights: "您看重什么" },
} as const;
type Lang = keyof typeof texts;

async function phone(lang: Lang, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: width === 320 ? 640 : 812 },
    locale: lang,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE_USER_AGENT,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

const progress = (page: Page) => page.getByTestId("progress").innerText();

/** The focused element is the page's heading, fully in view below the sticky status bar. */
async function headingFocusedInView(page: Page, title: string) {
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toBe(title);
  const where = await page.evaluate(() => {
    const bar = document.querySelector(".status-bar")!.getBoundingClientRect();
    const heading = document.activeElement!.getBoundingClientRect();
    return { barBottom: bar.bottom, top: heading.top, bottom: heading.bottom, height: window.innerHeight, heading: document.activeElement!.className };
  });
  expect(where.heading).toContain("sd-page__title");
  expect(where.top).toBeGreaterThanOrEqual(where.barBottom);
  expect(where.bottom).toBeLessThanOrEqual(where.height);
}

describe("respondent page on phones (issue 15)", () => {
  for (const width of [320, 375]) {
    for (const lang of ["en", "zh-CN"] as const) {
      it(`${width} px, ${lang}: row taps at the far right, "Page n of m", focused headings, Back and Forward`, async () => {
        const { context, page, errors } = await phone(lang, width);
        const t = texts[lang];
        const release = await holdLibrary(page);
        await page.goto(`${server.url}/s/demo`);
        await page.getByTestId("first-page").waitFor();
        // Before any answer: no offer pages counted, no "saved".
        expect(await progress(page)).toBe(t.page(1, 4));
        expect(await page.getByTestId("save-state").innerText()).toBe("");
        // The language switch is a target of at least 44 x 44 px.
        const switcher = (await page.getByTestId("lang-switch").boundingBox())!;
        expect(Math.min(switcher.width, switcher.height)).toBeGreaterThanOrEqual(44);

        // Server-rendered first page: a tap 4 px from a row's right edge ticks it, a second unticks it.
        const cedar = page.locator(".choice-row", { hasText: t.cedar });
        await tapRowEnd(cedar);
        expect(await cedar.locator("input").isChecked()).toBe(true);
        await tapRowEnd(cedar);
        expect(await cedar.locator("input").isChecked()).toBe(false);
        for (const name of [t.aster, t.birch]) await tapRowEnd(page.locator(".choice-row", { hasText: name }));
        // Two offers known: their two pages count (screening, weights, 2 offers, purchase, profile).
        expect(await progress(page)).toBe(t.page(1, 6));
        release();
        await page.getByTestId("first-page-next").click();
        await page.locator(".sd-page__title", { hasText: t.weights }).waitFor();
        expect(await progress(page)).toBe(t.page(2, 6));
        await headingFocusedInView(page, t.weights);
        // The library's pages are set in the page's own fonts (its theme names a font the fontless
        // stylesheet does not load: the browser's serif took over).
        const fonts = await page.evaluate(() => [".status-bar", ".sd-page__title", ".sd-question__title"].map((s) => getComputedStyle(document.querySelector(s)!).fontFamily));
        expect(new Set(fonts).size, fonts.join(" | ")).toBe(1);
        expect(fonts[0]).toMatch(/^system-ui/);

        // The phone's Back: the first page again (now the library's), with both ticks kept.
        await page.goBack();
        await expect.poll(() => progress(page)).toBe(t.page(1, 6));
        expect(await page.locator(".sd-item--checked").count()).toBe(2);
        expect(page.url()).toContain("/s/demo");
        // A tap at the far right of a library row ticks it too.
        const cedarRow = page.locator('[data-name="known_offers"] .sd-selectbase__label', { hasText: t.cedar });
        await tapRowEnd(cedarRow);
        await expect.poll(() => page.locator(".sd-item--checked").count()).toBe(3);
        expect(await progress(page)).toBe(t.page(1, 7));
        const rows = await page.locator(".sd-selectbase__label").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
        for (const h of rows) expect(h).toBeGreaterThanOrEqual(44);

        // Forward: back on the second page.
        await page.goForward();
        await expect.poll(() => progress(page)).toBe(t.page(2, 7));
        await headingFocusedInView(page, t.weights);
        expect(errors).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }

  it("keeps an answer given before the questionnaire library arrives (saved through the API, handed to the library)", async () => {
    const { context, page, errors } = await phone("en", 375);
    // Hold the library back until the answer is in.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let libraryRequested = false;
    await context.route(/\/assets\/survey-app-[^/]+\.js$/, async (route) => {
      libraryRequested = true;
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/s/demo`);
    await page.getByTestId("first-page").waitFor();
    for (const name of ["Aster", "Birch"]) await tapRowEnd(page.locator(".choice-row", { hasText: name }));
    await expect.poll(() => page.getByTestId("save-state").getAttribute("data-state")).toBe("saved");
    expect(await page.evaluate(() => typeof (window as unknown as { Survey?: unknown }).Survey)).toBe("undefined");
    expect(await page.locator(".sd-root-modern").count()).toBe(0);
    // The server holds the answer already.
    const id = await page.evaluate(() => localStorage.getItem("valuemap:demo:responseId"));
    const stored = () => {
      const d = new Database(server.databaseFile, { readonly: true });
      try {
        return JSON.parse((d.prepare("select answers_json from responses where client_id = ?").get(id) as { answers_json: string }).answers_json) as Record<string, unknown>;
      } finally {
        d.close();
      }
    };
    expect(stored().known_offers).toEqual(["aster", "birch"]);
    expect(libraryRequested).toBe(true);

    // The library arrives; "Next" goes on to the second page with the answers given before it.
    await page.getByTestId("first-page-next").click();
    release();
    await page.locator(".sd-page__title", { hasText: "What matters to you" }).waitFor();
    await page.goBack();
    await expect.poll(() => page.locator(".sd-item--checked").count()).toBe(2);
    // The offers are listed in the respondent's own order: compare as a set.
    expect((await page.locator(".sd-item--checked").allInnerTexts()).sort()).toEqual(["Aster", "Birch"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("gives an untouched first page to the library once it arrives: the same question, in place, no answer lost", async () => {
    const { context, page, errors } = await phone("en", 375);
    await page.goto(`${server.url}/s/demo`);
    // The library's own first page, with SurveyJS's markup, without any tap.
    await page.locator('.sd-root-modern [data-name="known_offers"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("first-page").count()).toBe(0);
    expect(await progress(page)).toBe(texts.en.page(1, 4));
    await tapRowEnd(page.locator('[data-name="known_offers"] .sd-selectbase__label', { hasText: "Aster" }));
    await expect.poll(() => page.locator(".sd-item--checked").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("keeps the plain first page for a respondent who has started on it, until Next", async () => {
    const { context, page, errors } = await phone("en", 375);
    await page.goto(`${server.url}/s/demo`);
    await page.getByTestId("first-page").waitFor();
    await tapRowEnd(page.locator(".choice-row", { hasText: "Aster" }));
    // Long enough for the library to arrive and settle: the started page is not swapped.
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /survey-app-[^/]+\.js$/.test(e.name)));
    await page.waitForTimeout(2500);
    expect(await page.getByTestId("first-page").count()).toBe(1);
    expect(await page.locator(".choice-row input:checked").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("says on the first page which question needs an answer, announced (role alert), and stays there", async () => {
    const { context, page } = await phone("zh-CN", 320);
    await holdLibrary(page);
    await page.goto(`${server.url}/s/demo`);
    await page.getByTestId("first-page").waitFor();
    await page.getByTestId("first-page-next").click();
    const error = page.getByTestId("first-page-error");
    expect(await error.innerText()).toBe("请回答此问题。");
    expect(await error.getAttribute("role")).toBe("alert");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("known_offers");
    expect(await page.getByTestId("first-page").count()).toBe(1);
    await context.close();
  }, 30_000);
});
