import fs from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { answerFirstPage, rateCurrentPage, typeInto, waitSaved } from "../helpers/demo-questionnaire";

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  fs.mkdirSync("test-results", { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const texts = {
  en: {
    title: "Home espresso machines 2026",
    aster: "Aster",
    birch: "Birch",
    cedar: "Cedar",
    onlyBought: "I only considered what I bought",
    home: "At home",
    thanks: "Thank you!",
    respondents: /(\d+) complete responses/,
  },
  "zh-CN": {
    title: "2026 家用意式咖啡机",
    aster: "紫菀",
    birch: "白桦",
    cedar: "雪松",
    onlyBought: "我只考虑过最终买的那一个",
    home: "在家",
    thanks: "谢谢！",
    respondents: /(\d+) 份完整答卷/,
  },
} as const;
type Lang = keyof typeof texts;

async function reportCount(context: BrowserContext, lang: Lang): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${server.url}/studies/1/report`);
  if (page.url().includes("/signin")) {
    await page.fill("#email", "demo@valuemap.example");
    await page.fill("#password", "valuemap-demo-2026");
    await Promise.all([page.waitForURL(/\/report$/), page.click("form:has(#email) button[type=submit]")]);
  }
  const text = await page.getByTestId("respondents").innerText();
  await page.close();
  const match = texts[lang].respondents.exec(text);
  if (!match) throw new Error(`respondent count not found in "${text}"`);
  return Number(match[1]);
}

async function fillQuestionnaire(lang: Lang) {
  // A phone's User-Agent: headless Chromium announces itself as HeadlessChrome, a bot for isbot.
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    locale: lang,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE_USER_AGENT,
  });
  const before = await reportCount(context, lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The Content-Security-Policy must not block anything SurveyJS or Remix needs.
  const cspViolations: string[] = [];
  context.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${server.url}/s/demo`);
  await page.locator(".study-title", { hasText: texts[lang].title }).first().waitFor();

  // Screening (the server-rendered first page): knows the own offer and one competitor.
  await answerFirstPage(page, [texts[lang].aster, texts[lang].birch]);

  // Constant-sum weights and the quality/price split.
  await typeInto(page, '[data-name="weights_quality"] .sd-multipletext__item-container', ["30", "25", "15", "20", "10"]);
  await typeInto(page, '[data-name="weights_price"] .sd-multipletext__item-container', ["50", "30", "20"]);
  await typeInto(page, '[data-name="quality_share"] .sd-question__content', ["60"]);
  await expect.poll(() => page.locator('[data-name="weights_quality_total"]').innerText()).toContain("100");
  await page.locator(".sd-navigation__next-btn").click();

  // First offer page, then close the tab half-way (a reload) and come back.
  const rated = await rateCurrentPage(page);
  expect(rated).toBe(10); // 5 quality + overall + 3 price + worth
  const pageTitle = await page.locator(".sd-page__title").first().innerText();
  await waitSaved(page);
  await page.screenshot({ path: `test-results/respondent-${lang}-375.png`, fullPage: false });
  await page.reload();
  await page.locator(".sd-page__title", { hasText: pageTitle }).first().waitFor();
  await expect.poll(() => page.locator(".sd-page .sd-rating__item--selected").count()).toBe(10);

  await page.locator(".sd-navigation__next-btn").click();
  expect(await rateCurrentPage(page)).toBe(10);
  await page.locator(".sd-navigation__next-btn").click();

  // Last purchase with the other offers seriously considered (required once an offer is bought:
  // the page does not pass without it; the bought offer is not listed), the profile question, then complete.
  await page.locator('[data-name="last_purchase"] .sd-selectbase__label', { hasText: texts[lang].aster }).click();
  const considered = page.locator('[data-name="considered_offers"]');
  await considered.waitFor();
  // Offers in the respondent's own order, the exclusive answer last.
  const listed = await considered.locator(".sd-selectbase__label").allInnerTexts();
  expect([...listed.slice(0, -1)].sort()).toEqual([texts[lang].birch, texts[lang].cedar].sort());
  expect(listed.at(-1)).toBe(texts[lang].onlyBought);
  await page.locator(".sd-navigation__next-btn").click();
  await considered.locator(".sd-question__erbox").first().waitFor();
  await considered.locator(".sd-selectbase__label", { hasText: texts[lang].birch }).click();
  await page.locator(".sd-navigation__next-btn").click();
  await page.locator('[data-name="profile_segment"] .sd-selectbase__label', { hasText: texts[lang].home }).click();
  await page.locator(".sd-navigation__complete-btn").click();
  await page.locator(".sd-completedpage", { hasText: texts[lang].thanks }).waitFor();
  await waitSaved(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);

  // Reopening the link does not start a second response.
  await page.reload();
  await page.getByTestId("already-done").waitFor();

  expect(await reportCount(context, lang)).toBe(before + 1);
  expect(cspViolations).toEqual([]);
  await context.close();
}

describe("respondent page at 375x812", () => {
  it("fills half, resumes after a reload, completes once and the report's n grows by one (English)", async () => {
    await fillQuestionnaire("en");
  }, 90_000);

  it("does the same in Simplified Chinese", async () => {
    await fillQuestionnaire("zh-CN");
  }, 90_000);
});
