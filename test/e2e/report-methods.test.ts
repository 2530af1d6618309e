/**
 * The report's MaxDiff and price research sections in Chromium (issue 19) at desktop and phone
 * size, in English and Chinese, on the demo study with MaxDiff for quality and the price block
 * switched on and three analysed respondents' MaxDiff tasks, prices and ladder answers stored:
 * the sections show, every chart label stays inside its chart, the page never scrolls sideways,
 * and nothing is logged as an error.
 */
import type { Page } from "playwright-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIncluded } from "../../analysis/index";
import { listAnalysisRespondents } from "../../db/queries/analysis-respondents";
import { insertMethodAnswers } from "../../db/queries/method-answers";
import { listAttributes } from "../../db/queries/studies";
import { setPublishedMethods } from "../helpers/published-methods";
import { StudyMethodsSchema } from "../../surveys/study-methods";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { openDemoReport } from "./report-fixture";

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  const db = await server.openDb();
  try {
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
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

/** Every <text> of a chart, with its box in the chart's own units (viewBox), and the viewBox. */
async function chartTexts(page: Page, chart: string): Promise<{ width: number; height: number; texts: Box[]; labels: Box[] }> {
  return page.evaluate((id) => {
    const svg = document.getElementById(id) as unknown as SVGSVGElement;
    const vb = svg.viewBox.baseVal;
    const box = (t: SVGGraphicsElement) => {
      const b = t.getBBox();
      // Texts under a transform (the rotated axis title) are measured in the chart's units.
      const m = t.getCTM();
      const s = svg.getCTM();
      if (!m || !s) return { x: b.x, y: b.y, w: b.width, h: b.height, text: t.textContent ?? "" };
      const toChart = s.inverse().multiply(m);
      const corners = [
        new DOMPoint(b.x, b.y),
        new DOMPoint(b.x + b.width, b.y),
        new DOMPoint(b.x, b.y + b.height),
        new DOMPoint(b.x + b.width, b.y + b.height),
      ].map((p) => p.matrixTransform(toChart));
      const xs = corners.map((p) => p.x);
      const ys = corners.map((p) => p.y);
      return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys), text: t.textContent ?? "" };
    };
    const texts = [...svg.querySelectorAll("text")].map((t) => box(t as SVGGraphicsElement));
    const labels = [...svg.querySelectorAll("text.point-label, [data-zone-label]")].map((t) => box(t as SVGGraphicsElement));
    return { width: vb.width, height: vb.height, texts, labels };
  }, chart);
}


const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 375, height: 812 },
] as const;

describe("the report's research method sections in Chromium", () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of ["en", "zh-CN"] as const) {
      it(`shows MaxDiff and the price research with every label inside its chart (${viewport.name}, ${lang})`, async () => {
        const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: lang });
        const problems: string[] = [];
        context.on("console", (m) => {
          if (m.type() === "error") problems.push(m.text());
        });
        const page = await context.newPage();
        try {
          await openDemoReport(page, server.url, lang);
          await page.waitForLoadState("networkidle");
          for (const section of ["maxdiff", "price"]) await expect.poll(() => page.locator(`[data-section="${section}"]`).isVisible(), { timeout: 5000 }).toBe(true);
          for (const chart of ["maxdiff", "psm", "nms", "gg"]) {
            expect(await page.locator(`svg#${chart}[data-chart="${chart}"]`).count(), chart).toBe(1);
            const { width, height, texts } = await chartTexts(page, chart);
            expect(texts.length, chart).toBeGreaterThan(3);
            for (const t of texts) {
              expect(t.x, `${chart} "${t.text}" left`).toBeGreaterThanOrEqual(-0.5);
              expect(t.y, `${chart} "${t.text}" top`).toBeGreaterThanOrEqual(-0.5);
              expect(t.x + t.w, `${chart} "${t.text}" right`).toBeLessThanOrEqual(width + 0.5);
              expect(t.y + t.h, `${chart} "${t.text}" bottom`).toBeLessThanOrEqual(height + 0.5);
            }
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
