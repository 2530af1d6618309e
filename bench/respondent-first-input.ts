/**
 * Time to the first answer on a slow phone (issue 15): Chromium with 4x CPU slowdown and a slow-4G
 * line (400 ms round trip, 400 kbit/s down and up, through the DevTools protocol) opens the
 * respondent page (/s/demo) and taps the first offer as soon as it can; the clock stops when the
 * answer is accepted, i.e. saved by the server (the draft request answered 200). Measured cold (a
 * new browser profile) and on a repeat visit (the same profile: the hashed assets are cached a
 * year, immutable). The bare SurveyJS page (bench/bare-survey-page.ts, the same questionnaire,
 * the same caching) is measured in the same run, its clock stopping when the library shows the
 * tap (it saves nothing).
 *
 *   npm run bench:respondent-first-input     # builds the app first
 *
 * The last lines print the figures and the ratios respondent / bare; the goal is <= 5 s cold.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PHONE_USER_AGENT, startAppServer } from "../test/helpers/app-server";
import { launchChromium } from "../test/helpers/browser";
import { openRespondentPage, postAsPage } from "../test/helpers/respondent-browser";
import { buildBarePage, serveStatic } from "./bare-survey-page";

const LINE = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const CPU_SLOWDOWN = 4;

interface Run {
  ms: number;
  bytes: number;
}

/** One navigation on a throttled page: time from navigation to the first answer accepted, bytes received. */
async function firstAnswer(context: BrowserContext, url: string, answer: (page: Page) => Promise<void>): Promise<Run> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", LINE);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  await answer(page);
  const ms = performance.now() - started;
  await page.close();
  return { ms, bytes };
}

/** The respondent page: tap the first offer's row on the first page, wait for the server to save it. */
async function respondentAnswer(page: Page) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/s/demo/responses") && r.status() === 200 && (r.request().postData() ?? "").includes('"intent":"draft"'),
    { timeout: 120_000 },
  );
  await page.locator(".choice-row").first().click({ timeout: 120_000 });
  await saved;
}

/** The bare page: tap the first choice once the library shows it, wait until the library ticks it. */
async function bareAnswer(page: Page) {
  await page.locator(".sd-selectbase__label").first().click({ timeout: 120_000 });
  await page.locator(".sd-item--checked").first().waitFor({ timeout: 120_000 });
}

async function measure(browser: Browser, url: string, answer: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
  try {
    const cold = await firstAnswer(context, url, answer);
    const repeat = await firstAnswer(context, url, answer);
    return { cold, repeat };
  } finally {
    await context.close();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main() {
  const [app, browser] = await Promise.all([startAppServer(), launchChromium()]);
  try {
    const start = await postAsPage(app.url, "demo", await openRespondentPage(app.url, "demo"), { intent: "start", responseId: "bench-first-input" });
    const { survey } = (await start.json()) as { survey: unknown };
    const bare = await serveStatic(await buildBarePage(survey));
    try {
      const real = await measure(browser, `${app.url}/s/demo`, respondentAnswer);
      const base = await measure(browser, `${bare.url}/`, bareAnswer);
      console.log(`line: ${LINE.latency} ms round trip, ${(LINE.downloadThroughput * 8) / 1000} kbit/s; CPU ${CPU_SLOWDOWN}x slower`);
      console.log(`respondent page /s/demo: first answer saved after ${s(real.cold.ms)} cold (${kb(real.cold.bytes)} received), ${s(real.repeat.ms)} on a repeat visit (${kb(real.repeat.bytes)})`);
      console.log(`bare SurveyJS page: first answer taken after ${s(base.cold.ms)} cold (${kb(base.cold.bytes)} received), ${s(base.repeat.ms)} on a repeat visit (${kb(base.repeat.bytes)})`);
      console.log(`ratio cold ${(real.cold.ms / base.cold.ms).toFixed(3)}, repeat ${(real.repeat.ms / base.repeat.ms).toFixed(3)} (respondent page / bare page, time to the first answer; goal <= 5 s cold)`);
    } finally {
      bare.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
