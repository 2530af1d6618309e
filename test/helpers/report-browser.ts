import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { Db } from "../../db/client";
import { startAppServer, type AppServer } from "./app-server";
import { launchChromium } from "./browser";

/*
 * What the report's browser tests (test/e2e/report*.test.ts) share: the built server and Chromium
 * for the whole file, the page's logged errors, the chart texts measured in the chart's own
 * units, and the check that every one of them stays inside its chart.
 */

export interface ServerAndBrowser {
  server: AppServer;
  browser: Browser;
}

/**
 * Starts the built server and Chromium before the file's tests (`prepare` arranges the server's
 * database first, on a second connection) and stops both after them. Read `env.server` and
 * `env.browser` inside the tests: they are set once the hook has run.
 */
export function useServerAndBrowser(prepare?: (db: Db) => Promise<void>): ServerAndBrowser {
  const env = {} as ServerAndBrowser;
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startAppServer(), launchChromium()]);
    if (!prepare) return;
    const db = await env.server.openDb();
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** The messages the page logs as errors (and those `also` matches), collected as they come. */
export function consoleErrors(context: BrowserContext, also?: RegExp): string[] {
  const problems: string[] = [];
  context.on("console", (m) => {
    if (m.type() === "error" || (also && also.test(m.text()))) problems.push(m.text());
  });
  return problems;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

/** Every <text> of a chart, with its box in the chart's own units (viewBox), and the viewBox. */
export async function chartTexts(page: Page, chart: string): Promise<{ width: number; height: number; texts: Box[]; labels: Box[] }> {
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

/** Every text of `chart` inside it: nothing clipped at an edge (half a unit of rounding allowed). */
export function expectTextsInside(chart: string, { width, height, texts }: { width: number; height: number; texts: Box[] }): void {
  for (const t of texts) {
    expect(t.x, `${chart} "${t.text}" left`).toBeGreaterThanOrEqual(-0.5);
    expect(t.y, `${chart} "${t.text}" top`).toBeGreaterThanOrEqual(-0.5);
    expect(t.x + t.w, `${chart} "${t.text}" right`).toBeLessThanOrEqual(width + 0.5);
    expect(t.y + t.h, `${chart} "${t.text}" bottom`).toBeLessThanOrEqual(height + 0.5);
  }
}

/** The report tests' two screen sizes. */
export const REPORT_VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 375, height: 812 },
] as const;
