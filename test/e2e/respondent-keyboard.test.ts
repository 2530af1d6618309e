/**
 * Issue 15: a respondent using only the keyboard (Tab, Space, arrow keys, typing, Enter) completes
 * both stages on a phone-sized page, in both languages; the server stores both responses.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";

let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const words = {
  en: { aster: "Aster", birch: "Birch", home: "At home", thanks: "Thank you!", reliability: "Reliability", taste: "Coffee taste", purchase: "Purchase price", running: "Running costs" },
  "zh-CN": { aster: "紫菀", birch: "白桦", home: "在家", thanks: "谢谢！", reliability: "可靠性", taste: "咖啡口感", purchase: "购买价格", running: "使用成本" },
} as const;
type Lang = keyof typeof words;

/** What to answer: choices to tick by text, the choice to pick by text, numbers to type per question. */
interface Plan {
  tick: Record<string, string[]>;
  pick: Record<string, string>;
  type: Record<string, string[]>;
}

interface Focused {
  tag: string;
  type: string;
  checked: boolean;
  value: string;
  question: string;
  text: string;
  control: string;
  groupAnswered: boolean;
  indexInQuestion: number;
}

const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLInputElement;
    const question = el.closest("[data-name]");
    const inputs = question ? [...question.querySelectorAll("input")] : [];
    return {
      tag: el.tagName,
      type: el.type ?? "",
      checked: el.checked === true,
      value: el.value ?? "",
      question: question?.getAttribute("data-name") ?? "",
      text: (el.closest("label")?.textContent ?? el.textContent ?? "").trim(),
      control: `${el.className} ${el.getAttribute("data-testid") ?? ""}`,
      groupAnswered: el.type === "radio" && inputs.some((i) => i.checked),
      indexInQuestion: inputs.indexOf(el),
    };
  });

/** Tabs through every page answering from the plan; Enter on "Next" and "Complete". */
async function completeByKeyboard(page: Page, plan: Plan) {
  for (let presses = 0; presses < 600; presses++) {
    if ((await page.locator(".sd-completedpage").count()) > 0) return;
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (/sd-navigation__next-btn|sd-navigation__complete-btn|first-page-next/.test(f.control)) {
      await page.keyboard.press("Enter");
      await page.waitForTimeout(400);
      continue;
    }
    if (f.type === "checkbox") {
      const wanted = plan.tick[f.question] ?? [];
      if (wanted.includes(f.text) && !f.checked) await page.keyboard.press("Space");
      continue;
    }
    if (f.type === "radio" && !f.groupAnswered) {
      const wanted = plan.pick[f.question];
      if (wanted === undefined) {
        await page.keyboard.press("Space"); // a rating: the first score
        continue;
      }
      await page.keyboard.press("Space");
      for (let i = 0; i < 12 && (await focused(page)).text !== wanted; i++) await page.keyboard.press("ArrowDown");
      continue;
    }
    const numbers = plan.type[f.question];
    if (f.tag === "INPUT" && numbers && f.value === "") {
      const inputs = numbers.length > 1 ? numbers[f.indexInQuestion] : numbers[0];
      if (inputs !== undefined) await page.keyboard.type(inputs);
    }
  }
  throw new Error("the questionnaire was not completed by keyboard");
}

const statusOf = (file: string, clientId: string) => {
  const d = new Database(file, { readonly: true });
  try {
    return (d.prepare("select status from responses where client_id = ?").get(clientId) as { status: string } | undefined)?.status;
  } finally {
    d.close();
  }
};

describe("keyboard only", () => {
  for (const lang of ["en", "zh-CN"] as Lang[]) {
    it(`completes the rating stage and the focus-group stage (${lang})`, async () => {
      const w = words[lang];
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: lang, userAgent: PHONE_USER_AGENT });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));

      await page.goto(`${server.url}/s/demo`);
      await page.getByTestId("first-page").waitFor();
      await completeByKeyboard(page, {
        tick: { known_offers: [w.aster, w.birch], considered_offers: [w.birch] },
        pick: { last_purchase: w.aster, profile_segment: w.home },
        type: { weights_quality: ["30", "25", "15", "20", "10"], weights_price: ["50", "30", "20"], quality_share: ["60"] },
      });
      await page.locator(".sd-completedpage", { hasText: w.thanks }).waitFor();
      const rating = await page.evaluate(() => localStorage.getItem("valuemap:demo:responseId"));
      await expect.poll(() => statusOf(server.databaseFile, rating!)).toBe("complete");

      await page.goto(`${server.url}/s/demo?stage=focus-group`);
      await page.getByTestId("first-page").waitFor();
      await completeByKeyboard(page, {
        tick: { matters_quality: [w.reliability, w.taste], matters_price: [w.purchase, w.running] },
        pick: {},
        type: { points_reliability: ["60"], points_taste: ["40"], points_purchase: ["70"], points_running: ["30"], quality_share: ["55"] },
      });
      await page.locator(".sd-completedpage", { hasText: w.thanks }).waitFor();
      const focusGroup = await page.evaluate(() => localStorage.getItem("valuemap:demo:fg:responseId"));
      await expect.poll(() => statusOf(server.databaseFile, focusGroup!)).toBe("complete");
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
