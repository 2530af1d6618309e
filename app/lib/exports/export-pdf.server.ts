import crypto from "node:crypto";
import fs from "node:fs";
import { getStudyById } from "../../../db/queries/members";
import type { Study } from "../../../db/queries/studies";
import { isLocale, type Locale } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";

/**
 * The report as a PDF, printed by Chromium from the report page itself (the same page, print
 * styles and page headers as the browser's Print). Optional: it needs Chromium on the server
 * (`CHROMIUM_PATH`, default Debian's /usr/bin/chromium) and playwright-core to drive it.
 *
 * The server's Chromium never follows an address the requester chose: it opens this server's
 * own print page (`/report-print/<token>`, on `PDF_RENDER_ORIGIN` or the loopback address) with a
 * token signed by a key that lives only in this process and expires in a minute. One render at
 * a time; at most two wait; each is bounded by a timeout.
 */

/** The viewport the page is laid out at before printing (about an A4 page's width at 96 dpi). */
export const PDF_VIEWPORT = { width: 800, height: 1100 } as const;
const TOKEN_TTL_MS = 60_000;
const RENDER_TIMEOUT_MS = 45_000;
const MAX_WAITING = 2;
const KEY = crypto.randomBytes(32);

const mac = (payload: string) => crypto.createHmac("sha256", KEY).update(payload).digest("base64url");

/** A print token for one study in one locale, valid for a minute: `<study>.<locale>.<expiry>.<hmac>`. */
export function signPrintToken(studyId: number, locale: Locale, now = Date.now()): string {
  const payload = `${studyId}.${locale}.${now + TOKEN_TTL_MS}`;
  return `${payload}.${mac(payload)}`;
}

/** The study and locale of a valid, unexpired print token; null for anything else. */
export async function studyOfPrintToken(db: Db, token: string | undefined, now = Date.now()): Promise<{ study: Study; locale: Locale } | null> {
  const m = /^(\d{1,12})\.(en|zh-CN)\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
  if (!m) return null;
  const [, id, locale, expiry, signature] = m as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(`${id}.${locale}.${expiry}`));
  if (expected.length !== signature.length || !crypto.timingSafeEqual(expected, Buffer.from(signature))) return null;
  if (Number(expiry) < now || !isLocale(locale)) return null;
  const study = await getStudyById(db, Number(id));
  return study ? { study, locale } : null;
}

export type PdfResult = { ok: true; pdf: Uint8Array } | { ok: false; reason: "unavailable" | "busy" | "failed" };

/** Whether the server can print PDFs: a Chromium at CHROMIUM_PATH (not `off`). */
export const pdfAvailable = () => env.CHROMIUM_PATH !== "off" && fs.existsSync(env.CHROMIUM_PATH);

function renderOrigin(): string {
  if (env.PDF_RENDER_ORIGIN) return new URL(env.PDF_RENDER_ORIGIN).origin;
  const host = env.HOST && !["0.0.0.0", "::", ""].includes(env.HOST) ? env.HOST : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}

let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

/**
 * Prints the report of `study` (in `locale`, with the report options of `query`) on A4 or
 * Letter, portrait. Resolves `{ ok: false, reason }` when no Chromium is installed, when two
 * renders already wait, or when the render fails or times out (logged without details to the reader).
 */
export async function renderReportPdf(args: { study: Study; locale: Locale; query: string; paper: "a4" | "letter" }): Promise<PdfResult> {
  if (!pdfAvailable()) return { ok: false, reason: "unavailable" };
  if (pending > MAX_WAITING) return { ok: false, reason: "busy" };
  pending += 1;
  const run = queue.then(() => printOnce(args));
  queue = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    pending -= 1;
  }
}

async function printOnce({ study, locale, query, paper }: { study: Study; locale: Locale; query: string; paper: "a4" | "letter" }): Promise<PdfResult> {
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  const browser = await playwright.chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    timeout: RENDER_TIMEOUT_MS,
  });
  const timer = setTimeout(() => void browser.close().catch(() => undefined), RENDER_TIMEOUT_MS);
  try {
    const context = await browser.newContext({ viewport: PDF_VIEWPORT, locale, javaScriptEnabled: true });
    const page = await context.newPage();
    const url = `${renderOrigin()}/report-print/${signPrintToken(study.id, locale)}${query ? `?${query}` : ""}`;
    const response = await page.goto(url, { waitUntil: "networkidle", timeout: RENDER_TIMEOUT_MS });
    if (!response || response.status() !== 200) throw new Error(`the print page answered ${response?.status() ?? "nothing"}`);
    // Charts are drawn at their box's width once the page has hydrated (ChartFrame).
    await page.waitForFunction(() => [...document.querySelectorAll("[data-chart-frame]")].every((f) => f.hasAttribute("data-measured")), null, {
      timeout: 10_000,
    });
    const pdf = await page.pdf({ format: paper === "letter" ? "Letter" : "A4", printBackground: true });
    return { ok: true, pdf: new Uint8Array(pdf) };
  } catch (error) {
    console.error("PDF export failed:", error instanceof Error ? error.message.split("\n")[0] : error);
    return { ok: false, reason: "failed" };
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}
