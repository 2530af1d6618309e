/**
 * The app as a person starts it. README's first command is `npm ci && npm start`, and `npm start`
 * is `npm run build && npm run serve`: this test builds nothing new (npm test built already) and
 * runs `npm run serve` as a child process, in an environment holding only what a shell has
 * (PATH, HOME; PORT to get a free port) — no NODE_ENV, no test variable, no app setting — from
 * a fresh working directory, so the database is the default `data/valuemap.db` there and the
 * demo is seeded as on a new machine. Then Chromium uses it as its people do:
 * 1. a phone (375×812, touch, a phone User-Agent) completes /s/demo in English and in Chinese;
 * 2. a new researcher signs up, creates the smallest study that can be published, publishes it
 *    and opens its empty report;
 * 3. the demo researcher signs in, opens /studies/1/report and sees the value map.
 * Any console error, CSP violation, page error, failed request or HTTP error status fails it.
 *
 * It failed on the main of 2026-12-05 (every page sent `default-src 'none'`: no script ran).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertFreshBuild, freePort, personEnvironment, PHONE_USER_AGENT } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { rawMessageKeys } from "../helpers/raw-message-keys";
import { fillDemoQuestionnaire, type DemoLanguage } from "../helpers/demo-questionnaire";
import { DesignPage } from "./design-page";

const root = path.resolve(import.meta.dirname, "../..");
let cwd: string;
let child: ChildProcess;
let url: string;
let output = "";
let browser: Browser;

/** A working directory like a fresh clone's, without its data/: the repository's files by symlink. */
function freshWorkingDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-smoke-"));
  for (const name of ["package.json", "app", "build", "db", "node_modules", "scripts"]) fs.symlinkSync(path.join(root, name), path.join(dir, name));
  return dir;
}

beforeAll(async () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  // What this test runs must stay what `npm start` runs after its build.
  expect(scripts.start).toBe("npm run build && npm run serve");
  assertFreshBuild();
  cwd = freshWorkingDirectory();
  const port = await freePort();
  url = `http://localhost:${port}`;
  child = spawn("npm", ["run", "serve"], { cwd, env: personEnvironment({ PORT: String(port) }), stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  browser = await launchChromium();
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm run serve exited:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`npm run serve did not answer /healthz:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    // npm and the node server it started: the whole process group.
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
  if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
});

/** Everything that goes wrong in a page, as lines: the test expects none. */
function watch(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  context.on("weberror", (e) => problems.push(`page error: ${e.error().message}`));
  context.on("requestfailed", (r) => {
    // A navigation that replaces a pending data request cancels it; that is not a failure.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  context.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT };

async function screenshot(page: Page, name: string) {
  // Every text on the page is a translated message, never a key the page was not sent.
  expect(rawMessageKeys(await page.innerText("body")), name).toEqual([]);
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  await page.screenshot({ path: path.join(root, "test-results", `smoke-${name}.png`), fullPage: false });
}

describe("the app started as the README starts it (npm run serve, a person's environment)", () => {
  it("serves pages with the nonce policy and the server says how it started", async () => {
    for (const pathname of ["/", "/signin", "/s/demo"]) {
      const res = await fetch(url + pathname);
      expect(res.status, pathname).toBe(200);
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      expect(csp, pathname).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, pathname).not.toContain("default-src 'none'");
    }
    expect(output).toContain("the demo account demo@valuemap.example exists with its public password");
  });

  for (const lang of ["en", "zh-CN"] as DemoLanguage[]) {
    it(`a phone completes /s/demo (${lang})`, async () => {
      const context = await browser.newContext({ ...phone, locale: lang });
      const problems = watch(context);
      const page = await context.newPage();
      await page.goto(`${url}/s/demo`);
      await fillDemoQuestionnaire(page, lang, { onFirstOfferPage: () => screenshot(page, `respondent-${lang}-375`) });
      await screenshot(page, `respondent-${lang}-375-done`);
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it("a new researcher signs up, creates and publishes the smallest study, and opens its empty report", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const problems = watch(context);
    const page = await context.newPage();
    await page.goto(url);
    await Promise.all([page.waitForURL(/\/signup/), page.click('header a[href="/signup"]')]);
    await page.fill("#email", "new.researcher@example.com");
    await page.fill("#password", "a long enough passphrase");
    await Promise.all([page.waitForURL(/\/studies$/), page.click("form:has(#email) button[type=submit]")]);

    await page.fill("#new-study [name=title]", "E-scooters 2027");
    await Promise.all([page.waitForURL(/\/studies\/\d+$/), page.click("#new-study button[type=submit]")]);
    const studyPath = new URL(page.url()).pathname;

    // The design page's row editors: both offers in one submit, both attributes in another.
    const design = new DesignPage(page);
    await design.ready();
    await design.addOffers([{ name: "Kestrel" }, { name: "Falcon" }], 0);
    await design.addAttributes([
      { kind: "quality", name: "Range" },
      { kind: "price", name: "Purchase price" },
    ]);
    await expect.poll(() => page.locator("#publish .issues li").count()).toBe(0);
    await design.publish("rating");
    await expect.poll(() => page.locator("#publish").innerText()).toMatch(/version 1/i);
    const link = await page.locator('#publish a[href^="/s/"]').getAttribute("href");
    expect(link).toMatch(/^\/s\/[A-Za-z0-9_-]+$/);

    await page.goto(`${url}${studyPath}/report`);
    await page.getByTestId("no-data").waitFor();
    expect(await page.getByTestId("respondents").innerText()).toMatch(/\b0\b/);
    await screenshot(page, "researcher-empty-report-1280");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("the demo researcher signs in and sees the value map", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en" });
    const problems = watch(context);
    const page = await context.newPage();
    await page.goto(`${url}/studies/1/report`);
    await page.waitForURL(/\/signin/);
    await page.fill("#email", "demo@valuemap.example");
    await page.fill("#password", "valuemap-demo-2026");
    await Promise.all([page.waitForURL(/\/studies\/1\/report/), page.click("form:has(#email) button[type=submit]")]);
    await page.locator('svg[data-testid="value-map"]').waitFor();
    expect(await page.locator('svg[data-testid="value-map"] circle').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "report-1280");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
