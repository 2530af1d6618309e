import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";

// Markup typed by a researcher must reach every page as text, never as markup.
const TITLE = "<script>window.__xss = 'title'</script>Kettles";
const OWN = `<img src=x onerror="window.__xss = 'offer'">Ours`;
const RIVAL = "Rival</label><script>window.__xss = 'rival'</script>";
const QUALITY = "<b onmouseover=\"window.__xss = 'attribute'\">Speed</b>";
const PRICE = `Price"><svg onload="window.__xss = 'price'">`;
const RAW = ["<script>window.__xss", "<img src=x onerror", "<img src=\"x\"", "<b onmouseover", "<svg onload"];

let server: AppServer;
let browser: Browser;
let studyPath: string;
let token: string;
let owner: Client;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  owner = new Client(server.url);
  await owner.form("/signup", { email: "xss@example.com", password: "correct horse battery" });
  studyPath = (await owner.form("/studies", { title: TITLE })).headers.get("Location")!;
  await owner.form(studyPath, { intent: "addOffer", name: OWN, isOwn: "on" });
  await owner.form(studyPath, { intent: "addOffer", name: RIVAL });
  await owner.form(studyPath, { intent: "addAttribute", kind: "quality", name: QUALITY, description: QUALITY });
  await owner.form(studyPath, { intent: "addAttribute", kind: "quality", name: "Noise" });
  await owner.form(studyPath, { intent: "addAttribute", kind: "price", name: PRICE });
  await owner.form(studyPath, { intent: "publish" });
  const db = new Database(server.databaseFile, { readonly: true });
  token = (db.prepare("select public_token from studies where id = ?").get(Number(studyPath.split("/")[2])) as { public_token: string })
    .public_token;
  db.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  // The live DOM, serialised: text is escaped there, so a raw tag means a real element.
  const dom = await page.content();
  for (const raw of RAW) expect(dom, `the page holds an element from ${raw}`).not.toContain(raw);
}

describe("researcher text with markup", () => {
  it("is escaped in the HTML of the design page, the study list and the report", async () => {
    for (const path of [studyPath, "/studies", `${studyPath}/report`]) {
      const html = await (await owner.request(path)).text();
      for (const raw of RAW) expect(html, `${path} contains ${raw}`).not.toContain(raw);
    }
    expect(await (await owner.request(studyPath)).text()).toContain("&lt;script&gt;window.__xss");
  });

  it("stays text in the respondent's questionnaire in Chromium, on the screening and weights pages", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, userAgent: PHONE_USER_AGENT, locale: "en" });
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto(`${server.url}/s/${token}`);
    await page.locator(".sd-selectbase__label", { hasText: "Ours" }).waitFor();
    await expect.poll(() => page.locator(".sd-selectbase__label", { hasText: OWN }).count()).toBe(1);
    await expectInert(page);
    await page.locator(".sd-selectbase__label", { hasText: "Ours" }).click();
    await page.locator(".sd-selectbase__label", { hasText: "Rival" }).click();
    await page.locator(".sd-navigation__next-btn").click();
    await page.locator('[data-name="weights_quality"]').waitFor();
    await expect.poll(() => page.locator('[data-name="weights_quality"]').innerText()).toContain(QUALITY);
    await page.locator('[data-name="weights_quality"] .sd-multipletext__item-container').first().hover();
    await expectInert(page);
    expect(dialogs).toBe(0);
    await context.close();
  });

  it("stays text in the design page in Chromium", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: PHONE_USER_AGENT });
    await context.addCookies([{ name: "vm_session", value: owner.cookie("vm_session")!, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}${studyPath}`);
    await page.locator("h1", { hasText: "Kettles" }).waitFor();
    expect(await page.locator("h1").first().innerText()).toBe(TITLE);
    await expectInert(page);
    await context.close();
  });
});
