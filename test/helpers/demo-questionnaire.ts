import type { Page } from "playwright-core";
import { expect } from "vitest";

/** What the demo questionnaire shows in each language. */
export const demoTexts = {
  en: { title: "Home espresso machines 2026", aster: "Aster", birch: "Birch", home: "At home", thanks: "Thank you!" },
  "zh-CN": { title: "2026 家用意式咖啡机", aster: "紫菀", birch: "白桦", home: "在家", thanks: "谢谢！" },
} as const;
export type DemoLanguage = keyof typeof demoTexts;

/**
 * Ticks choices on the server-rendered first page (a plain form: the questionnaire library takes
 * over from the second page), each by a tap at the far right of its row, then "Next".
 */
export async function answerFirstPage(page: Page, labels: string[]) {
  // The plain first page, or the library's own first page when it took an untouched page over.
  await page.locator("[data-testid=first-page], .sd-root-modern").first().waitFor();
  for (const label of labels) await tapRowEnd(page.locator(":is([data-testid=first-page] .choice-row, .sd-page .sd-selectbase__label)", { hasText: label }));
  await page.locator(":is([data-testid=first-page-next], .sd-navigation__next-btn)").first().click();
  await page.locator(".sd-page__title").first().waitFor();
}

/**
 * Holds the questionnaire library back (as on a slow line) until `release()`: the plain,
 * server-rendered first page stays on screen for a test that examines it. Without it the
 * library takes an untouched first page over as soon as it arrives (app/respondent/first-page.ts).
 */
export async function holdLibrary(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/survey-app-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Taps a row 4 px from its right edge (the whole row is the target, not only its box and text). */
export async function tapRowEnd(row: ReturnType<Page["locator"]>) {
  const box = await row.boundingBox();
  if (!box) throw new Error("row not visible");
  await row.click({ position: { x: box.width - 4, y: box.height / 2 } });
}

/** Clicks score 8 on every rating question of the current page that has no answer yet; returns how many there are. */
export async function rateCurrentPage(page: Page): Promise<number> {
  const questions = page.locator(".sd-page .sd-question:has(.sd-rating__item)");
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    if ((await q.locator(".sd-rating__item--selected").count()) === 0) {
      await q.locator(".sd-rating__item").nth(7).click();
    }
  }
  return count;
}

/** Taps each field (on phones SurveyJS shows the label until the field is focused) and types. */
export async function typeInto(page: Page, selector: string, values: string[]) {
  const fields = page.locator(selector);
  for (const [i, value] of values.entries()) {
    await fields.nth(i).click();
    await page.keyboard.type(value);
  }
}

export async function waitSaved(page: Page) {
  await page.waitForFunction(() => document.querySelector("[data-testid=save-state]")?.getAttribute("data-state") === "saved");
}

/**
 * Completes the demo's rating questionnaire on an opened `/s/demo` page as a respondent would:
 * knows Aster and Birch, splits the points, rates every offer 8, bought Aster after considering
 * Birch, segment "at home".
 * `onFirstOfferPage` runs once the first offer page is rated (a screenshot, a reload...).
 */
export async function fillDemoQuestionnaire(page: Page, lang: DemoLanguage, hooks: { onFirstOfferPage?: () => Promise<void> } = {}) {
  const texts = demoTexts[lang];
  await page.locator(".study-title", { hasText: texts.title }).first().waitFor();

  // Screening (the server-rendered first page): knows the own offer and one competitor.
  await answerFirstPage(page, [texts.aster, texts.birch]);

  // Constant-sum weights and the quality/price split.
  await typeInto(page, '[data-name="weights_quality"] .sd-multipletext__item-container', ["30", "25", "15", "20", "10"]);
  await typeInto(page, '[data-name="weights_price"] .sd-multipletext__item-container', ["50", "30", "20"]);
  await typeInto(page, '[data-name="quality_share"] .sd-question__content', ["60"]);
  await expect.poll(() => page.locator('[data-name="weights_quality_total"]').innerText()).toContain("100");
  await page.locator(".sd-navigation__next-btn").click();

  // One page per known offer.
  expect(await rateCurrentPage(page)).toBe(10); // 5 quality + overall + 3 price + worth
  await hooks.onFirstOfferPage?.();
  await page.locator(".sd-navigation__next-btn").click();
  expect(await rateCurrentPage(page)).toBe(10);
  await page.locator(".sd-navigation__next-btn").click();

  // Last purchase, the profile question, then complete.
  await page.locator('[data-name="last_purchase"] .sd-selectbase__label', { hasText: texts.aster }).click();
  // The offers seriously considered besides the one bought (required once an offer is bought).
  const considered = page.locator('[data-name="considered_offers"]');
  await considered.waitFor();
  await considered.locator(".sd-selectbase__label", { hasText: texts.birch }).click();
  await page.locator(".sd-navigation__next-btn").click();
  await page.locator('[data-name="profile_segment"] .sd-selectbase__label', { hasText: texts.home }).click();
  await page.locator(".sd-navigation__complete-btn").click();
  await page.locator(".sd-completedpage", { hasText: texts.thanks }).waitFor();
  await waitSaved(page);
}
