/**
 * The report's MaxDiff and price research sections in Chromium (issue 19) at desktop and phone
 * size, in English and Chinese, on the demo study with MaxDiff for quality and the price block
 * switched on and three analysed respondents' MaxDiff tasks, prices and ladder answers stored:
 * the sections show, every chart label stays inside its chart, the page never scrolls sideways,
 * and nothing is logged as an error.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { isIncluded } from "../../analysis/index";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { insertMethodAnswers } from "../../db/queries/method-answers";
import { listAttributes } from "../../db/queries/studies";
import { setPublishedMethods } from "../helpers/published-methods";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { chartTexts, consoleErrors, expectTextsInside, REPORT_VIEWPORTS, useServerAndBrowser } from "../helpers/report-browser";
import { openDemoReport } from "./report-fixture";

/** The demo study with MaxDiff for quality and the price block on, and three analysed respondents' answers to them. */
async function withMethodAnswers(db: Db): Promise<void> {
  await setPublishedMethods(
    db,
    1,
    StudyMethodsSchema.parse({
      importance: { rating: { quality: "maxdiff" } },
      priceResearch: { currency: "EUR", min: 0, max: 1000, likelihoods: true, ladder: [200, 300, 400, 500] },
    }),
    Date.now(),
  );
  const analysed = (await listAnalysisRespondents(db, 1, "aster")).filter((r) => isIncluded(r.flags, r.review, "out")).slice(0, 3);
  const [a, b, c, d] = (await listAttributes(db, 1)).filter((x) => x.kind === "quality").map((x) => x.code);
  const answers = [
    { p: [150, 250, 380, 520], l: [4, 2], ladder: [{ price: 300, buy: true }, { price: 400, buy: false }] },
    { p: [200, 280, 420, 600], l: [5, 3], ladder: [{ price: 300, buy: true }, { price: 400, buy: true }, { price: 500, buy: false }] },
    { p: [100, 220, 330, 450], l: [3, 1], ladder: [{ price: 300, buy: false }, { price: 200, buy: true }] },
  ];
  for (const [i, r] of analysed.entries()) {
    const x = answers[i]!;
    await insertMethodAnswers(db, r.id, {
      maxDiff: [
        { kind: "quality", task: 1, items: [a!, b!, c!, d!], best: i === 2 ? b! : a!, worst: d! },
        { kind: "quality", task: 2, items: [c!, d!, a!, b!], best: a!, worst: c! },
      ],
      prices: { tooCheap: x.p[0]!, cheap: x.p[1]!, expensive: x.p[2]!, tooExpensive: x.p[3]!, likelihoodCheap: x.l[0]!, likelihoodExpensive: x.l[1]! },
      ladder: x.ladder,
    });
  }
}
const env = useServerAndBrowser(withMethodAnswers);

describe("the report's research method sections in Chromium", () => {
  for (const viewport of REPORT_VIEWPORTS) {
    for (const lang of ["en", "zh-CN"] as const) {
      it(`shows MaxDiff and the price research with every label inside its chart (${viewport.name}, ${lang})`, async () => {
        const context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: lang });
        const problems = consoleErrors(context);
        const page = await context.newPage();
        try {
          await openDemoReport(page, env.server.url, lang);
          await page.waitForLoadState("networkidle");
          for (const section of ["maxdiff", "price"]) await expect.poll(() => page.locator(`[data-section="${section}"]`).isVisible(), { timeout: 5000 }).toBe(true);
          for (const chart of ["maxdiff", "psm", "nms", "gg"]) {
            expect(await page.locator(`svg#${chart}[data-chart="${chart}"]`).count(), chart).toBe(1);
            const measured = await chartTexts(page, chart);
            expect(measured.texts.length, chart).toBeGreaterThan(3);
            expectTextsInside(chart, measured);
          }
          // n = 3 < 30: the small-sample mark beside the price figures.
          expect(await page.locator('[data-section="price"] .small-n').count()).toBeGreaterThan(0);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          // Looked at by hand: test-results/report-methods-<viewport>-<lang>.png
          await page.locator('[data-section="price"]').screenshot({ path: `test-results/report-methods-${viewport.name}-${lang}.png` });
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
