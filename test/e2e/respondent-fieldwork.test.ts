import fs from "node:fs";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";

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

function db<T>(fn: (d: Database.Database) => T): T {
  const d = new Database(server.databaseFile);
  d.pragma("busy_timeout = 5000");
  try {
    return fn(d);
  } finally {
    d.close();
  }
}

const texts = {
  en: { aster: "Aster", birch: "Birch", onlyBought: "I only considered what I bought", reliability: "Reliability", taste: "Coffee taste", purchase: "Purchase price", running: "Running costs", home: "At home", office: "In a small office", thanks: "Thank you!", sumError: "total of 100", full: "this group is full", closed: "This questionnaire is closed", offline: "Offline: your answers are kept on this phone" },
  "zh-CN": { aster: "紫菀", birch: "白桦", onlyBought: "我只考虑过最终买的那一个", reliability: "可靠性", taste: "咖啡口感", purchase: "购买价格", running: "使用成本", home: "在家", office: "在小型办公室", thanks: "谢谢！", sumError: "合计须为 100", full: "本组已结束", closed: "本问卷已关闭", offline: "离线：您的回答已保存在本机" },
} as const;
type Lang = keyof typeof texts;

async function phone(lang: Lang, width = 375): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 812 },
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

/** "Next" on the server-rendered first page or on the questionnaire library's pages. */
const next = (page: Page) => page.locator(".sd-navigation__next-btn, [data-testid=first-page-next]").first().click();
/** A choice row of the first page (a plain form) or of the library's pages. */
const choose = (page: Page, question: string, text: string) =>
  page.locator(`[data-name="${question}"] :is(.sd-selectbase__label, .choice-row)`, { hasText: text }).click();
const fill = async (page: Page, question: string, value: string) => {
  const input = page.locator(`[data-name="${question}"] input`);
  await input.click();
  await input.fill(value);
};
async function typeInto(page: Page, selector: string, values: string[]) {
  const fields = page.locator(selector);
  for (const [i, value] of values.entries()) {
    await fields.nth(i).click();
    await page.keyboard.type(value);
  }
}
const state = (page: Page) => page.getByTestId("save-state").getAttribute("data-state");
const overflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** Clicks a score on every rating of the current page; the first rating gets "don't know" when asked. */
async function rateCurrentPage(page: Page, dontKnowFirst = false): Promise<number> {
  const questions = page.locator(".sd-page .sd-question:has(.sd-rating__item)");
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const items = questions.nth(i).locator(".sd-rating__item");
    await items.nth(dontKnowFirst && i === 0 ? 10 : 6).click();
  }
  return count;
}

async function screeningAndWeights(page: Page, lang: Lang) {
  await choose(page, "known_offers", texts[lang].aster);
  await choose(page, "known_offers", texts[lang].birch);
  await next(page);
  await page.locator('[data-name="weights_quality"]').waitFor();
  await typeInto(page, '[data-name="weights_quality"] .sd-multipletext__item-container', ["30", "25", "15", "20", "10"]);
  await typeInto(page, '[data-name="weights_price"] .sd-multipletext__item-container', ["50", "30", "20"]);
  await fill(page, "quality_share", "60");
  await next(page);
}

const responseOf = (clientId: string) =>
  db((d) => d.prepare("select id, status, screen_reason, answers_json, device_id from responses where client_id = ?").get(clientId)) as
    | { id: number; status: string; screen_reason: string | null; answers_json: string; device_id: string | null }
    | undefined;
const clientIdIn = (page: Page, key = "valuemap:demo:responseId") => page.evaluate((k) => localStorage.getItem(k), key);

