import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Signs the demo researcher in through the form, landing on `next` (a path). */
export async function signInAsDemo(page: Page, base: string, next: string): Promise<void> {
  await page.goto(`${base}/signin?next=${encodeURIComponent(next)}`);
  await page.fill("#email", "demo@valuemap.example");
  await page.fill("#password", "valuemap-demo-2026");
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.click("form:has(#email) button[type=submit]")]);
}

/** Switches the page's language with the header's button (a reload), unless it is already `lang`. */
export async function switchTo(page: Page, lang: "en" | "zh-CN"): Promise<void> {
  if ((await page.getAttribute("html", "lang")) === lang) return;
  await Promise.all([page.waitForLoadState("load"), page.click(`header button[lang="${lang}"]`)]);
  await expect.poll(() => page.getAttribute("html", "lang")).toBe(lang);
}

/** The page's uncaught errors and console errors from now on (a 404 asked for on purpose excepted). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 404/.test(m.text())) errors.push(m.text());
  });
  return errors;
}
