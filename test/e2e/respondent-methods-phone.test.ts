/**
 * Issue 19 on a phone (Chromium, 375 px, English and Chinese): a rating questionnaire with
 * MaxDiff for quality (3 attributes, 3 per task: 3 tasks) and the price research block (0..100
 * EUR, likelihoods, ladder 10..50 starting at 30). The respondent answers every MaxDiff task
 * (the same attribute as most and least important is refused in place), the four prices (a
 * bargain price below the too-cheap one is refused in place), the likelihoods and the adaptive
 * ladder (yes at 30, so 40 is asked; no at 40); nothing scrolls sideways, every choice row is
 * at least 44 px tall, and completion stores the tasks, prices and ladder answers.
 */
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { answerFirstPage, rateCurrentPage, typeInto, waitSaved } from "../helpers/demo-questionnaire";
import { createStudy, publish } from "../app/respondent-study";
import { withServerDb } from "../app/server-db";
import { study } from "../surveys/fixtures";

let server: AppServer;
let browser: Browser;
let token: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  const methods = StudyMethodsSchema.parse({
    importance: { rating: { quality: "maxdiff" } },
    priceResearch: { currency: "EUR", min: 0, max: 100, likelihoods: true, ladder: [10, 20, 30, 40, 50] },
  });
  token = await withServerDb(server, async (db) => {
    const created = await createStudy(db);
    await publish(db, created.studyId, "rating", { ...study, methods });
    return created.token;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const texts = {
  en: {
    alpha: "Alpha Rail",
    beta: "Beta Bus",
    task: (n: number) => `What matters most? (${n} of 3)`,
    different: /requires another item/,
    pay: "What would you pay for Alpha Rail?",
    thanks: /Thank you/,
  },
  "zh-CN": {
    alpha: "阿尔法铁路",
    beta: "贝塔巴士",
    task: (n: number) => `什么最重要？（第 ${n} 组，共 3 组）`,
    different: /不同/,
    pay: "您愿意为阿尔法铁路支付多少？",
    thanks: /谢谢/,
  },
} as const;

const next = (page: Page) => page.locator(".sd-navigation__next-btn").click();
const title = (page: Page) => page.locator(".sd-page__title").first().innerText();

/** Ticks the n-th choice of a question (again if a tap landed while the question was still appearing). */
async function choose(question: ReturnType<Page["locator"]>, n: number) {
  await expect
    .poll(async () => {
      await question.locator(".sd-selectbase__label").nth(n).click();
      return question.locator(".sd-item--checked").count();
    })
    .toBe(1);
}

/** Nothing wider than the phone, and every choice row of the page a 44 px target. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const rows = await page.locator(".sd-page .sd-selectbase__label").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  for (const h of rows) expect(h).toBeGreaterThanOrEqual(44);
}

describe("MaxDiff and the price block on a phone (issue 19)", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`375 px, ${lang}: MaxDiff tasks, the four prices, the likelihoods and the ladder, stored on completion`, async () => {
      const t = texts[lang];
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: lang, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/s/${token}?lang=${lang}`);
      await answerFirstPage(page, [t.alpha, t.beta]);

      // Price weights and the quality share (quality is asked by MaxDiff: no quality points).
      expect(await page.locator('[data-name="weights_quality"]').count()).toBe(0);
      await typeInto(page, '[data-name="weights_price"] .sd-multipletext__item-container', ["80", "20"]);
      await typeInto(page, '[data-name="quality_share"] .sd-question__content', ["70"]);
      await next(page);

      for (const task of [1, 2, 3]) {
        await expect.poll(() => title(page)).toBe(t.task(task));
        await fitsPhone(page);
        const most = page.locator(`[data-name="maxdiff_quality_${task}_most"] .sd-selectbase__label`);
        const least = page.locator(`[data-name="maxdiff_quality_${task}_least"] .sd-selectbase__label`);
        expect(await most.count()).toBe(3);
        expect(await least.count()).toBe(3);
        await most.nth(0).click();
        if (task === 1) {
          // The same attribute as least important is refused in place.
          await least.nth(0).click();
          await next(page);
          await expect.poll(() => page.locator(".sd-question__erbox").first().innerText()).toMatch(t.different);
          expect(await title(page)).toBe(t.task(1));
        }
        await least.nth(2).click();
        await next(page);
      }

      // One page per known offer.
      for (let i = 0; i < 2; i++) {
        expect(await rateCurrentPage(page)).toBeGreaterThan(0);
        await next(page);
      }

      // Van Westendorp's four prices: out of order is refused in place, then accepted.
      await expect.poll(() => title(page)).toBe(t.pay);
      await fitsPhone(page);
      const price = async (name: string, value: string) => {
        await page.locator(`[data-name="${name}"] .sd-question__content`).click();
        await page.keyboard.press("Control+A");
        await page.keyboard.type(value);
      };
      await price("price_too_cheap", "20");
      await price("price_cheap", "15");
      await price("price_expensive", "35");
      await price("price_too_expensive", "60");
      await next(page);
      await expect.poll(() => page.locator('[data-name="price_cheap"] .sd-question__erbox').innerText()).not.toBe("");
      await expect.poll(() => title(page)).toBe(t.pay);
      await price("price_too_cheap", "5");
      await next(page);

      // The likelihoods at the respondent's own cheap and expensive prices.
      await fitsPhone(page);
      await choose(page.locator('[data-name="price_likely_cheap"]'), 0);
      await choose(page.locator('[data-name="price_likely_expensive"]'), 3);
      await next(page);

      // The ladder starts in the middle (30): yes, so 40 is asked; no there.
      await fitsPhone(page);
      const rung = (n: number) => page.locator(`[data-name="price_ladder_${n}"]`);
      expect(await rung(3).isVisible()).toBe(true);
      expect(await rung(4).isVisible()).toBe(false);
      await choose(rung(3), 0);
      await rung(4).waitFor();
      await choose(rung(4), 1);
      await next(page);
      const purchase = page.locator('[data-name="last_purchase"]');
      await purchase.waitFor({ timeout: 5000 }).catch(async () => {
        throw new Error(`not on the purchase page: ${await title(page)} | ${await page.locator(".sd-question__erbox").allInnerTexts()}`);
      });

      // Last purchase, then complete.
      await page.locator('[data-name="last_purchase"] .sd-selectbase__label', { hasText: t.alpha }).click();
      const considered = page.locator('[data-name="considered_offers"]');
      if (await considered.isVisible()) await considered.locator(".sd-selectbase__label", { hasText: t.beta }).click();
      await page.locator(".sd-navigation__complete-btn").click();
      await page.locator(".sd-completedpage").filter({ hasText: t.thanks }).waitFor();
      await waitSaved(page);

      const stored = await withServerDb(server, async (db) => {
        const [response] = await db.rows<{ id: number }>(
          sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id join studies s on s.id = q.study_id
              where s.public_token = ${token} and r.status = 'complete' and r.locale = ${lang}`,
        );
        const id = response!.id;
        return {
          tasks: await db.rows<{ task: number }>(sql`select task from response_maxdiff where response_id = ${id} order by task`),
          prices: await db.rows(sql`select too_cheap as "tooCheap", cheap, expensive, too_expensive as "tooExpensive" from response_prices where response_id = ${id}`),
          ladder: await db.rows<{ price: number; buy: number | boolean }>(sql`select price, buy from response_gabor_granger where response_id = ${id} order by price`),
        };
      });
      expect(stored.tasks.map((r) => r.task)).toEqual([1, 2, 3]);
      expect(stored.prices).toEqual([{ tooCheap: 5, cheap: 15, expensive: 35, tooExpensive: 60 }]);
      expect(stored.ladder.map((r) => [r.price, Boolean(r.buy)])).toEqual([
        [30, true],
        [40, false],
      ]);
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