describe("respondent fieldwork at 375x812 (Chromium)", () => {
  it.each(["en", "zh-CN"] as const)("fills the focus-group stage (%s) and the server stores weights per attribute, the split and a suggestion", async (lang) => {
    const { context, page, errors } = await phone(lang);
    await page.goto(`${server.url}/s/demo?stage=focus-group`);
    await page.locator('[data-name="matters_quality"]').waitFor();
    for (const t of [texts[lang].reliability, texts[lang].taste]) await choose(page, "matters_quality", t);
    for (const t of [texts[lang].purchase, texts[lang].running]) await choose(page, "matters_price", t);
    await next(page);
    await fill(page, "suggestion_1", "Noise level");
    await fill(page, "suggestion_1_points", "10");
    await next(page);
    await fill(page, "points_reliability", "60");
    await fill(page, "points_taste", "30");
    await fill(page, "points_purchase", "70");
    await fill(page, "points_running", "30");
    await next(page);
    // 60 + 30 = 90: the page refuses to go on and says why.
    await page.locator(".sd-question__erbox", { hasText: texts[lang].sumError }).first().waitFor();
    await fill(page, "points_taste", "40");
    await next(page);
    await fill(page, "quality_share", "55");
    await page.locator(".sd-navigation__complete-btn").click();
    await page.locator(".sd-completedpage", { hasText: texts[lang].thanks }).waitFor();
    await expect.poll(() => state(page)).toBe("saved");
    const id = await clientIdIn(page, "valuemap:demo:fg:responseId");
    const row = responseOf(id!)!;
    expect(row.status).toBe("complete");
    const weights = db((d) => d.prepare("select attribute_code as a, weight as w from response_weights where response_id = ? order by attribute_code").all(row.id));
    expect(weights).toEqual([
      { a: "design", w: 0 },
      { a: "ease", w: 0 },
      { a: "purchase", w: 70 },
      { a: "reliability", w: 60 },
      { a: "running", w: 30 },
      { a: "service", w: 0 },
      { a: "taste", w: 40 },
      { a: "terms", w: 0 },
    ]);
    expect(db((d) => d.prepare("select text, weight from response_suggestions where response_id = ?").all(row.id))).toEqual([
      { text: "Noise level", weight: 10 },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("keeps answering offline, syncs every answer when back online, resumes after closing, submits once", async () => {
    const { context, page, errors } = await phone("en");
    await page.goto(`${server.url}/s/demo`);
    await page.locator('[data-name="known_offers"]').waitFor();
    await screeningAndWeights(page, "en");
    await expect.poll(() => state(page)).toBe("saved");

    // The network goes down on the first offer page: answering goes on, the state says offline.
    await context.setOffline(true);
    expect(await rateCurrentPage(page, true)).toBe(10);
    await expect.poll(() => state(page)).toBe("offline");
    await expect.poll(() => page.getByTestId("save-state").innerText()).toContain(texts.en.offline);
    const firstOffer = await page.locator(".sd-page__title").first().innerText();
    await next(page);
    expect(await rateCurrentPage(page)).toBe(10);
    const local = await page.evaluate(() => JSON.parse(localStorage.getItem("valuemap:demo:snapshot") ?? "null"));
    const answered = Object.keys(local.answers).filter((k) => k.startsWith("rating_") || k.startsWith("overall_") || k.startsWith("worth_"));
    expect(answered).toHaveLength(20);

    // Back online: the queue syncs and the server holds every answer given offline.
    await context.setOffline(false);
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("saved");
    const id = (await clientIdIn(page))!;
    const stored = JSON.parse(responseOf(id)!.answers_json) as Record<string, unknown>;
    for (const key of answered) expect(stored[key], key).toEqual(local.answers[key]);
    expect(Object.values(stored)).toContain("dk");
    expect(responseOf(id)!.device_id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    // Close the tab and open the link again: same page, same answers.
    const page2Title = await page.locator(".sd-page__title").first().innerText();
    expect(page2Title).not.toBe(firstOffer);
    await page.close();
    const again = await context.newPage();
    await again.goto(`${server.url}/s/demo`);
    await again.locator(".sd-page__title", { hasText: page2Title }).first().waitFor();
    await expect.poll(() => again.locator(".sd-page .sd-rating__item--selected").count()).toBe(10);
    await next(again);
    await choose(again, "last_purchase", texts.en.aster);
    await choose(again, "considered_offers", texts.en.birch);
    await next(again);
    await choose(again, "profile_segment", texts.en.home);
    await again.locator(".sd-navigation__complete-btn").click();
    await again.locator(".sd-completedpage", { hasText: texts.en.thanks }).waitFor();
    await expect.poll(() => state(again)).toBe("saved");

    // Submitting twice stores one response.
    const second = await again.evaluate(async (responseId) => {
      // As the page sends it: with the page's proof.
      const proof = document.querySelector<HTMLElement>("[data-page-proof]")?.dataset.pageProof;
      const res = await fetch("/s/demo/responses", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ intent: "complete", responseId, answers: {}, proof }),
      });
      return res.json();
    }, id);
    expect(second).toMatchObject({ ok: true, outcome: "already-finished", status: "complete" });
    expect(db((d) => d.prepare("select count(*) as n from responses where client_id = ?").get(id))).toEqual({ n: 1 });
    const row = responseOf(id)!;
    expect(row.status).toBe("complete");
    const ratings = db((d) => d.prepare("select count(*) as n from response_ratings where response_id = ?").get(row.id)) as { n: number };
    expect(ratings.n).toBe(15); // 2 offers x 8 attributes, one "don't know"
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("screens the next respondent out politely when their quota cell is full (Chinese)", async () => {
    db((d) =>
      d
        .prepare(
          `insert into quotas (study_id, question_code, value, target)
           select 1, 'segment', 'office', count(*) from response_profile p join responses r on r.id = p.response_id
           where p.question_code = 'segment' and p.value = 'office' and r.status = 'complete'`,
        )
        .run(),
    );
    const { context, page, errors } = await phone("zh-CN");
    // The quota is removed whatever happens here: the later tests expect no quota.
    try {
      await page.goto(`${server.url}/s/demo`);
      await page.locator('[data-name="known_offers"]').waitFor();
      await choose(page, "known_offers", texts["zh-CN"].aster);
      await choose(page, "known_offers", texts["zh-CN"].birch);
      await next(page);
      // The segment carries a quota: it is asked right after the screening, before the long part
      // (the second page is drawn by the questionnaire library once it has loaded: wait for it).
      await page.locator('[data-name="profile_segment"]').waitFor();
      expect(await page.getByTestId("progress").innerText()).toBe("第 2 页，共 6 页");
      await choose(page, "profile_segment", texts["zh-CN"].office);
      await next(page);
      await page.getByTestId("quota-full").waitFor();
      expect(await page.getByTestId("quota-full").innerText()).toContain(texts["zh-CN"].full);
      await page.screenshot({ path: "test-results/respondent-quota-full-zh-CN.png" });
      const row = responseOf((await clientIdIn(page))!)!;
      expect([row.status, row.screen_reason]).toEqual(["screened_out", "quota_full"]);
      // Nothing else was asked: the answers stored are the screening and the segment.
      expect(JSON.parse(row.answers_json)).toEqual({ known_offers: ["aster", "birch"], profile_segment: "office" });
      // Reopening the link says the same, politely.
      await page.reload();
      await page.getByTestId("quota-full").waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      db((d) => d.prepare("delete from quotas where study_id = 1").run());
    }
  }, 90_000);

  it("never overflows the rating pages at 320 and 375 px", async () => {
    for (const width of [320, 375]) {
      const { context, page } = await phone("en", width);
      await page.goto(`${server.url}/s/demo`);
      await page.locator('[data-name="known_offers"]').waitFor();
      await screeningAndWeights(page, "en");
      await page.locator(".sd-rating__item").first().waitFor();
      expect(await overflow(page), `rating page at ${width}px`).toBeLessThanOrEqual(0);
      await rateCurrentPage(page, true);
      expect(await overflow(page), `answered rating page at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/respondent-ratings-${width}.png`, fullPage: true });
      await context.close();
    }
  }, 90_000);

  it("tells a new respondent politely that fieldwork is closed, in both languages", async () => {
    db((d) => d.prepare("update studies set fieldwork_closes_at = ? where id = 1").run(Date.now() - 1000));
    try {
      for (const lang of ["en", "zh-CN"] as const) {
        const { context, page } = await phone(lang);
        await page.goto(`${server.url}/s/demo`);
        await page.getByTestId("closed").waitFor();
        expect(await page.getByTestId("closed").innerText()).toContain(texts[lang].closed);
        await context.close();
      }
    } finally {
      db((d) => d.prepare("update studies set fieldwork_closes_at = null where id = 1").run());
    }
  }, 60_000);

  it("resumes a personal link on another device where the first one left off", async () => {
    const invite = "e2eInvitation-0123456789";
    db((d) => d.prepare("insert into respondent_invitations (study_id, token, label, created_at) values (1, ?, 'Ann', ?)").run(invite, Date.now()));
    const first = await phone("en");
    await first.page.goto(`${server.url}/s/demo?invite=${invite}`);
    await first.page.locator('[data-name="known_offers"]').waitFor();
    await screeningAndWeights(first.page, "en");
    await expect.poll(() => state(first.page)).toBe("saved");
    const title = await first.page.locator(".sd-page__title").first().innerText();
    const firstId = await clientIdIn(first.page, `valuemap:demo:i-${invite}:responseId`);
    await first.context.close();

    const other = await phone("en");
    await other.page.goto(`${server.url}/s/demo?invite=${invite}`);
    await other.page.locator(".sd-page__title", { hasText: title }).first().waitFor();
    expect(await clientIdIn(other.page, `valuemap:demo:i-${invite}:responseId`)).toBe(firstId);
    const rows = db((d) =>
      d.prepare("select count(*) as n from responses r join respondent_invitations i on i.id = r.invitation_id where i.token = ?").get(invite),
    );
    expect(rows).toEqual({ n: 1 });
    await other.context.close();

    // A wrong personal link is explained, not an error page.
    const stranger = await phone("zh-CN");
    await stranger.page.goto(`${server.url}/s/demo?invite=noSuchInvitation-000000`);
    await stranger.page.getByTestId("unknown-invitation").waitFor();
    expect(await stranger.page.getByTestId("unknown-invitation").innerText()).toContain("此专属链接无效");
    await stranger.context.close();
  }, 90_000);

  it("completes offline, and a completion the server never got is sent when the link is opened again", async () => {
    const { context, page, errors } = await phone("en");
    await page.goto(`${server.url}/s/demo`);
    await page.locator('[data-name="known_offers"]').waitFor();
    await screeningAndWeights(page, "en");
    for (let i = 0; i < 2; i++) {
      await rateCurrentPage(page);
      await next(page);
    }
    await choose(page, "last_purchase", texts.en.birch);
    await choose(page, "considered_offers", texts.en.onlyBought);
    await next(page);
    await choose(page, "profile_segment", texts.en.office);
    await context.setOffline(true);
    await page.locator(".sd-navigation__complete-btn").click();
    await page.locator(".sd-completedpage", { hasText: texts.en.thanks }).waitFor();
    await expect.poll(() => state(page)).toBe("offline");
    const id = (await clientIdIn(page))!;
    expect(responseOf(id)!.status).toBe("draft");
    await page.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${server.url}/s/demo`);
    await again.locator(".sd-completedpage", { hasText: texts.en.thanks }).waitFor();
    await expect.poll(() => responseOf(id)?.status, { timeout: 15_000 }).toBe("complete");
    await expect.poll(() => state(again)).toBe("saved");
    expect(await again.evaluate(() => localStorage.getItem("valuemap:demo:complete"))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
