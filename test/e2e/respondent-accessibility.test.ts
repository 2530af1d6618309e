/**
 * Issue 15, WCAG 2.2 AA on the respondent page: axe-core (the maintained package, injected into
 * Chromium) on every page of both stages in both languages at 320 px, with the errors shown and
 * after completion, finds no serious or critical violation; no target is under 24 x 24 CSS px
 * (2.5.8), every choice and rating row is at least 44 px high and no rating anchor covers a
 * button; `lang` follows the language.
 * Screenshots of every page at 320 px in Chinese go to test-results/respondent-320-zh/.
 * A keyboard-only respondent completes both stages (respondent-keyboard.test.ts).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { answerFirstPage, holdLibrary, rateCurrentPage, tapRowEnd, typeInto } from "../helpers/demo-questionnaire";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const shots = "test-results/respondent-320-zh";

let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const texts = {
  en: { aster: "Aster", birch: "Birch", home: "At home", thanks: "Thank you!", reliability: "Reliability", taste: "Coffee taste", purchase: "Purchase price", running: "Running costs" },
  "zh-CN": { aster: "紫菀", birch: "白桦", home: "在家", thanks: "谢谢！", reliability: "可靠性", taste: "咖啡口感", purchase: "购买价格", running: "使用成本" },
} as const;
type Lang = keyof typeof texts;

interface Finding {
  page: string;
  id: string;
  impact: string | null | undefined;
  nodes: string[];
}

/** axe-core with the WCAG 2.0, 2.1 and 2.2 A/AA rules: the serious and critical violations. */
async function axe(page: Page, name: string): Promise<Finding[]> {
  // Evaluated through the DevTools protocol: the page's CSP does not apply to it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run;
    const result = await run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ page: name, ...v }));
}

/** Visible controls under 24 x 24 px (2.5.8), and choice or rating rows under 44 px high. */
async function smallTargets(page: Page, name: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (r: DOMRect) => r.width > 0 && r.height > 0;
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, input:not(.sd-visuallyhidden):not(.sv-visuallyhidden):not([type=hidden]), .sd-rating__item, .sd-selectbase__label, .choice-row")) {
      const r = el.getBoundingClientRect();
      if (!visible(r)) continue;
      const label = `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`;
      if (r.width < 24 || r.height < 24) out.push(label);
      else if ((el.matches(".sd-rating__item, .sd-selectbase__label, .choice-row") && r.height < 44) || (el.matches(".lang-switch") && Math.min(r.width, r.height) < 44)) out.push(label);
    }
    return out;
  });
  return found.map((f) => `${name}: ${f}`);
}

/** Rating anchors ("1 = ...", "10 = ...") that overlap a rating button of their question (they sit above the buttons). */
async function anchorsOverButtons(page: Page, name: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const fieldset of document.querySelectorAll(".sd-rating fieldset")) {
      const buttons = [...fieldset.querySelectorAll(".sd-rating__item")].map((b) => b.getBoundingClientRect());
      for (const anchor of fieldset.querySelectorAll(".sd-rating__min-text, .sd-rating__max-text")) {
        const r = anchor.getBoundingClientRect();
        if (r.width > 0 && buttons.some((b) => meets(r, b))) out.push(`"${(anchor.textContent ?? "").trim()}" over a button`);
      }
    }
    return [...new Set(out)];
  });
  return found.map((f) => `${name}: ${f}`);
}

