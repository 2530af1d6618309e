import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { withDb } from "../app/fieldwork-helpers";
import { switchTo } from "../helpers/researcher-browser";

/**
 * Researcher forms in Chromium (issue 16): the same zod schema validates in the browser before
 * anything is sent (errors in place, in both languages), and a destructive one-button form asks
 * before it acts.
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

/** A new researcher signed up in a fresh page; counts the page's POSTs to `path`. */
async function researcher(email: string): Promise<{ page: Page; posts: (path: string) => number }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en" });
  const page = await context.newPage();
  const posted: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posted.push(new URL(r.url()).pathname);
  });
  await page.goto(`${server.url}/signup`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "correct horse battery");
  await Promise.all([page.waitForURL((u) => u.pathname === "/studies"), page.click('form:has(input[name="email"]) button[type=submit]')]);
  // Remix posts a form to the page's address, or to `<address>.data` when JavaScript runs.
  return { page, posts: (path) => posted.filter((p) => p === path || p === `${path}.data`).length };
}

/** Waits until Remix has hydrated the page (the forms validate in the browser from then on). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
}

describe("researcher forms in Chromium", () => {
  it("checks a new password in the browser, in place and in both languages, sending nothing", async () => {
    const { page, posts } = await researcher("browser-pw@example.com");
    await page.goto(`${server.url}/account/password`);
    for (const [lang, message] of [
      ["en", "Password requires 12 to 128 characters."],
      ["zh-CN", "密码须为 12 到 128 个字符。"],
    ] as const) {
      await switchTo(page, lang);
      await hydrated(page);
      await page.fill('input[name="currentPassword"]', "correct horse battery");
      await page.fill('input[name="newPassword"]', "short");
      await page.click('form#change-password button[type="submit"]');
      await expect.poll(() => page.locator('[id$="newPassword-error"]').innerText()).toBe(message);
      expect(await page.getAttribute('input[name="newPassword"]', "aria-invalid")).toBe("true");
    }
    expect(posts("/account/password")).toBe(0);
  });

  it("refuses a bad invitation email before sending, then revokes an invitation only after confirming", async () => {
    const { page, posts } = await researcher("browser-owner@example.com");
    await page.fill('input[name="title"]', "Browser study");
    await Promise.all([page.waitForURL(/\/studies\/\d+$/), page.click('form:has(input[name="title"]) button[type=submit]')]);
    const members = `${new URL(page.url()).pathname}/members`;
    await page.goto(server.url + members);
    await hydrated(page);
    await page.fill('form#invite input[name="email"]', "not-an-email");
    await page.click('form#invite button[type="submit"]');
    await expect.poll(() => page.locator("#invite-email-error").innerText()).toBe("Email requires a valid address.");
    expect(posts(members)).toBe(0);

    await page.fill('form#invite input[name="email"]', "colleague@example.com");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click('form#invite button[type="submit"]')]);
    await page.locator('[data-testid="invitation-link"]').waitFor();
    expect(await page.inputValue('form#invite input[name="email"]')).toBe("");

    const revoke = page.locator('[data-testid^="revoke-"]').first();
    await revoke.locator("summary").click();
    expect(await revoke.innerText()).toContain("The invitation link for colleague@example.com stops working at once.");
    expect(posts(members)).toBe(1);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), revoke.locator('button[name="intent"][value="revoke"]').click()]);
    await expect.poll(() => page.locator("text=Saved.").count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid^="revoke-"]').count()).toBe(0);
  });

  it("gives a new price row a cost group select (none on a quality row), saves it, and changes it on the saved row", async () => {
    const { page } = await researcher("cost-groups-browser@example.com");
    await page.fill('input[name="title"]', "Laundry");
    await Promise.all([page.waitForURL(/\/studies\/\d+$/), page.click('form:has(input[name="title"]) button[type=submit]')]);
    const studyId = Number(new URL(page.url()).pathname.split("/")[2]);
    await hydrated(page);
    const form = page.locator("#add-attributes");
    await form.locator('[name="rows[0].name"]').fill("Cleaning");
    expect(await form.getByTestId("new-cost-group").count()).toBe(0);
    await form.locator("button[name=__intent__]", { hasText: "Add a row" }).click();
    await form.locator('[name="rows[1].kind"]').selectOption("price");
    await form.locator('[name="rows[1].name"]').fill("Waiting");
    // The select appears once the row is a price row; the quality row still has none.
    await form.getByTestId("new-cost-group").selectOption("time");
    expect(await form.getByTestId("new-cost-group").count()).toBe(1);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), form.locator("button[type=submit]:not([name])").click()]);
    await page.waitForLoadState("networkidle");
    const groups = () =>
      withDb(server, async (db) => (await db.rows<{ code: string; cost_group: string }>(sql`select code, cost_group from attributes where study_id = ${studyId} order by sort`)).map((r) => `${r.code}:${r.cost_group}`));
    await expect.poll(groups).toEqual(["cleaning:money", "waiting:time"]);

    const saved = page.getByTestId("attribute-row").filter({ has: page.getByTestId("cost-group") });
    expect(await saved.count()).toBe(1);
    expect(await saved.getByTestId("cost-group").inputValue()).toBe("time");
    expect(await saved.innerText()).toContain("What the customer gives up: money, time, effort, or worry.");
    await saved.getByTestId("cost-group").selectOption("psychic");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), saved.locator("button[type=submit]", { hasText: "Save" }).click()]);
    await expect.poll(groups).toEqual(["cleaning:money", "waiting:psychic"]);
  });
});
