/**
 * Respondent page weight: the gzip bytes everything the respondent page (/s/demo, the rating
 * questionnaire) loads in Chromium at 375x812, against a bare page built in the same run that
 * renders the same SurveyJS JSON with nothing else (React, survey-core, survey-react-ui, the
 * fontless SurveyJS CSS and its Simplified Chinese strings, built by Vite with the app's target).
 * Every response the browser receives (document, scripts, styles, the questionnaire JSON) is
 * gzipped here at level 6, whatever the server sent, so both pages are counted alike.
 *
 *   npm run bench:respondent-page     # builds the app first
 *
 * The respondent page renders its first page on the server and fetches the questionnaire library
 * right after the response starts, without waiting for a tap: "networkidle" counts it whole.
 *
 * The last line printed holds the ratio real / bare; the goal is <= 1.02 (issue 15).
 */
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { PHONE_USER_AGENT, startAppServer } from "../test/helpers/app-server";
import { launchChromium } from "../test/helpers/browser";
import { buildBarePage, serveStatic } from "./bare-survey-page";
import { openRespondentPage, postAsPage } from "../test/helpers/respondent-browser";


interface Weight {
  files: Array<{ url: string; raw: number; gzip: number }>;
  gzip: number;
  raw: number;
}

/** Loads a page on a phone-sized Chromium and sums the gzip size of every response body. */
async function weigh(browser: Browser, url: string, ready: string): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, userAgent: PHONE_USER_AGENT });
  const page = await context.newPage();
  const bodies: Array<Promise<{ url: string; raw: number; gzip: number } | null>> = [];
  page.on("response", (res) => {
    bodies.push(
      res
        .body()
        .then((b) => ({ url: res.url(), raw: b.length, gzip: zlib.gzipSync(b, { level: 6 }).length }))
        .catch(() => null),
    );
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter((f): f is NonNullable<typeof f> => f !== null);
  await context.close();
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), raw: files.reduce((s, f) => s + f.raw, 0) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function print(label: string, w: Weight) {
  console.log(`${label}: ${w.files.length} responses, ${kb(w.raw)} raw, ${kb(w.gzip)} gzip`);
  for (const f of [...w.files].sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${kb(f.gzip).padStart(9)}  ${new URL(f.url).pathname}`);
  }
}

async function main() {
  const [app, browser] = await Promise.all([startAppServer(), launchChromium()]);
  try {
    // The same questionnaire JSON the respondent page gets (the demo's rating stage, offer order applied).
    const page = await openRespondentPage(app.url, "demo");
    const start = await postAsPage(app.url, "demo", page, { intent: "start", responseId: "bench-respondent-page" });
    const { survey } = (await start.json()) as { survey: unknown };
    const real = await weigh(browser, `${app.url}/s/demo`, "#first-page");
    if (!real.files.some((f) => /survey-app-[^/]+\.js$/.test(f.url))) throw new Error("the respondent page did not load the questionnaire library");
    const bare = await serveStatic(await buildBarePage(survey));
    try {
      const bareWeight = await weigh(browser, `${bare.url}/`, ".sd-question");
      print("respondent page /s/demo", real);
      print("bare SurveyJS page", bareWeight);
      console.log(`respondent page ${real.gzip} bytes gzip, bare page ${bareWeight.gzip} bytes gzip`);
      console.log(`ratio ${(real.gzip / bareWeight.gzip).toFixed(3)} (respondent page / bare page, gzip bytes; goal <= 1.02)`);
    } finally {
      bare.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