async function phone(lang: Lang) {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: lang, isMobile: true, hasTouch: true, userAgent: PHONE_USER_AGENT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

const next = (page: Page) => page.locator(".sd-navigation__next-btn").click();
const choose = (page: Page, question: string, text: string) => tapRowEnd(page.locator(`[data-name="${question}"] .sd-selectbase__label`, { hasText: text }));

/** Checks one page: axe, targets, `lang`; a screenshot at 320 px in Chinese. */
function checker(page: Page, lang: Lang, stage: string) {
  const findings: Finding[] = [];
  const small: string[] = [];
  let n = 0;
  return {
    findings,
    small,
    async check(name: string) {
      n += 1;
      const label = `${stage} ${String(n).padStart(2, "0")}-${name}`;
      await page.waitForTimeout(150);
      findings.push(...(await axe(page, label)));
      small.push(...(await smallTargets(page, label)));
      small.push(...(await anchorsOverButtons(page, label)));
      expect(await page.evaluate(() => document.documentElement.lang), label).toBe(lang);
      if (lang === "zh-CN") await page.screenshot({ path: `${shots}/${stage}-${String(n).padStart(2, "0")}-${name}.png`, fullPage: true });
    },
  };
}

describe("respondent page: WCAG 2.2 AA at 320 px", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`rating stage, every page (${lang})`, async () => {
      const { context, page, errors } = await phone(lang);
      const t = texts[lang];
      const c = checker(page, lang, "rating");
      const release = await holdLibrary(page);
      await page.goto(`${server.url}/s/demo`);
      await page.getByTestId("first-page").waitFor();
      await c.check("screening");
      await page.getByTestId("first-page-next").click();
      await c.check("screening-error");
      release();
      await answerFirstPage(page, [t.aster, t.birch]);
      await c.check("weights");
      await next(page);
      await page.locator(".sd-question__erbox").first().waitFor();
      await c.check("weights-errors");
      await typeInto(page, '[data-name="weights_quality"] .sd-multipletext__item-container', ["30", "25", "15", "20", "10"]);
      await typeInto(page, '[data-name="weights_price"] .sd-multipletext__item-container', ["50", "30", "20"]);
      await typeInto(page, '[data-name="quality_share"] .sd-question__content', ["60"]);
      await next(page);
      await page.locator(".sd-rating__item").first().waitFor();
      await c.check("offer-1");
      await rateCurrentPage(page);
      await next(page);
      await page.locator(".sd-rating__item--selected").first().waitFor({ state: "detached" });
      await c.check("offer-2");
      await rateCurrentPage(page);
      await next(page);
      await page.locator('[data-name="last_purchase"]').waitFor();
      await choose(page, "last_purchase", t.aster);
      await choose(page, "considered_offers", t.birch);
      await c.check("purchase");
      await next(page);
      await page.locator('[data-name="profile_segment"]').waitFor();
      await c.check("profile");
      await choose(page, "profile_segment", t.home);
      await page.locator(".sd-navigation__complete-btn").click();
      await page.locator(".sd-completedpage", { hasText: t.thanks }).waitFor();
      await c.check("completed");
      expect(c.findings).toEqual([]);
      expect(c.small).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it(`focus-group stage, every page (${lang})`, async () => {
      const { context, page, errors } = await phone(lang);
      const t = texts[lang];
      const c = checker(page, lang, "focus-group");
      const release = await holdLibrary(page);
      await page.goto(`${server.url}/s/demo?stage=focus-group`);
      await page.getByTestId("first-page").waitFor();
      await c.check("matters");
      for (const name of [t.reliability, t.taste, t.purchase, t.running]) await tapRowEnd(page.locator(".choice-row", { hasText: name }));
      release();
      await page.getByTestId("first-page-next").click();
      await page.locator('[data-name="suggestion_1"]').waitFor();
      await c.check("suggestions");
      await next(page);
      await page.locator('[data-name="points_reliability"]').waitFor();
      await c.check("points");
      for (const [name, value] of [["points_reliability", "60"], ["points_taste", "40"], ["points_purchase", "70"], ["points_running", "30"]] as const) {
        await page.locator(`[data-name="${name}"] input`).fill(value);
      }
      await next(page);
      await page.locator('[data-name="quality_share"]').waitFor();
      await c.check("split");
      await page.locator('[data-name="quality_share"] input').fill("55");
      await page.locator(".sd-navigation__complete-btn").click();
      await page.locator(".sd-completedpage", { hasText: t.thanks }).waitFor();
      await c.check("completed");
      expect(c.findings).toEqual([]);
      expect(c.small).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
