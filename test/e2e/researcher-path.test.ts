/**
 * Issue 17's researcher path in Chromium, from an empty account: the e-scooter study of the
 * issue (one own offer, three competitors, six quality and three price attributes, a segment with
 * a quota, both stages) designed through the page, both stages previewed in both languages
 * (nothing stored), published, the step list following; then an edit shows "unpublished
 * changes" and version 2 is published through the confirmation. It counts the submits and the
 * fields of the design (test-results/escooter-path.json): the issue counted 19 submits.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer, type Client } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { rawMessageKeys } from "../helpers/raw-message-keys";
import { signUp, withDb } from "../app/fieldwork-helpers";
import { PHONE_USER_AGENT } from "../helpers/app-server";
import { answerFirstPage, rateCurrentPage, tapRowEnd, typeInto } from "../helpers/demo-questionnaire";
import { DesignPage } from "./design-page";

let server: AppServer;
let browser: Browser;
let researcher: Client;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  researcher = await signUp(server, "escooter@example.com");
  fs.mkdirSync("test-results", { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Responses and questionnaire versions of the researcher's study (the server also holds the demo). */
const stored = () =>
  withDb(server, async (db) => {
    const study = sql`(select id from studies where title = 'E-scooters 2027')`;
    const [r] = await db.rows<{ n: number }>(sql`select count(*) as "n" from responses where questionnaire_id in (select id from questionnaires where study_id in ${study})`);
    const [q] = await db.rows<{ n: number }>(sql`select count(*) as "n" from questionnaires where study_id in ${study}`);
    return { responses: Number(r!.n), questionnaires: Number(q!.n) };
  });

const stepState = (page: Page, step: string) => page.locator(`[data-testid="study-steps"] li[data-step="${step}"]`).getAttribute("data-state");

