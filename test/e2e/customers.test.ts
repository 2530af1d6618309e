import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { fillDemoQuestionnaire } from "../helpers/demo-questionnaire";

/**
 * Customers' value end to end in Chromium: the researcher imports a transactions file, opens the
 * customers page, invites the top tier of the pyramid, two of those customers answer the
 * questionnaire from their personal links on their phones, and the report's value map is
 * filtered to that tier. Screenshots in test-results/customers/.
 */
let server: AppServer;
let browser: Browser;
let db: Db;
const shots = "test-results/customers";

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  db = await server.openDb();
  fs.mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await db?.close();
  await browser?.close();
  await server?.stop();
});

/**
 * 40 customers K01..K40, three purchases each in 2025 (120 rows, semicolon CSV with decimal
 * commas and day-first dates): customer k's margin grows with k, so the pyramid's platinum tier,
 * the top 5 % of 40 = 2 customers, is K39 and K40.
 */
function transactionsCsv(): string {
  const lines = ["Customer ID;Date;Amount;Margin"];
  for (let k = 1; k <= 40; k += 1) {
    const id = `K${String(k).padStart(2, "0")}`;
    for (const month of [1, 2, 3]) lines.push(`${id};1${k % 9}.0${month}.2025;${k * 10},50;${k * 3},25`);
  }
  return `${lines.join("\n")}\n`;
}

async function signIn(page: Page, next: string) {
  await page.goto(`${server.url}${next}`);
  if (page.url().includes("/signin")) {
    await page.fill("#email", "demo@valuemap.example");
    await page.fill("#password", "valuemap-demo-2026");
    await Promise.all([page.waitForURL((url) => url.pathname === next), page.click("form:has(#email) button[type=submit]")]);
  }
}

/** Answers the demo's rating questionnaire from a personal link on a phone, to the thank-you page. */
async function answerInvitation(token: string) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en", isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/s/demo?invite=${token}`);
  await fillDemoQuestionnaire(page, "en");
  expect(errors).toEqual([]);
  await context.close();
}

describe("customers (Chromium)", () => {
  it("imports transactions, invites the platinum tier, and filters the value map by that tier after two of them answer", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "/studies/1/customers");

    // Upload: the file streams to the server, which shows its header and first rows to map.
    const file = path.join(server.dataDir, "transactions.csv");
    fs.writeFileSync(file, transactionsCsv());
    await page.setInputFiles("#transactions-file", file);
    await Promise.all([page.waitForURL(/upload=/), page.click('[data-testid="upload-form"] button[type=submit]')]);
    const mapping = page.getByTestId("mapping-form");
    await mapping.waitFor();
    // The usual names are chosen already: Customer ID, Date, Amount, Margin.
    expect(await mapping.locator("select").first().inputValue()).toBe("Customer ID");
    await page.screenshot({ path: `${shots}/mapping-desktop.png`, fullPage: true });
    await Promise.all([page.waitForURL(/imported=120/), mapping.locator('button[value="import"]').click()]);
    await page.getByTestId("import-done").waitFor();
    expect(await page.getByTestId("import-done").innerText()).toContain("120 transactions imported");

    // The figures: 40 customers, platinum = 2.
    const platinum = page.locator('[data-testid="customers-pyramid"] tr[data-tier="platinum"] td').first();
    expect(await platinum.innerText()).toBe("2");
    expect(await page.getByTestId("customers-summary").innerText()).toContain("40 customers");
    await page.screenshot({ path: `${shots}/customers-desktop.png`, fullPage: true });

    // Invite the top tier (the form's first choice).
    await page.getByTestId("invite-form").locator("select").selectOption("tier:platinum");
    await page.getByTestId("invite-form").locator('button[value="invite"]').click();
    await expect.poll(() => page.getByTestId("invite-result").innerText().catch(() => "")).toContain("2 invitations created");
    const invitations = await db.rows<{ token: string; customerId: string }>(
      sql`select token, customer_id as "customerId" from respondent_invitations where customer_id is not null order by customer_id`,
    );
    expect(invitations.map((i) => i.customerId)).toEqual(["K39", "K40"]);

    // Both platinum customers answer from their links.
    await answerInvitation(invitations[0]!.token);
    await answerInvitation(invitations[1]!.token);

    // The report, filtered to the platinum tier: exactly their two responses.
    await page.goto(`${server.url}/studies/1/report`);
    await page.getByTestId("customer-filter").selectOption("tier:platinum");
    // Two quick phone answers may carry data-quality flags (speed): keep flagged responses in.
    await page.locator('[data-testid="report-filters"] select[name="flagged"]').selectOption("in");
    await Promise.all([page.waitForURL(/customer=tier%3Aplatinum/), page.locator('[data-testid="report-filters"] button[type=submit]').click()]);
    await expect.poll(() => page.getByTestId("respondents").innerText()).toMatch(/^2 of \d+ complete responses analysed/);
    await page.locator('[data-section="value-map"]').waitFor();
    await page.screenshot({ path: `${shots}/report-platinum-desktop.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("shows the customers page on a phone in Chinese without overflowing", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN", isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
    const page = await context.newPage();
    await signIn(page, "/studies/1/customers");
    if ((await page.getAttribute("html", "lang")) !== "zh-CN") {
      await page.click('header button[lang="zh-CN"]');
      await page.locator('html[lang="zh-CN"]').waitFor({ state: "attached" });
    }
    await page.getByTestId("customers-pyramid").waitFor();
    expect(await page.locator('[data-testid="customers-pyramid"] tr[data-tier="platinum"] th').innerText()).toBe("铂金");
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/customers-phone-zh.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