describe("a new researcher designs, previews and publishes the e-scooter study", () => {
  it("takes the whole path with one submit per form, previews without storing, and republishes with a confirmation", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    await context.addCookies([{ name: "vm_session", value: researcher.cookie("vm_session")!, url: server.url }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    const design = new DesignPage(page);
    await page.goto(`${server.url}/studies`);
    const started = Date.now();

    const studyPath = await design.createStudy("E-scooters 2027");
    expect(await page.getByTestId("not-published").innerText()).toContain("Not published yet");
    expect(await page.getByTestId("fieldwork-state").innerText()).toBe("Not published yet");
    await design.details({ titleZh: "电动滑板车 2027" });
    await design.addOffers([{ name: "Kestrel K1", nameZh: "红隼 K1" }, { name: "Birch Ride" }, { name: "Volt Go" }, { name: "Lime S" }], 0);
    await design.addAttributes([
      { kind: "quality", name: "Range per charge" },
      { kind: "quality", name: "Ride comfort" },
      { kind: "quality", name: "Brakes" },
      { kind: "quality", name: "Waterproofing (IP rating)", nameZh: "防水性能" },
      { kind: "quality", name: "App and unlocking" },
      { kind: "quality", name: "Build quality" },
      { kind: "price", name: "Purchase price" },
      { kind: "price", name: "Battery replacement cost" },
      { kind: "price", name: "Insurance" },
    ]);
    await design.addChoiceQuestion("How do you mainly use your scooter?", "您主要如何使用滑板车？", [
      ["Commuting", "通勤"],
      ["Leisure", "休闲"],
      ["Deliveries", "送货"],
    ]);
    await design.saveQuotas("how_do_you_mainly_use_your_scooter", { 0: 60, 1: 40, 2: 20 });
    const designSubmits = design.submits;

    // Readable codes, one own offer.
    const codes = await page.locator("#attributes .code-field input").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(codes).toContain("battery_replacement_cost");
    expect(codes).toContain("waterproofing_ip_rating");
    expect(await page.getByTestId("offer-row").count()).toBe(4);
    expect(await page.locator("#offers .item-badge strong").count()).toBe(1);
    await expect.poll(() => stepState(page, "design")).toBe("done");
    await expect.poll(() => stepState(page, "rating")).toBe("now");

    // Preview both stages in both languages, at phone size and full size: nothing is sent or stored.
    const before = await stored();
    const sentToRespondentApi: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/s/")) sentToRespondentApi.push(r.url());
    });
    for (const [stage, lang, expected] of [
      ["rating", "en", "Kestrel K1"],
      ["rating", "zh-CN", "红隼 K1"],
      ["focus-group", "en", "Waterproofing (IP rating)"],
      ["focus-group", "zh-CN", "防水性能"],
    ] as const) {
      await page.goto(`${server.url}${studyPath}#preview`);
      await design.ready();
      await Promise.all([page.waitForURL(/\/preview\?/), page.getByTestId(`preview-${stage}-${lang}`).click()]);
      await page.getByTestId("preview-banner").waitFor();
      await page.locator(".sd-root-modern").waitFor();
      await expect.poll(() => page.getByTestId("preview-frame").innerText()).toContain(expected);
      expect(await page.getByTestId("preview-frame").getAttribute("data-frame")).toBe("phone");
      const width = await page.getByTestId("preview-frame").evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(375);
      // Answer the first page (every offer known; every attribute matters) and go on: still nothing leaves the browser.
      const labels = page.locator(".sd-root-modern .sd-item__control-label");
      for (let i = 0; i < (await labels.count()); i++) await labels.nth(i).click();
      await page.locator(".sd-navigation__next-btn").click();
      await page.locator(".sd-root-modern .sd-progress-buttons__list-element--passed, .sd-root-modern .sd-page").first().waitFor();
      await page.screenshot({ path: `test-results/preview-${stage}-${lang}-375.png` });
    }
    await page.goto(`${server.url}${studyPath}/preview?stage=rating&language=en&frame=full`);
    await page.locator(".sd-root-modern").waitFor();
    expect(await page.getByTestId("preview-frame").evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(800);
    expect(rawMessageKeys(await page.innerText("body"))).toEqual([]);
    expect(sentToRespondentApi).toEqual([]);
    expect(await stored()).toEqual(before);

    // Publish the focus group, then the rating questionnaire; the step list follows.
    await page.goto(`${server.url}${studyPath}`);
    await design.ready();
    const publishSubmitsFrom = design.submits;
    await design.publish("focusGroup");
    await expect.poll(() => stepState(page, "focusGroup")).toBe("done");
    await expect.poll(() => stepState(page, "adoptWeights")).toBe("waiting");
    await design.publish("rating");
    const publishSubmits = design.submits - publishSubmitsFrom;
    const minutes = (Date.now() - started) / 60_000;
    await expect.poll(() => page.getByTestId("rating-published").innerText()).toMatch(/Published version 1/);
    await expect.poll(() => stepState(page, "rating")).toBe("done");
    await expect.poll(() => stepState(page, "fieldwork")).toBe("now");
    expect(await page.getByTestId("fieldwork-state").innerText()).toBe("Fieldwork is open");
    expect(await stored()).toEqual({ responses: 0, questionnaires: 2 });

    // Codes are frozen now; an edit shows "unpublished changes" and the step says so.
    expect(await page.locator("#attributes .code-field.frozen").count()).toBe(9);
    const brakes = page.getByTestId("attribute-row").filter({ has: page.locator('input[value="Brakes"]') });
    await brakes.locator('[name="name"]').fill("Brakes and lights");
    await design.submit(brakes.locator("form.row-form button[type=submit]"));
    await expect.poll(() => page.getByTestId("unpublished-changes").innerText()).toContain("differs from version 1");
    await expect.poll(() => stepState(page, "rating")).toBe("changes");

    // Republishing shows what changed and makes version 2 only once confirmed.
    const box = page.getByTestId("publish-rating");
    await box.locator("summary").click();
    expect(await page.getByTestId("rating-changes").innerText()).toContain("attribute changed: Brakes and lights");
    expect(await box.locator(".confirm-body").innerText()).toContain("Publishing makes version 2");
    await design.submit(box.locator(".confirm-body button[type=submit]"));
    await expect.poll(() => page.getByTestId("rating-published").innerText()).toMatch(/Published version 2/);
    expect(await page.getByTestId("unpublished-changes").count()).toBe(0);
    await expect.poll(() => stepState(page, "rating")).toBe("done");
    await page.screenshot({ path: "test-results/escooter-design-1280.png", fullPage: true });

    // In Chinese the title is the Chinese one, and the move/step texts have no bare code.
    await page.goto(`${server.url}${studyPath}?lang=zh-CN`);
    expect(await page.locator("h1").innerText()).toBe("电动滑板车 2027");
    expect(await page.title()).toContain("电动滑板车 2027");
    expect(rawMessageKeys(await page.innerText("body"))).toEqual([]);

    // On a 375 px phone the whole design (row tables, choices, quotas) stays within the screen:
    // wide tables scroll inside their box, the page never sideways.
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, locale: "zh-CN" });
    await phone.addCookies([{ name: "vm_session", value: researcher.cookie("vm_session")!, url: server.url }]);
    const onPhone = await phone.newPage();
    await onPhone.goto(`${server.url}${studyPath}`);
    await new DesignPage(onPhone).ready();
    expect(await onPhone.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
    // New rows stack there as cards: every field of a new offer in view, the own-offer choice
    // and the code included (they sat beyond a sideways scroll of the table), each under its name.
    const newOffer = onPhone.getByTestId("new-offer-row").first();
    for (const field of [newOffer.locator('input[type="radio"]'), newOffer.getByLabel("代码 1")]) {
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    const names = await newOffer.locator("td[data-label]").evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, "::before").content));
    expect(names).toEqual(['"名称"', '"名称（中文）"', '"代码"', '"自有产品"']);
    await newOffer.screenshot({ path: "test-results/escooter-new-offer-375.png" });
    await phone.close();

    const counts = { submits: designSubmits + publishSubmits, designSubmits, publishSubmits, fields: design.fields, minutesByScript: Number(minutes.toFixed(2)), issueSubmitsBefore: 19 };
    fs.writeFileSync("test-results/escooter-path.json", JSON.stringify(counts, null, 2));
    console.log(`e-scooter path: ${counts.submits} submits (design ${designSubmits}, publishing ${publishSubmits}), ${design.fields} fields, ${counts.minutesByScript} min by script`);
    expect(counts.submits).toBeLessThanOrEqual(9);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

/**
 * Issue 15's researcher controls: "ask first" on a profile question and "one attribute, all
 * offers" set on the design page, published; a respondent on a phone then gets the question right
 * after the screening and one page per attribute holding every offer they know.
 */
describe("the researcher lays out the respondent's pages", () => {
  it("sets 'ask first' and 'one attribute, all offers', publishes, and the respondent's questionnaire follows", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    await context.addCookies([{ name: "vm_session", value: researcher.cookie("vm_session")!, url: server.url }]);
    const page = await context.newPage();
    const design = new DesignPage(page);
    await page.goto(`${server.url}/studies`);
    await design.createStudy("Layout study");
    await design.addOffers([{ name: "Aster Lane" }, { name: "Birch Row" }, { name: "Cedar Way" }], 0);
    await design.addAttributes([
      { kind: "quality", name: "Range" },
      { kind: "quality", name: "Brakes" },
      { kind: "price", name: "Price" },
    ]);
    await design.addChoiceQuestion("Where do you ride?", "您在哪里骑行？", [["In town", "城里"], ["Out of town", "城外"]], { askFirst: true });
    // Saved: the question's own form shows it ticked, and the study still lays out one offer per page.
    await expect.poll(() => page.getByTestId("profile-question").first().getByLabel(/Ask first/).isChecked()).toBe(true);
    expect(await page.getByTestId("layout-offer").isChecked()).toBe(true);
    await design.ratingLayout(/One attribute, all offers/);
    await expect.poll(() => page.locator("#ratingLayout .notice").innerText(), { timeout: 15_000 }).toBe("Saved.");
    await page.reload();
    await design.ready();
    expect(await page.getByTestId("layout-attribute").isChecked()).toBe(true);
    expect(await page.locator("#ratingLayout").innerText()).toContain("Each page rates one attribute for every offer the respondent knows");
    await design.publish("rating");
    await expect.poll(() => page.getByTestId("rating-published").innerText(), { timeout: 15_000 }).toMatch(/Published version 1/);
    // In Chinese the controls speak Chinese.
    await page.goto(`${server.url}${new URL(page.url()).pathname}?lang=zh-CN`);
    expect(await page.locator("#ratingLayout").innerText()).toContain("每页一个属性，所有产品");
    expect(await page.getByTestId("profile-question").first().innerText()).toContain("优先提问（在评分之前）");
    expect(rawMessageKeys(await page.innerText("body"))).toEqual([]);
    await page.locator("#profile").screenshot({ path: "test-results/layout-controls-question-zh.png" });
    await page.locator("#layout").screenshot({ path: "test-results/layout-controls-pages-zh.png" });
    await context.close();

    const [study] = await withDb(server, (db) => db.rows<{ token: string }>(sql`select public_token as "token" from studies where title = 'Layout study'`));
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en", isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
    const respondent = await phone.newPage();
    const errors: string[] = [];
    respondent.on("pageerror", (e) => errors.push(e.message));
    await respondent.goto(`${server.url}/s/${study!.token}`);
    const title = () => respondent.locator(".sd-page__title").first().innerText();
    // Knows Aster Lane and Cedar Way; the question marked "ask first" comes right after.
    await answerFirstPage(respondent, ["Aster Lane", "Cedar Way"]);
    await expect.poll(title).toBe("About you");
    expect(await respondent.locator('.sd-page [data-name="profile_where_do_you_ride"]').count()).toBe(1);
    // Screening, about you, weights, Range, Brakes, overall, Price, worth, purchase: nothing at the end.
    await expect.poll(() => respondent.getByTestId("progress").innerText()).toBe("Page 2 of 9");
    await tapRowEnd(respondent.locator('[data-name="profile_where_do_you_ride"] .sd-selectbase__label', { hasText: "In town" }));
    await respondent.locator(".sd-navigation__next-btn").click();
    await expect.poll(title).toBe("What matters to you");
    await typeInto(respondent, '[data-name="weights_quality"] .sd-multipletext__item-container', ["60", "40"]);
    await typeInto(respondent, '[data-name="quality_share"] .sd-question__content', ["70"]);
    await respondent.locator(".sd-navigation__next-btn").click();
    // One page per attribute, one rating per known offer (Birch Row is not shown).
    for (const attribute of ["Range", "Brakes"]) {
      await expect.poll(title).toContain(attribute);
      const code = attribute.toLowerCase();
      const shown = await respondent.locator(".sd-page .sd-question:has(.sd-rating__item)").evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));
      expect(shown.sort()).toEqual([`rating_aster_lane_${code}`, `rating_cedar_way_${code}`]);
      expect(await rateCurrentPage(respondent)).toBe(2);
      await respondent.locator(".sd-navigation__next-btn").click();
    }
    expect(errors).toEqual([]);
    await phone.close();
  }, 120_000);
});
